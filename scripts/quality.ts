// `npm run quality [-- --dir FOLDER]`: what the bot serves from the held-out messy documents
// against their expectation files, as a table and totals; then who it credits in the bundled
// documents against hand-labelled phrases. A measurement for tuning the cleaning
// and speaker rules, never a gate: it exits 0 whatever the numbers are.
import path from 'node:path';
import { evaluateBundled } from '../tools/quality/bundled.js';
import { evaluateFolder, type DocumentResult } from '../tools/quality/evaluate.js';
import { HELDOUT_DIR } from '../tools/quality/make-binary.js';

const at = process.argv.indexOf('--dir');
const dir = at > 0 && process.argv[at + 1] ? path.resolve(process.argv[at + 1]!) : HELDOUT_DIR;
const verbose = process.argv.includes('--verbose');
const report = await evaluateFolder(dir);

const pct = (n: number) => `${(n * 100).toFixed(0)}%`;
const mark = (f?: { ok: boolean }) => (f === undefined ? '-' : f.ok ? 'ok' : 'NO');
const rows = report.documents.map((d: DocumentResult) => [
  d.file,
  d.status,
  String(d.passages),
  mark(d.title),
  mark(d.kind),
  `${d.junkLeaked.length}/${d.junkTotal}`,
  `${d.phrasesLost.length}/${d.phrasesTotal}`,
  d.onceTotal ? `${d.repeated.length}/${d.onceTotal}` : '-',
  d.speakers.checks || d.speakers.wrong.length ? `${d.speakers.correct}/${d.speakers.attributed}/${d.speakers.checks}` : '-',
  String(d.speakers.strayPassages),
  String(d.residue),
]);
const head = ['document', 'status', 'passages', 'title', 'kind', 'junk leaked', 'lost', 'repeated', 'spk ok/attr/checks', 'stray', 'residue'];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ');
console.log(line(head));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of rows) console.log(line(r));

if (verbose)
  for (const d of report.documents) {
    // A document not served loses everything; its reason is the one line worth reading.
    const problems = d.status !== 'served' ? [`not served: ${d.reason}`] : [
      ...(d.title && !d.title.ok ? [`title: "${d.title.got ?? ''}" (expected "${d.title.expected}")`] : []),
      ...(d.kind && !d.kind.ok ? [`kind: ${d.kind.got ?? '-'} (expected ${d.kind.expected})`] : []),
      ...d.junkLeaked.map((j) => `junk ${j.junk} in: ${j.passage.slice(0, 120)}`),
      ...d.phrasesLost.map((p) => `lost: ${p}`),
      ...d.repeated.map((r) => `repeated ${r.times}x: ${r.phrase}`),
      ...d.speakers.wrong.map((w) => `speaker: "${w.phrase}" credited to ${w.got} (expected ${w.expected})`),
      ...(d.speakers.strayNames.length ? [`names outside the expected set: ${d.speakers.strayNames.join(', ')}`] : []),
    ];
    if (problems.length) console.log(`\n${d.file}\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }

const t = report.totals;
console.log(
  `\n${t.served}/${t.documents} documents served; titles ${t.titlesRight}/${t.titlesExpected}; ` +
    `junk leaked ${t.junkLeaked}/${t.junkTotal}; phrases lost ${t.phrasesLost}/${t.phrasesTotal}; repeats ${t.repeats}/${t.onceTotal}; ` +
    `speakers: precision ${pct(t.speakerPrecision)} (${t.speakerCorrect} right of ${t.speakerAttributed} credited), ` +
    `coverage ${pct(t.speakerCoverage)} of ${t.speakerChecks} labelled phrases, ${t.strayPassages} passages under a name outside the set; ` +
    `residue in ${t.residue}/${t.passages} passages`,
);

// Second section: who the bot credits in the bundled documents, against phrases labelled by hand
// (test/quality/bundled-speakers.json). Real transcripts nobody tuned on, so precision here is the
// honest check of the speaker rules.
const bundled = await evaluateBundled();
const bRows = bundled.documents.map((d) => [
  d.id,
  d.kind ?? '-',
  String(d.labelled),
  String(d.found),
  String(d.credited),
  String(d.right),
  d.credited ? pct(d.right / d.credited) : '-',
  d.labelled ? pct(d.credited / d.labelled) : '-',
  d.transcriptPassages ? `${d.transcriptAttributed}/${d.transcriptPassages}` : '-',
  `${d.residue}/${d.passages}`,
]);
const bHead = ['bundled speakers', 'kind', 'labelled', 'found', 'credited', 'right', 'precision', 'coverage', 'transcript attributed', 'residue'];
const bWidths = bHead.map((h, i) => Math.max(h.length, ...bRows.map((r) => r[i]!.length)));
const bLine = (r: string[]) => r.map((c, i) => c.padEnd(bWidths[i]!)).join('  ');
console.log(`\n${bLine(bHead)}`);
console.log(bWidths.map((w) => '-'.repeat(w)).join('  '));
for (const r of bRows) console.log(bLine(r));
if (verbose)
  for (const d of bundled.documents) {
    const problems = [
      ...d.wrong.map((w) => `speaker: "${w.phrase}" credited to ${w.got} (expected ${w.expected})`),
      ...d.lost.map((l) => `not in any passage: ${l}`),
      ...d.residueSamples.map((r) => `residue ${r.what} in: ${r.passage.slice(0, 120)}`),
    ];
    if (problems.length) console.log(`\n${d.id}\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
const b = bundled.totals;
console.log(
  `\nbundled speakers: precision ${pct(b.precision)} (${b.right} right of ${b.credited} credited), ` +
    `coverage ${pct(b.coverage)} of ${b.labelled} labelled phrases (${b.found} found in a served passage); ` +
    `transcript passages attributed ${pct(b.transcriptAttributedShare)} (${b.transcriptAttributed}/${b.transcriptPassages}); ` +
    `residue in ${b.residue}/${b.passages} passages`,
);
if (!verbose) console.log('(--verbose lists every leak, loss and wrong name)');
