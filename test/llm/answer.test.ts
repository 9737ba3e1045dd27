// Reading a model's answer and checking it before a group sees it: the shapes local models really
// answer in, and every way a question can misquote the text or reach outside the channel.
import { describe, expect, it } from 'vitest';
import { parseQuestions } from '../../src/llm/answer.js';
import { checkQuestions, cleanQuestion, quotationFound, quotations, MAX_QUESTIONS } from '../../src/llm/checks.js';

const QS = ['What does the author mean by small teams?', 'Would the trade-off hold for a larger group?'];

describe('parseQuestions', () => {
  it('reads a plain JSON array', () => {
    expect(parseQuestions(JSON.stringify(QS))).toEqual(QS);
  });

  it('reads an array in a fenced ```json block with words around it', () => {
    const answer = `Sure! Here are some questions:\n\n\`\`\`json\n${JSON.stringify(QS, null, 2)}\n\`\`\`\n\nI hope these help.`;
    expect(parseQuestions(answer)).toEqual(QS);
  });

  it('reads an array with a sentence before it, an object around it, and objects inside it', () => {
    expect(parseQuestions(`Questions: ${JSON.stringify(QS)}`)).toEqual(QS);
    expect(parseQuestions(JSON.stringify({ questions: QS }))).toEqual(QS);
    expect(parseQuestions(JSON.stringify(QS.map((question) => ({ question }))))).toEqual(QS);
  });

  it('reads numbered and bulleted lines when the model writes a list instead', () => {
    expect(parseQuestions(`Here you go:\n1. ${QS[0]}\n2) ${QS[1]}`)).toEqual(QS);
    expect(parseQuestions(`- ${QS[0]}\n* ${QS[1]}`)).toEqual(QS);
    expect(parseQuestions(`\`\`\`\n1. ${QS[0]}\n2. ${QS[1]}\n\`\`\``)).toEqual(QS);
  });

  it('skips a reasoning model\'s <think> block, and gives up on one that never closed', () => {
    expect(parseQuestions(`<think>The passage is about teams. [not this]</think>\n${JSON.stringify(QS)}`)).toEqual(QS);
    expect(parseQuestions('<think>The passage is about teams and I should')).toBeUndefined();
  });

  it('forgives a trailing comma in the array', () => {
    expect(parseQuestions(`["${QS[0]}", "${QS[1]}",\n]`)).toEqual(QS);
  });

  it('collapses whitespace and drops empty entries', () => {
    expect(parseQuestions(JSON.stringify(['  What   does\nit mean? ', '', QS[1]]))).toEqual(['What does it mean?', QS[1]]);
  });

  it('finds nothing in prose, an empty array, or an array of numbers', () => {
    expect(parseQuestions('I cannot help with that.')).toBeUndefined();
    expect(parseQuestions('[]')).toBeUndefined();
    expect(parseQuestions('[1, 2, 3]')).toBeUndefined();
  });
});

const PASSAGE =
  'We kept the team small on purpose. A small team argues less about process and more about the product, but it also has fewer people to notice when a design is wrong. Later we doubled it, and the arguments moved from the product to the roadmap.';
const NEIGHBOUR = 'The second year was about hiring. Nobody wanted to be the one who slowed the launch down.';
const TEXTS = [PASSAGE, NEIGHBOUR];

describe('quotationFound', () => {
  it('accepts a verbatim quotation from the passage or a neighbour, whatever the quote style and spacing', () => {
    expect(quotationFound('argues less about process', TEXTS)).toBe(true);
    expect(quotationFound('Nobody wanted to be the one', TEXTS)).toBe(true);
    expect(quotationFound('argues  less\nabout   process', TEXTS)).toBe(true);
    // A capital where the quotation starts, a full stop inside the closing quote.
    expect(quotationFound('A small team argues less about process.', TEXTS)).toBe(true);
    expect(quotationFound('Later we doubled it.', TEXTS)).toBe(true);
  });

  it('refuses a quotation with one word changed, added or dropped', () => {
    expect(quotationFound('argues less about processes', TEXTS)).toBe(false);
    expect(quotationFound('argues much less about process', TEXTS)).toBe(false);
    expect(quotationFound('A small team argues about process', TEXTS)).toBe(false);
  });

  it('refuses a quotation that starts or ends inside a word', () => {
    expect(quotationFound('mall team argues', TEXTS)).toBe(false);
    expect(quotationFound('the arguments mov', TEXTS)).toBe(false);
  });

  it('accepts a cut marked with an ellipsis only when the pieces come in the text\'s order, in one text', () => {
    expect(quotationFound('A small team argues less … fewer people to notice', TEXTS)).toBe(true);
    expect(quotationFound('A small team argues less ... fewer people to notice', TEXTS)).toBe(true);
    expect(quotationFound('…fewer people to notice when a design is wrong', TEXTS)).toBe(true);
    expect(quotationFound('fewer people to notice … A small team argues less', TEXTS)).toBe(false);
    expect(quotationFound('kept the team small … slowed the launch down', TEXTS)).toBe(false);
    expect(quotationFound('A small team argues less … fewer persons to notice', TEXTS)).toBe(false);
  });
});

describe('quotations', () => {
  it('finds text in curly and straight, double and single quotes, and takes no apostrophe for a quote mark', () => {
    const q = `Is “a b c” like "d e f", ‘g h i’ or 'j k l'? The team's view, the group’s choice and the authors' claim are not quotes.`;
    expect(quotations(q).sort()).toEqual(['a b c', 'd e f', 'g h i', 'j k l']);
    expect(quotations('What does ‘we didn’t know it’ admit?')).toEqual(['we didn’t know it']);
  });
});

describe('checkQuestions', () => {
  const ok = (qs: string[]) => checkQuestions(qs, TEXTS);

  it('accepts questions whose quotations are verbatim, and short quoted terms without looking them up', () => {
    const qs = [
      'The author says a small team “argues less about process and more about the product”. What does that cost?',
      "What would change if 'the arguments moved from the product' to something else entirely?",
      'Is “growth mindset” a fair name for what they describe?',
    ];
    expect(ok(qs)).toEqual({ ok: true, questions: qs });
  });

  it('drops a "Question 2:" label the model put before a question', () => {
    expect(ok([`Question 1: ${QS[0]}`, `Q2. ${QS[1]}`])).toEqual({ ok: true, questions: QS });
  });

  it('drops a question the model repeated', () => {
    expect(ok([QS[0]!, QS[1]!, QS[0]!.toUpperCase()])).toEqual({ ok: true, questions: QS });
  });

  it('refuses the whole answer when one quotation is not in the text, and says which', () => {
    const result = ok([QS[0]!, 'Why did “the arguments move from the product to the roadmap”?']);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toBe('quoted text not in the passage: “the arguments move from the product to the roadmap”');
  });

  it('refuses a quotation whose quote mark never closes', () => {
    expect(ok(['Why does the author say “we kept the team small on purpose?']).ok).toBe(false);
  });

  it('refuses no questions, too many, too short, too long, links and headings', () => {
    expect(ok([]).ok).toBe(false);
    expect(ok(Array.from({ length: MAX_QUESTIONS + 1 }, (_, i) => `Question number ${i} about the team?`)).ok).toBe(false);
    expect(ok(['Why?']).ok).toBe(false);
    expect(ok([`Why ${'really '.repeat(100)}?`]).ok).toBe(false);
    for (const link of ['https://example.org/x', 'www.example.org', 'example.com/post', 'see <http://a.b>']) {
      expect(ok([`Is this supported, as ${link} claims?`]).ok, link).toBe(false);
    }
    expect(ok(['## Questions', QS[0]!]).ok).toBe(false);
  });

  it('makes mentions inert instead of passing them on', () => {
    const result = ok(['@everyone, what does @here or <@123456789012345678> or <!channel> think of small teams?']);
    expect(result.ok).toBe(true);
    if (result.ok) {
      const [q] = result.questions;
      expect(q).not.toMatch(/@|<[@!#]/);
      expect(q).toContain('everyone');
    }
    expect(cleanQuestion('Ask <@U012ABC|ann> and ＠everyone and <#C123|general>: is **this** fair?')).toBe('Ask and everyone and : is this fair?');
    // An e-mail address is not a mention.
    expect(cleanQuestion('Would ann@example.org agree?')).toContain('ann@example.org');
  });
});
