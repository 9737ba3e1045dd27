// What commands need from reading plans, as an interface (like DailyService): the commands stay
// platform-neutral and know nothing of the store or the calendar; the service is wired in by
// main.ts and the terminal.
import type { DailyChannel } from './daily.js';

/** How far a channel's group has read: passages of `docId` after `upTo` are ahead of them. */
export interface Reach {
  docId: string;
  /** `Passage.position` of the last passage the group has reached, inclusive. */
  upTo: number;
  /** Where that is, for people: "chapter 3, part 2 of 4". */
  label: string;
}

export interface PlanService {
  /** How far the channel's plan has reached on the channel's local date of `now`; undefined without a plan. */
  reach(channel: DailyChannel, now: Date): Promise<Reach | undefined>;
}
