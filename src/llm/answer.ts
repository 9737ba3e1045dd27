// A model's answer, read forgivingly: local models asked for "a JSON array of strings" also answer
// with a fenced ```json block, an object around the array, a list of numbered lines, or their
// reasoning in <think> tags first. What comes out is only a list of strings; whether those are
// acceptable questions is checks.ts's business.
import { z } from 'zod';

const STRINGS = z.array(z.string());
const WRAPPED = z.object({ questions: STRINGS });
const OBJECTS = z.array(z.object({ question: z.string() }));

/** A JSON value of one of the shapes models give for a list of questions, as strings. */
function fromJson(value: unknown): string[] | undefined {
  for (const read of [
    (v: unknown) => STRINGS.parse(v),
    (v: unknown) => WRAPPED.parse(v).questions,
    (v: unknown) => OBJECTS.parse(v).map((o) => o.question),
  ]) {
    try {
      return read(value);
    } catch {
      // next shape
    }
  }
  return undefined;
}

function tryJson(text: string): string[] | undefined {
  const attempts = [text.trim()];
  // An array with words around it ("Here are the questions: [...]").
  const open = text.indexOf('[');
  const close = text.lastIndexOf(']');
  if (open >= 0 && close > open) attempts.push(text.slice(open, close + 1));
  // A trailing comma before the closing bracket, which small models often leave.
  for (const a of [...attempts]) if (/,\s*[\]}]/.test(a)) attempts.push(a.replace(/,(\s*[\]}])/g, '$1'));
  for (const a of attempts) {
    try {
      const list = fromJson(JSON.parse(a));
      if (list) return list;
    } catch {
      // not JSON
    }
  }
  return undefined;
}

const LIST_LINE = /^\s*(?:\d{1,2}\s*[.):]|[-*•]|Q\d{1,2}\s*[.:)]?)\s+(.+?)\s*$/i;

/** "1. …", "2) …", "- …", "Q3: …" lines, when the model wrote a list instead of JSON. */
function fromLines(text: string): string[] | undefined {
  const items = text
    .split('\n')
    .map((line) => LIST_LINE.exec(line)?.[1])
    .filter((s): s is string => Boolean(s));
  return items.length ? items : undefined;
}

/**
 * The questions in a model's answer, or undefined when it holds no list of them. Each is trimmed
 * with its whitespace collapsed; empty ones are dropped.
 */
export function parseQuestions(content: string): string[] | undefined {
  let text = content.replace(/<think>[\s\S]*?<\/think>/gi, '');
  // Reasoning that never closed: the answer was cut off before it began.
  if (/<think>/i.test(text)) return undefined;
  const fenced = [...text.matchAll(/```[\w-]*[^\S\n]*\n?([\s\S]*?)```/g)].map((m) => m[1]!);
  let list: string[] | undefined;
  for (const block of fenced) if ((list = tryJson(block))) break;
  list ??= tryJson(text);
  if (!list) {
    if (fenced.length) text = fenced.join('\n');
    list = fromLines(text);
  }
  const cleaned = list?.map((q) => q.replace(/\s+/g, ' ').trim()).filter(Boolean);
  return cleaned?.length ? cleaned : undefined;
}
