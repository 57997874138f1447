// `reciprocity report` on a one-hour meeting (8 speakers, ~1,500 turns, 10,000 cues):
// parse + summarise + render in-process against the 200 ms budget, and the
// built CLI's wall time including Node's start-up.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { toMarkdown } from '../src/domain/export';
import { buildSummary } from '../src/domain/summary';
import { parseTranscript, transcriptToEvents } from '../src/domain/transcript';
import { generateMeetingVtt, ONE_HOUR_MEETING } from '../test/fixtures/transcripts/generate';
import { round, runWhenMain, type BenchResult } from './lib';

const IN_PROCESS_RUNS = 7;
const CLI_RUNS = 3;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function reportInProcess(text: string): string {
  const parsed = parseTranscript(text, 'meeting.vtt');
  if (!parsed.ok) throw new Error(parsed.error.message);
  const events = transcriptToEvents(parsed.transcript, { title: 'meeting', createdAt: Date.UTC(2025, 0, 6, 9) });
  const summary = buildSummary(events, { unattributed: parsed.transcript.unattributed });
  return toMarkdown(summary, { pseudonymise: false, namedTable: false });
}

function timeInProcess(text: string): number {
  reportInProcess(text); // warm-up: JIT and Intl caches, as in a long-lived host
  const times: number[] = [];
  for (let i = 0; i < IN_PROCESS_RUNS; i += 1) {
    const t0 = performance.now();
    reportInProcess(text);
    times.push(performance.now() - t0);
  }
  return median(times);
}

/** Bundles the current sources, so the figure never comes from a stale dist/. */
async function bundleCli(dir: string): Promise<string> {
  const outfile = join(dir, 'cli.js');
  await build({
    entryPoints: [join(__dirname, '..', 'src', 'cli', 'main.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile,
    logLevel: 'warning',
  });
  return outfile;
}

function timeCli(cli: string, file: string): number {
  const times: number[] = [];
  for (let i = 0; i < CLI_RUNS; i += 1) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [cli, 'report', file, '--format', 'md'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    times.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`CLI exited with ${String(r.status)}: ${r.stderr}`);
  }
  return median(times);
}

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'reciprocity-bench-'));
  try {
    const text = generateMeetingVtt(ONE_HOUR_MEETING);
    const file = join(dir, 'meeting.vtt');
    writeFileSync(file, text);
    const inProcess = timeInProcess(text);
    const cli = timeCli(await bundleCli(dir), file);
    return [
      { name: 'report.transcript_1h', value: round(inProcess), unit: 'ms', budget: 200 },
      { name: 'report.cli_1h_wall', value: round(cli), unit: 'ms', budget: 1000 },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

runWhenMain(module, run);
