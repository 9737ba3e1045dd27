// A short novel read in order, for spoiler-limit tests: its later chapters hold names and words
// the earlier ones never use, so anything that leaks what comes next shows up as one of them.
import type { Reach } from '../../src/bot/plan.js';
import type { Library } from '../../src/core/library/library.js';
import { doc } from './fixtures.js';

export const BOOK_ID = 'lighthouse';

export const BOOK = doc({ id: BOOK_ID, title: 'The Lighthouse Keeper', kind: 'article', author: 'Jane Doe' }, [
  {
    section: 'Chapter 1: Arrival',
    sentences: [
      'Elsie Marsh came to the island on the last ferry of autumn, carrying a single trunk and a letter from her uncle.',
      'The lighthouse stood above the harbour like a white finger, and the gulls wheeled around its lamp room all evening.',
    ],
  },
  {
    section: 'Chapter 1: Arrival',
    sentences: [
      'The villagers watched her climb the cliff path in the rain, and nobody offered to help with the trunk.',
      'She decided that the island would have to earn her trust, just as she would have to earn theirs.',
    ],
  },
  {
    section: 'Chapter 2: The Lamp',
    sentences: [
      'Tom Hollis, the old keeper, showed her how to trim the wick and polish the great lens until it shone like water.',
      'A lamp that fails for one hour in a storm can cost a whole crew, he said, so the watch is never skipped.',
    ],
  },
  {
    section: 'Chapter 2: The Lamp',
    sentences: [
      'Night after night Elsie kept the watch with him, and she learned the names of every rock below the tower.',
      'By the end of the month she could light the lamp alone, even in a gale that rattled every window of the lighthouse.',
    ],
  },
  {
    section: 'Chapter 3: The Wreck',
    sentences: [
      'In the first winter storm a schooner struck the reef, and Captain Pemberton was dragged from the surf half drowned.',
      'The shipwreck scattered crates along the beach, and the smugglers came down at dawn to gather what they could.',
    ],
  },
  {
    section: 'Chapter 3: The Wreck',
    sentences: [
      'Pemberton swore the crates held nothing but tea, yet Elsie saw the glint of treasure in one that had split open.',
      'She said nothing to the smugglers, and she hid the broken crate in the oil store under the lighthouse.',
    ],
  },
  {
    section: 'Chapter 4: The Betrayal',
    sentences: [
      'Moriarty arrived on the spring ferry asking questions about the wreck and about the gold the schooner had carried.',
      'The betrayal, when it came, came from Tom Hollis, who had sold the secret of the oil store for a share of the treasure.',
    ],
  },
  {
    section: 'Chapter 4: The Betrayal',
    sentences: [
      'Elsie forced a confession from him by the light of the lamp, and Moriarty was taken away on the next boat.',
      'The gold went back to the mainland, and the island never spoke of the winter of the wreck again.',
    ],
  },
]);

/** Another document on the shelf, which also talks of smugglers: a reading limit on the book must not hide it. */
export const HARBOUR = doc({ id: 'harbour', title: 'Harbour records', kind: 'article' }, [
  [
    'Customs officers kept a ledger of every boat that entered the harbour, and the smugglers learned to avoid the full moon.',
    'Most of what they carried was brandy and lace, which paid better than fishing in a poor season.',
  ],
]);

/** The book's passages in reading order. */
export const bookPassages = (library: Library) => library.corpus.byDoc.get(BOOK_ID)!;

/** How far a group has read when it has finished chapter `n` of the book. */
export function reachAfterChapter(library: Library, n: number): Reach {
  const inChapter = bookPassages(library).filter((p) => p.section?.startsWith(`Chapter ${n}:`));
  return { docId: BOOK_ID, upTo: inChapter.at(-1)!.position, label: `chapter ${n}` };
}

/** Words and names only the book's last two chapters use. */
export const LATER_WORDS = ['pemberton', 'moriarty', 'shipwreck', 'treasure', 'betrayal', 'gold', 'confession', 'schooner', 'crates'];
