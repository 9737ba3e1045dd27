// Checks the Slack tokens before the bot starts, so a wrong or revoked token, or a Slack API the
// machine cannot reach, stops the start with a sentence naming the variable and the fix rather
// than a stack trace, a bot that looks ready but answers nothing, or ten minutes of retries.
import { webApi } from '@slack/bolt';
import { UserError } from '../../core/errors.js';

/** A start-up check waits this long for Slack before saying it cannot be reached. */
const CHECK_TIMEOUT_MS = 15_000;

/** Codes Slack gives for a token it does not accept. */
const REFUSED = new Set(['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired', 'not_allowed_token_type', 'invalid_token']);

export interface BotIdentity {
  botId: string;
  botUserId: string;
}

interface CheckTarget {
  apiUrl: string;
  variable: 'SLACK_BOT_TOKEN' | 'SLACK_APP_TOKEN';
  fix: string;
}

const BOT_FIX = "copy the Bot User OAuth Token (xoxb-…) from your Slack app's OAuth & Permissions page (reinstall the app to the workspace if it was removed)";
const APP_FIX = 'create an App-Level Token with the connections:write scope (Basic Information > App-Level Tokens) and copy it (xapp-…)';

/** A web client that fails fast: at start, a person is waiting for the answer. */
function quickClient(token: string, apiUrl: string): InstanceType<typeof webApi.WebClient> {
  return new webApi.WebClient(token, {
    slackApiUrl: apiUrl,
    timeout: CHECK_TIMEOUT_MS,
    retryConfig: { retries: 1, minTimeout: 500, maxTimeout: 1000 },
    logLevel: webApi.LogLevel.ERROR,
    logger: { debug() {}, info() {}, warn() {}, error() {}, setLevel() {}, getLevel: () => webApi.LogLevel.ERROR, setName() {} },
  });
}

/** What went wrong with a start-up call, as a sentence naming the variable (or the URL) and the fix. */
export function explainStartupError(e: unknown, { apiUrl, variable, fix }: CheckTarget): UserError {
  const err = e as {
    code?: string;
    data?: { error?: string };
    original?: { code?: string; message?: string; cause?: { code?: string; message?: string } };
    statusCode?: number;
    message?: string;
  };
  if (err.code === webApi.ErrorCode.PlatformError) {
    const code = err.data?.error ?? 'unknown_error';
    if (REFUSED.has(code)) return new UserError(`Slack refused ${variable} (${code}): ${fix}, and set ${variable} to it.`, 'slack_token_refused');
    return new UserError(`Slack answered ${code} when checking ${variable}: ${fix}, and set ${variable} to it.`, 'slack_token_refused');
  }
  if (err.code === webApi.ErrorCode.HTTPError) {
    return new UserError(
      `Slack at ${apiUrl} answered HTTP ${err.statusCode ?? '?'} when checking ${variable}. Check SLACK_API_URL (normally https://slack.com/api/, or unset).`,
      'slack_unreachable',
    );
  }
  if (err.code === webApi.ErrorCode.RateLimitedError) {
    return new UserError(`Slack asked the bot to slow down (rate limited) while checking ${variable}; start it again in a minute.`, 'slack_unreachable');
  }
  if (err.code === webApi.ErrorCode.RequestError || !err.code) {
    // fetch wraps the network's reason (ECONNREFUSED, ENOTFOUND…) in its cause.
    const why = err.original?.cause?.code ?? err.original?.cause?.message ?? err.original?.code ?? err.original?.message ?? err.message ?? 'no answer';
    return new UserError(
      `Cannot reach Slack at ${apiUrl} (${why}). Check this machine's network connection, or SLACK_API_URL if you set it (normally https://slack.com/api/, or unset).`,
      'slack_unreachable',
    );
  }
  return new UserError(`Slack could not check ${variable} (${err.message ?? String(e)}).`, 'slack_unreachable');
}

/** auth.test with the bot token: who the bot is, or a UserError naming SLACK_BOT_TOKEN / SLACK_API_URL. */
export async function checkBotToken(token: string, apiUrl: string): Promise<BotIdentity> {
  const target: CheckTarget = { apiUrl, variable: 'SLACK_BOT_TOKEN', fix: BOT_FIX };
  try {
    const res = await quickClient(token, apiUrl).auth.test();
    if (!res.bot_id || !res.user_id) {
      throw new UserError(`SLACK_BOT_TOKEN is not a bot token (Slack found no bot for it): ${BOT_FIX}.`, 'slack_token_refused');
    }
    return { botId: res.bot_id, botUserId: res.user_id };
  } catch (e) {
    throw e instanceof UserError ? e : explainStartupError(e, target);
  }
}

/**
 * apps.connections.open with the app token, which is what Socket Mode calls first. The URL it
 * returns is left unused (Socket Mode asks for its own); only Slack's verdict on the token matters.
 */
export async function checkAppToken(token: string, apiUrl: string): Promise<void> {
  try {
    await quickClient(token, apiUrl).apps.connections.open();
  } catch (e) {
    throw explainStartupError(e, { apiUrl, variable: 'SLACK_APP_TOKEN', fix: APP_FIX });
  }
}
