// Reading meeting transcripts (issue 10): a one-hour meeting in each format within
// 100 ms, and a 50 MB file within 5 s using at most 10× its size in memory. The large
// file is read in a child process, so its peak memory is measured on its own.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseTranscript } from '../src/domain/transcript';
import { GENERATED_FORMATS, meetingCues, writeMeeting } from '../test/fixtures/transcripts/formats';
import { round, runWhenMain, type BenchResult } from './lib';

const RUNS = 9;
const LARGE_BYTES = 50 * 1024 * 1024;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function timeParse(text: string): number {
  const first = parseTranscript(text);
  if (!first.ok) throw new Error(first.error.message);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const t0 = performance.now();
    parseTranscript(text);
    times.push(performance.now() - t0);
  }
  return median(times);
}

/** Reads the file in a fresh Node process and reports wall time and peak RSS growth. */
const CHILD = `
  const { readFileSync } = require('node:fs');
  const { parseTranscript } = require(process.argv[2]);
  const before = process.memoryUsage().rss;
  const t0 = performance.now();
  const r = parseTranscript(readFileSync(process.argv[1], 'utf8'));
  const ms = performance.now() - t0;
  if (!r.ok) { console.error(r.error.message); process.exit(1); }
  const peak = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(JSON.stringify({ ms, grown: peak - before, turns: r.transcript.turns.length }));
`;

function largeFile(dir: string): { ms: number; ratio: number } {
  const hour = meetingCues(10_000, 1500, 3_600_000);
  const perHour = writeMeeting('teams-vtt', hour, '\r\n').length;
  const hours = Math.ceil(LARGE_BYTES / perHour);
  const text = writeMeeting('teams-vtt', meetingCues(10_000 * hours, 1500 * hours, 3_600_000 * hours), '\r\n');
  const file = join(dir, 'large.vtt');
  writeFileSync(file, text);
  const entry = join(__dirname, '..', 'src', 'domain', 'transcript', 'index.ts');
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', CHILD, file, entry], { encoding: 'utf8', maxBuffer: 1024 * 1024 });
  if (r.status !== 0) throw new Error(`large-file child failed: ${r.stderr}`);
  const out = JSON.parse(r.stdout) as { ms: number; grown: number };
  return { ms: out.ms, ratio: out.grown / Buffer.byteLength(text) };
}

export async function run(): Promise<BenchResult[]> {
  const cues = meetingCues(10_000, 1500, 3_600_000);
  const results: BenchResult[] = GENERATED_FORMATS.map((format) => ({
    name: `transcript.read_1h.${format}`,
    value: round(timeParse(writeMeeting(format, cues, '\r\n'))),
    unit: 'ms',
    budget: 100,
  }));
  const dir = mkdtempSync(join(tmpdir(), 'reciprocity-bench-'));
  try {
    const large = largeFile(dir);
    results.push({ name: 'transcript.read_50mb', value: round(large.ms), unit: 'ms', budget: 5000 });
    results.push({ name: 'transcript.read_50mb_memory', value: round(large.ratio, 2), unit: '× file size', budget: 10 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return Promise.resolve(results);
}

runWhenMain(module, run);
