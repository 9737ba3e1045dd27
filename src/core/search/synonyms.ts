// A small thesaurus of everyday words people use when asking about technical work, mapped to the
// words texts tend to use instead. General English only: nothing here is tuned to one corpus.
// Expansions are searched with a low weight, so an exact word in the passage always wins.
const GROUPS: string[][] = [
  ['break', 'fail', 'failure', 'crash', 'broken', 'outage'],
  ['big', 'large', 'huge', 'giant', 'massive'],
  ['small', 'tiny', 'little'],
  ['fast', 'quick', 'rapid', 'speed'],
  ['slow', 'delay', 'latency'],
  ['worry', 'concern', 'fear', 'risk', 'danger'],
  ['limit', 'bottleneck', 'constraint', 'constrain'],
  ['grow', 'increase', 'rise', 'growth'],
  ['cost', 'expensive', 'price', 'spend'],
  ['hard', 'difficult', 'challenge', 'tough'],
  ['easy', 'simple', 'straightforward'],
  ['mistake', 'wrong', 'error', 'misjudge', 'misread'],
  ['goal', 'aim', 'target', 'objective'],
  ['start', 'begin', 'launch'],
  ['company', 'companies', 'firm', 'organization', 'organisation'],
  ['advice', 'lesson', 'tip', 'recommend'],
  ['team', 'people', 'staff'],
  ['build', 'construct', 'create'],
  ['improve', 'better', 'progress'],
  ['bet', 'gamble', 'wager'],
  ['surprise', 'unexpected', 'surprising'],
  ['future', 'next', 'coming'],
  ['history', 'historically', 'past'],
  ['specialized', 'specialised', 'specific', 'dedicated'],
  ['electricity', 'power', 'energy'],
  ['chip', 'gpu', 'hardware', 'accelerator'],
  ['test', 'evaluate', 'benchmark', 'eval'],
  ['code', 'coding', 'programming', 'software'],
  ['job', 'work', 'career'],
];

import { termOf } from './text.js';

const related = new Map<string, Set<string>>();
for (const group of GROUPS) {
  const terms = group.map((w) => termOf(w)).filter((t): t is string => Boolean(t));
  for (const t of terms) {
    const set = related.get(t) ?? new Set<string>();
    for (const u of terms) if (u !== t) set.add(u);
    related.set(t, set);
  }
}

/** Index terms that mean roughly the same as `term` (not including it). */
export function synonymsOf(term: string): string[] {
  return [...(related.get(term) ?? [])];
}
