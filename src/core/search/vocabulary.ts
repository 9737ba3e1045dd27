// The index's terms as one sorted array: exact, prefix and fuzzy lookups by binary search and an
// implicit trie walk. It costs nothing to restore from a snapshot (the array is the snapshot),
// where building minisearch's radix tree for 600,000 terms took longer than the rest of a restart.

export class SortedTerms {
  /** `terms` must be sorted in code-unit order (Array.prototype.sort's default) and distinct. */
  constructor(readonly terms: readonly string[]) {}

  get size(): number {
    return this.terms.length;
  }

  /** Position of the first term >= s. */
  private lowerBound(s: string, lo = 0, hi = this.terms.length): number {
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.terms[mid]! < s) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The term's id (its position), or undefined. */
  get(term: string): number | undefined {
    const i = this.lowerBound(term);
    return this.terms[i] === term ? i : undefined;
  }

  has(term: string): boolean {
    return this.get(term) !== undefined;
  }

  /** [start, end) of the terms that start with `prefix`. */
  prefixRange(prefix: string, lo = 0, hi = this.terms.length): [number, number] {
    const start = this.lowerBound(prefix, lo, hi);
    // Every string that starts with the prefix sorts below prefix + U+FFFF.
    const end = this.lowerBound(prefix + '\uffff', start, hi);
    return [start, end];
  }

  /** Terms starting with `prefix`, with their ids, in sorted order. */
  *atPrefix(prefix: string): Generator<[string, number]> {
    const [start, end] = this.prefixRange(prefix);
    for (let i = start; i < end; i++) yield [this.terms[i]!, i];
  }

  /** lcp[i]: length of the prefix terms[i] shares with terms[i - 1]; blockMin: minimum per block. */
  private lcp?: Uint8Array;
  private blockMin?: Uint8Array;

  private prefixTable(): { lcp: Uint8Array; blockMin: Uint8Array } {
    if (!this.lcp || !this.blockMin) {
      const n = this.terms.length;
      const lcp = new Uint8Array(n);
      for (let i = 1; i < n; i++) {
        const a = this.terms[i - 1]!;
        const b = this.terms[i]!;
        const max = Math.min(a.length, b.length, 255);
        let k = 0;
        while (k < max && a.charCodeAt(k) === b.charCodeAt(k)) k++;
        lcp[i] = k;
      }
      const blockMin = new Uint8Array(Math.ceil(n / BLOCK)).fill(255);
      for (let i = 0; i < n; i++) if (lcp[i]! < blockMin[(i / BLOCK) | 0]!) blockMin[(i / BLOCK) | 0] = lcp[i]!;
      this.lcp = lcp;
      this.blockMin = blockMin;
    }
    return { lcp: this.lcp, blockMin: this.blockMin };
  }

  /** The first position after i whose term does not share i's first `depth` characters. */
  private skipPast(i: number, depth: number, lcp: Uint8Array, blockMin: Uint8Array): number {
    const n = lcp.length;
    let j = i + 1;
    while (j < n && j % BLOCK !== 0) {
      if (lcp[j]! < depth) return j;
      j++;
    }
    while (j < n && blockMin[j / BLOCK]! >= depth) j += BLOCK;
    while (j < n && lcp[j]! >= depth) j++;
    return Math.min(j, n);
  }

  /**
   * Terms within `maxDistance` edits (Levenshtein) of `query`, with [id, distance]. Walks the
   * sorted terms as a trie: a Levenshtein row per prefix length, reused while consecutive terms
   * share a prefix, and a whole prefix's range skipped once no extension of it can match.
   */
  fuzzyGet(query: string, maxDistance: number): Map<string, [number, number]> {
    const out = new Map<string, [number, number]>();
    const { lcp, blockMin } = this.prefixTable();
    const n = query.length;
    const rows: Int32Array[] = [Int32Array.from({ length: n + 1 }, (_, j) => j)];
    const terms = this.terms;
    // Rows 1..valid are right for the current term's first `valid` characters.
    let valid = 0;
    let i = 0;
    while (i < terms.length) {
      const t = terms[i]!;
      let skipTo = -1;
      for (let d = valid + 1; d <= t.length; d++) {
        const prev = rows[d - 1]!;
        const row = rows[d] ?? (rows[d] = new Int32Array(n + 1));
        row[0] = d;
        let min = d;
        const c = t.charCodeAt(d - 1);
        for (let j = 1; j <= n; j++) {
          const v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (query.charCodeAt(j - 1) === c ? 0 : 1));
          row[j] = v;
          if (v < min) min = v;
        }
        if (min > maxDistance) {
          // No term with this prefix can come within reach: jump past all of them.
          skipTo = this.skipPast(i, d, lcp, blockMin);
          valid = d - 1;
          break;
        }
        valid = d;
      }
      if (skipTo < 0) {
        const dist = rows[t.length]![n]!;
        if (dist <= maxDistance) out.set(t, [i, dist]);
        skipTo = i + 1;
      }
      i = skipTo;
      if (i < terms.length) valid = Math.min(valid, lcp[i]!);
    }
    return out;
  }
}

/** Terms per block of the prefix table's minimum, for skipping long runs at once. */
const BLOCK = 64;
