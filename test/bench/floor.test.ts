// The bench's floor for a first build (scripts/bench/floor.ts): it must read the corpus's document
// files, tokenize them with the bot's own tokenizer, and be printed beside the build it bounds.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureFloor } from '../../scripts/bench/floor.js';
import { formatTables, type ScenarioResult } from '../../scripts/bench/report.js';

describe('the read + tokenize floor', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'bench-floor-'));
    await writeFile(path.join(dir, 'a.txt'), 'Scaling laws, and the GPT4 runs.\n');
    await writeFile(path.join(dir, 'b.md'), '# Notes\n\nThe checkpoints were saved.\n');
    await writeFile(path.join(dir, 'corpus.yaml'), 'a.txt:\n  title: A\n');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('reads the document files and counts their tokens and index terms', async () => {
    const floor = await measureFloor(dir);
    expect(floor.files).toBe(2);
    // "scaling laws and the gpt 4 runs" + "notes the checkpoints were saved"
    expect(floor.tokens).toBe(12);
    // Stop words ("and", "the", "were") have no term.
    expect(floor.terms).toBe(8);
    expect(floor.bytes).toBeGreaterThan(50);
  });

  it('is printed beside the first build, with the ratio', () => {
    const r = {
      scenario: 'synthetic-10mb',
      corpusMB: 10,
      startupMs: 12000,
      extra: { buildCpuMs: 12500, floor: { cpuMs: 2500, wallMs: 2400 }, buildVsFloor: { cpu: 5, wall: 5 } },
    } as Partial<ScenarioResult> as ScenarioResult;
    const table = formatTables([r]);
    expect(table).toContain('First build against the floor');
    expect(table).toMatch(/synthetic-10mb\s+12000\s+12500\s+2400\s+2500\s+5x\s+5x/);
  });
});
