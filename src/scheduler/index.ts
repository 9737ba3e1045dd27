// Daily posts: when they are due (pure time functions), who posts them (claims in the store),
// and what users type to set them up (parseTime, parseTimezone).
export { DailyScheduler, type CronLike, type DailySchedulerOptions, type DailyStatus, type Logger, type RunReport } from './daily.js';
export { parseTime, parseTimezone, suggestTimezones } from './parse.js';
export { NONCE_LENGTH, PostError, isPostError, postNonce, toPostError, type PostErrorCode, type Poster } from './poster.js';
export { DEFAULT_RETRY_DELAYS_MS, retryAt } from './retry.js';
export {
  addDays,
  cronExpression,
  formatLocal,
  isDue,
  isWeekend,
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
