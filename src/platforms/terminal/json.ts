// Reply -> the CLI's JSON contract: {"results":[{"id","text","source":{"id","title"},"speaker"}]}
// plus whatever else the reply carries. Errors are {"error": "..."}.
import type { Reply, ReplyPassage } from '../../bot/reply.js';

function passageJson(p: ReplyPassage) {
  return {
    id: p.id,
    text: p.text,
    source: { id: p.doc.id, title: p.doc.title, kind: p.doc.kind, ...(p.doc.author ? { author: p.doc.author } : {}), ...(p.doc.url ? { url: p.doc.url } : {}) },
    speaker: p.speaker ?? null,
    section: p.section ?? null,
    highlights: p.highlights,
    ...(p.leadIn ? { leadIn: { text: p.leadIn.text, speaker: p.leadIn.speaker ?? null } } : {}),
    ...(p.before !== undefined ? { before: p.before } : {}),
    ...(p.after !== undefined ? { after: p.after } : {}),
  };
}

export function replyJson(command: string, reply: Reply): Record<string, unknown> {
  const common = { command, title: reply.title ?? null, notes: reply.notes, actions: reply.actions };
  switch (reply.kind) {
    case 'error':
      return { error: reply.message, code: reply.code, suggestions: reply.suggestions };
    case 'passages':
      return { ...common, results: reply.passages.map(passageJson), ...(reply.query ? { query: reply.query } : {}), ...(reply.match ? { match: reply.match } : {}), ...(reply.total !== undefined ? { page: reply.page, total: reply.total } : {}) };
    case 'discussion':
      // Each result is a passage discussed, or the one the questions compare it with.
      return { ...common, results: reply.passages.map((p) => ({ ...passageJson(p), role: p.compared ? 'compared' : 'discussed' })), questions: reply.questions };
    case 'sources':
      return { ...common, results: reply.sources, skipped: reply.skipped, skippedTotal: reply.skippedTotal };
    case 'help':
      return { ...common, results: reply.commands };
    case 'notice':
      return { ...common, results: [], lines: reply.lines };
  }
}
