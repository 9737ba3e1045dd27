// Reading plans: one row per (platform, channel). Starting a plan again replaces it; moving the
// group (by hand or as the days pass) rewrites only its anchor.
import type Database from 'better-sqlite3';
import { daysToMask } from '../../bot/days.js';
import { toPlan, type PlanRow } from '../rows.js';
import type { PlanAnchor, PlanRecord, PlatformId } from '../types.js';

/** Plans on one connection, synchronous; SqliteStore wraps it async. */
export class PlanTable {
  private readonly get$;
  private readonly put$;
  private readonly anchor$;
  private readonly remove$;
  private readonly all$;

  constructor(db: Database.Database) {
    this.get$ = db.prepare<[string, string], PlanRow>('SELECT * FROM plans WHERE platform = ? AND channel_id = ?');
    this.put$ = db.prepare(
      `INSERT INTO plans (platform, channel_id, workspace_id, doc_id, pace, days, timezone, start_date, anchor, created_by, created_at, updated_at)
       VALUES (@platform, @channelId, @workspaceId, @docId, @pace, @days, @timezone, @startDate, @anchor, @createdBy, @now, @now)
       ON CONFLICT (platform, channel_id) DO UPDATE SET
         workspace_id = excluded.workspace_id, doc_id = excluded.doc_id, pace = excluded.pace, days = excluded.days,
         timezone = excluded.timezone, start_date = excluded.start_date, anchor = excluded.anchor,
         created_by = excluded.created_by, created_at = excluded.created_at, updated_at = excluded.updated_at`,
    );
    this.anchor$ = db.prepare('UPDATE plans SET anchor = ?, updated_at = ? WHERE platform = ? AND channel_id = ?');
    this.remove$ = db.prepare('DELETE FROM plans WHERE platform = ? AND channel_id = ?');
    this.all$ = db.prepare<[], PlanRow>('SELECT * FROM plans ORDER BY platform, channel_id');
  }

  put(plan: Omit<PlanRecord, 'createdAt' | 'updatedAt'>, now: Date): PlanRecord {
    this.put$.run({
      platform: plan.platform,
      channelId: plan.channelId,
      workspaceId: plan.workspaceId ?? null,
      docId: plan.docId,
      pace: JSON.stringify(plan.pace),
      days: daysToMask(plan.days),
      timezone: plan.timezone,
      startDate: plan.startDate,
      anchor: JSON.stringify(plan.anchor),
      createdBy: plan.createdBy,
      now: now.getTime(),
    });
    return this.get(plan.platform, plan.channelId)!;
  }

  setAnchor(platform: PlatformId, channelId: string, anchor: PlanAnchor, now: Date): boolean {
    return this.anchor$.run(JSON.stringify(anchor), now.getTime(), platform, channelId).changes > 0;
  }

  get(platform: PlatformId, channelId: string): PlanRecord | undefined {
    const r = this.get$.get(platform, channelId);
    return r && toPlan(r);
  }

  remove(platform: PlatformId, channelId: string): boolean {
    return this.remove$.run(platform, channelId).changes > 0;
  }

  list(): PlanRecord[] {
    return this.all$.all().map(toPlan);
  }
}
