// Actions as short strings, so a button carries its whole state (Discord's custom_id allows 100
// characters) and keeps working after a restart. Platform-neutral: every adapter uses this codec.
import { fnv1a, STOP_WORDS, terms as termsOf, tokenize } from '../core/search/text.js';
import type { Action } from './reply.js';
import type { Corpus } from '../core/corpus.js';

export const ACTION_MAX = 100;
const PREFIX = 'rg1';
const LONG_REF = 40;

/** Who may use an action: "-" for anyone (public messages), else the id of the person who asked. */
export interface EncodedAction {
  action: Action;
  owner?: string;
}

/** A document or passage id, or a hash of it when it is too long to carry. */
const ref = (id: string) => (id.length <= LONG_REF ? id : `#${fnv1a(id)}`);

/**
 * The query's searchable words only: search ignores stop words, so dropping them changes no
 * result, and it keeps long questions within the budget.
 */
export function compactQuery(query: string, budget: number): string {
  if (query.length <= budget) return query;
  const words = tokenize(query)
    .map((t) => t.word)
    .filter((w) => !STOP_WORDS.has(w));
  let out = '';
  for (const w of words) {
    const next = out ? `${out} ${w}` : w;
    if (next.length > budget) break;
    out = next;
  }
  return out;
}

/** A kind's letter, in capitals when the action looks past the reading plan: the mode costs no characters. */
const letter = (kind: string, ahead: boolean | undefined) => (ahead ? kind.toUpperCase() : kind);

export function encodeAction(action: Action, owner?: string): string {
  const who = owner ?? '-';
  const head = (kind: string, ...fields: (string | number)[]) => [PREFIX, kind, who, ...fields].join(':');
  switch (action.kind) {
    case 'context':
      return head(letter('c', action.ahead), ref(action.passageId));
    case 'share':
      return head('s', ref(action.passageId));
    case 'more': {
      const base = head(letter('m', action.ahead), action.page, action.source ? ref(action.source) : '') + ':';
      return base + compactQuery(action.query, ACTION_MAX - base.length);
    }
    case 'another': {
      const base = head(letter('a', action.ahead), action.seed, action.source ? ref(action.source) : '') + ':';
      return base + (action.query ? compactQuery(action.query, ACTION_MAX - base.length) : '');
    }
  }
}

/** Resolves refs against the corpus; undefined for anything that is not a valid action string. */
export function decodeAction(encoded: string, corpus: Corpus): EncodedAction | undefined {
  const parts = encoded.split(':');
  if (parts[0] !== PREFIX || parts.length < 4) return undefined;
  const [, letterKind, who, ...rest] = parts as [string, string, string, ...string[]];
  const owner = who === '-' ? undefined : who;
  const kind = letterKind.toLowerCase();
  const ahead = letterKind !== kind && kind !== 's' ? { ahead: true } : {};
  const resolve = (r: string, ids: Iterable<string>) => {
    if (!r.startsWith('#')) return r;
    for (const id of ids) if (ref(id) === r) return id;
    return undefined;
  };
  const passage = (r: string) => resolve(r, corpus.byId.keys());
  const doc = (r: string) => (r ? resolve(r, corpus.docById.keys()) : undefined);
  const int = (s: string | undefined) => (s !== undefined && /^\d{1,9}$/.test(s) ? Number(s) : undefined);

  switch (kind) {
    case 'c':
    case 's': {
      const passageId = passage(rest.join(':'));
      if (!passageId) return undefined;
      return { owner, action: kind === 'c' ? { kind: 'context', passageId, ...ahead } : { kind: 'share', passageId } };
    }
    case 'm': {
      const page = int(rest[0]);
      const query = rest.slice(2).join(':');
      if (!page || !termsOf(query).length) return undefined;
      return { owner, action: { kind: 'more', page, query, source: doc(rest[1] ?? ''), ...ahead } };
    }
    case 'a': {
      const seed = int(rest[0]);
      if (seed === undefined) return undefined;
      const query = rest.slice(2).join(':');
      return { owner, action: { kind: 'another', seed, query: query || undefined, source: doc(rest[1] ?? ''), ...ahead } };
    }
  }
  return undefined;
}
