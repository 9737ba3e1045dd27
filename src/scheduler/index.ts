// Daily posts: when they are due (pure time functions), who posts them (claims in the store),
// and what users type to set them up (parseTime, parseTimezone).
export { DAILY_HISTORY_UNAVAILABLE, DAILY_POST_RECOVERED, DailyScheduler, type CronLike, type DailySchedulerOptions, type DailyStatus, type Logger, type RunReport } from './daily.js';
export { parseTime, parseTimezone, suggestTimezones } from './parse.js';
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
