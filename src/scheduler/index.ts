// Daily posts: when they are due (pure time functions) and who posts them (claims in the store).
// What users type to set them up is read in src/bot/schedule-words.ts.
export { DAILY_HISTORY_UNAVAILABLE, DAILY_PLAN_REST, DAILY_POST_RECOVERED, DailyScheduler, type PlannedPosts, type CronLike, type DailySchedulerOptions, type DailyStatus, type Logger, type RunReport } from './daily.js';
export { DAILY_POST_EVENT_TYPE, HISTORY_MAX_PAGES, HISTORY_SKEW_MS, NONCE_LENGTH, PostError, isPostError, postNonce, toPostError, type PostErrorCode, type PostMark, type Poster } from './poster.js';
export { DEFAULT_RETRY_DELAYS_MS, retryAt } from './retry.js';
export {
  addDays,
  cronExpression,
  formatLocal,
  isDue,
  localDate,
  localParts,
  localTime,
  nextPostTime,
  occurrenceOn,
  postsOn,
  utcOffsetMinutes,
  weekdayOf,
  zoneAbbreviation,
  zonedInstant,
  type LocalParts,
  type Schedule,
} from './time.js';
