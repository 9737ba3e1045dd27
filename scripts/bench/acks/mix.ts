// The commands the bench sends, one at a time in this order, over and over: both platforms,
// search-heavy commands, autocomplete, and buttons that page an earlier answer.
import type { Queries } from './corpus.js';
import type { Platform, Spec } from './types.js';

export interface MixEntry {
  /** The command for the i-th round of the mix. */
  spec: (i: number) => Spec;
  /** Set when this slot presses a More button on that platform, when an earlier answer left one. */
  presses?: Platform;
}

const pick = <T>(list: T[], i: number): T => list[i % list.length]!;

/** `hasMore(platform)`: whether that platform's last /topic answer left a More button to press. */
export function commandMix(queries: Queries, hasMore: (platform: Platform) => boolean): MixEntry[] {
  return [
    // Each phase opens with a common word, whose many results give the buttons below a More.
    { spec: (i) => ({ platform: 'discord', command: '/topic', query: i === 0 ? pick(queries.common, 0) : pick(queries.search, i) }) },
    { spec: (i) => ({ platform: 'slack', command: '/topic', query: i === 0 ? pick(queries.common, 1) : pick(queries.search, i + 7) }) },
    { spec: (i) => ({ platform: 'discord', command: '/quote', query: pick(queries.common, i) }) },
    { spec: () => ({ platform: 'slack', command: '/quote (random)' }) },
    { spec: (i) => ({ platform: 'discord', command: 'autocomplete /quote query', query: pick(queries.prefixes, i) }) },
    {
      spec: (i) => (hasMore('discord') ? { platform: 'discord', command: 'button More' } : { platform: 'discord', command: '/topic', query: pick(queries.common, i + 3) }),
      presses: 'discord',
    },
    { spec: (i) => ({ platform: 'slack', command: '/quote', query: pick(queries.search, i + 13) }) },
    { spec: () => ({ platform: 'discord', command: '/daily today' }) },
    {
      spec: (i) => (hasMore('slack') ? { platform: 'slack', command: 'action More' } : { platform: 'slack', command: '/topic', query: pick(queries.common, i + 5) }),
      presses: 'slack',
    },
    { spec: () => ({ platform: 'discord', command: '/quote (random)' }) },
    // A very common word: the most postings to walk.
    { spec: (i) => ({ platform: 'slack', command: '/topic', query: pick(queries.common, i + 1) }) },
    { spec: (i) => ({ platform: 'discord', command: '/topic', query: pick(queries.common, i + 2) }) },
  ];
}
