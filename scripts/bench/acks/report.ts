// The bench's output: a small table per phase and platform, and the JSON line without the
// per-command samples.
import type { AckResult, AckStats } from './types.js';

const cell = (x: number | string | null | undefined) => (x === null || x === undefined ? '-' : String(x));

/** A small table: one row per phase and platform. */
export function formatAckTable(r: AckResult): string {
  const header = ['phase', 'platform', 'sent', 'first resp', 'missing', 'p50 ms', 'p99 ms', 'max ms', '>1 s', 'answers', 'still loading', 'other'];
  const rows: string[][] = [];
  for (const phase of ['loading', 'ready', 'reloading'] as const) {
    const p = r.phases[phase];
    const row = (platform: string, st: AckStats) => [
      phase,
      platform,
      cell(st.sent),
      cell(st.firstResponses),
      cell(st.missing),
      cell(st.p50Ms),
      cell(st.p99Ms),
      cell(st.maxMs),
      cell(st.over1s),
      cell(st.answers),
      cell(st.stillLoadingReplies),
      cell(st.noResultReplies + st.errorReplies + st.emptyChoices + st.rejected + st.noReply),
    ];
    if (!p.sent) {
      rows.push([phase, 'both', '0', '-', '-', '-', '-', '-', '-', '-', '-', '-']);
      continue;
    }
    rows.push(row('both', p));
    for (const pl of ['discord', 'slack'] as const) if (p.byPlatform[pl].sent) rows.push(row(pl, p.byPlatform[pl]));
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((x) => (x[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const out = [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
  out.push(
    '',
    `corpus ${r.corpusDir} (${r.corpusMB} MB): platforms connected after ${cell(r.platformsReadyAfterMs)} ms, library ready after ${cell(r.readyAfterMs)} ms` +
      (r.reloadMs !== null ? `, reload took ${r.reloadMs} ms` : ''),
  );
  for (const phase of ['loading', 'ready', 'reloading'] as const) {
    const p = r.phases[phase];
    if (p.note) out.push(`${phase}: ${p.note}`);
    if (p.lateFirstResponses) out.push(`${phase}: ${p.lateFirstResponses} first responses came after the ${r.timeoutMs} ms timeout, the last ${p.lateMaxMs} ms after sending`);
  }
  const other = 'other = no results, errors, empty autocomplete, refused by Discord (late) or no answer';
  out.push(other);
  const logged = Object.entries(r.botLogged);
  if (logged.length) out.push(`the bot logged: ${logged.map(([e, c]) => `${e} x${c.count}${c.example ? ` (${c.example.slice(0, 80)})` : ''}`).join('; ')}`);
  const c = r.connections;
  if (c.slackSockets > 1 || c.discordGateway > 1) {
    out.push(`connections: ${c.slackSockets} Slack sockets (${c.slackSocketsClosedByBot} closed by the bot), ${c.discordGateway} Discord gateway connections (${c.discordResumes} resumes)`);
  }
  if (r.errors.length) out.push('errors:', ...r.errors.map((e) => `  ${e}`));
  return out.join('\n');
}

/** The result without per-command samples, for one JSON line. */
export function withoutSamples(r: AckResult): Omit<AckResult, 'samples'> {
  const { samples: _samples, ...rest } = r;
  return rest;
}
