// Per-channel rotation, stored as the passage ids shown in each cycle (table rotation_shown).
//
// Why a set per cycle rather than a persisted shuffle: the corpus changes under it. With a set,
// "what is left" is always computed against today's eligible ids, so passages added later join
// the current cycle, removed ones simply never come up, and nothing needs rewriting when the
// corpus changes. A cycle ends when every currently eligible id is in it; the next pick then
// starts cycle+1 (and avoids repeating the passage shown just before, when there is a choice).
import type Database from 'better-sqlite3';

/** The rotation on one connection, synchronous, so the post log can use it inside its transactions. */
export class RotationTable {
  private readonly cycle$;
  private readonly shown$;
  private readonly last$;
  private readonly has$;
  private readonly insert$;
  private readonly delete$;

  constructor(private readonly db: Database.Database) {
    this.cycle$ = db.prepare<[string], { cycle: number | null }>('SELECT MAX(cycle) AS cycle FROM rotation_shown WHERE channel_key = ?');
    this.shown$ = db.prepare<[string, number], { passage_id: string }>(
      'SELECT passage_id FROM rotation_shown WHERE channel_key = ? AND cycle = ?',
    );
    this.last$ = db.prepare<[string], { passage_id: string }>(
      'SELECT passage_id FROM rotation_shown WHERE channel_key = ? ORDER BY cycle DESC, shown_at DESC, rowid DESC LIMIT 1',
    );
    this.has$ = db.prepare<[string, number, string], { one: number }>(
      'SELECT 1 AS one FROM rotation_shown WHERE channel_key = ? AND cycle = ? AND passage_id = ?',
    );
    this.insert$ = db.prepare('INSERT INTO rotation_shown (channel_key, cycle, passage_id, shown_at) VALUES (?, ?, ?, ?)');
    this.delete$ = db.prepare(
      `DELETE FROM rotation_shown WHERE channel_key = @key AND passage_id = @id
       AND cycle = (SELECT MAX(cycle) FROM rotation_shown WHERE channel_key = @key AND passage_id = @id)`,
    );
  }

  /** The channel's current cycle number (0 before anything was shown). */
  cycle(channelKey: string): number {
    return this.cycle$.get(channelKey)?.cycle ?? 0;
  }

  /** Passage ids shown in the channel's current cycle. */
  shownInCycle(channelKey: string): Set<string> {
    return new Set(this.shown$.all(channelKey, this.cycle(channelKey)).map((r) => r.passage_id));
  }

  /**
   * The passage to show next: a random one of the eligible ids not yet shown in this cycle, or,
   * when all have been, a random one for the next cycle. Records nothing. Throws on no ids.
   */
  nextPassage(channelKey: string, eligibleIds: readonly string[], random: () => number): string {
    const ids = [...new Set(eligibleIds)].sort();
    if (!ids.length) throw new Error('nextPassage: no eligible passages');
    const shown = this.shownInCycle(channelKey);
    let pool = ids.filter((id) => !shown.has(id));
    if (!pool.length) {
      const last = this.last$.get(channelKey)?.passage_id;
      pool = ids.length > 1 ? ids.filter((id) => id !== last) : ids;
    }
    return pool[Math.min(pool.length - 1, Math.floor(random() * pool.length))]!;
  }

  /**
   * Records that `passageId` was (or is being) shown. If it was already shown in the current
   * cycle, that cycle is over (nextPassage only returns such an id then) and a new one starts.
   * Returns the cycle it was recorded in.
   */
  markShown(channelKey: string, passageId: string, at: Date = new Date()): number {
    const mark = this.db.transaction(() => {
      let cycle = this.cycle(channelKey);
      if (this.has$.get(channelKey, cycle, passageId)) cycle += 1;
      this.insert$.run(channelKey, cycle, passageId, at.getTime());
      return cycle;
    });
    return mark.immediate();
  }

  /** Takes back the latest mark of a passage (a post given up on), so it returns to the pool. */
  unmarkShown(channelKey: string, passageId: string): void {
    this.delete$.run({ key: channelKey, id: passageId });
  }
}
