// Time to first response per phase, platform and command: the figures of the table and the
// JSON line.
import { percentile, round } from '../report.js';
import type { AckSample, AckStats, PhaseResult, ReplyClass } from './types.js';

export function stats(samples: AckSample[]): AckStats {
  const got = samples.filter((s) => s.firstMs !== null).map((s) => s.firstMs!);
  const count = (c: ReplyClass) => samples.filter((s) => s.reply === c).length;
  const late = samples.filter((s) => s.firstMs === null && s.lateMs !== undefined).map((s) => s.lateMs!);
  return {
    sent: samples.length,
    firstResponses: got.length,
    missing: samples.length - got.length,
    p50Ms: got.length ? round(percentile(got, 50)) : null,
    p99Ms: got.length ? round(percentile(got, 99)) : null,
    maxMs: got.length ? round(Math.max(...got)) : null,
    over1s: got.filter((ms) => ms > 1000).length + (samples.length - got.length),
    over3s: got.filter((ms) => ms > 3000).length + (samples.length - got.length),
    answers: count('answer'),
    stillLoadingReplies: count('still_loading'),
    noResultReplies: count('no_results'),
    errorReplies: count('error'),
    emptyChoices: count('empty'),
    rejected: count('rejected'),
    noReply: count('none'),
    lateFirstResponses: late.length,
    lateMaxMs: late.length ? round(Math.max(...late)) : null,
  };
}

export function phaseResult(samples: AckSample[], durationMs: number, note?: string): PhaseResult {
  const byCommand: PhaseResult['byCommand'] = {};
  for (const key of [...new Set(samples.map((s) => `${s.platform} ${s.command}`))]) {
    const st = stats(samples.filter((s) => `${s.platform} ${s.command}` === key));
    byCommand[key] = { sent: st.sent, missing: st.missing, p50Ms: st.p50Ms, maxMs: st.maxMs, over1s: st.over1s };
  }
  return {
    ...stats(samples),
    durationMs: Math.round(durationMs),
    byPlatform: { discord: stats(samples.filter((s) => s.platform === 'discord')), slack: stats(samples.filter((s) => s.platform === 'slack')) },
    byCommand,
    ...(note ? { note } : {}),
  };
}
