// `reciprocity report` on a one-hour meeting (8 speakers, ~1,500 turns, 10,000 cues):
// parse + summarise + render in-process against the 200 ms budget, and the
// built CLI's wall time including Node's start-up. And issue 12's "a 100k-member session
// reported in ≤ 5 s": a saved retro with MAX_MEMBERS members, each speaking once or twice,
// read from disk, summarised and rendered by the CLI's main, in-process.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { processIo } from '../src/cli/io';
import { main } from '../src/cli/main';
import { toMarkdown } from '../src/domain/export';
import { serializeSession, sessionFileFromEvents } from '../src/domain/persistence';
import { buildSummary, MAX_MEMBERS } from '../src/domain/summary';
import type { SessionEvent } from '../src/domain/types';
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

const MANY_RUNS = 3;

/** A retro of `n` members who each take a turn, and every other one a second. */
export function manyMemberSession(n: number): string {
  let k = 0;
  const base = (): { id: string; at: number; actor: string } => ({ id: `e${++k}`, at: Date.UTC(2025, 0, 6, 9) + k * 100, actor: 'fac' });
  const events: SessionEvent[] = [
    {
      ...base(), type: 'session.created', sessionId: 'all-hands', title: 'All hands', teamId: 't',
      deck: { id: 'd', name: 'Deck', prompts: [{ id: 'p', depth: 1, topic: 'week', text: 'How was the week?' }] },
      settings: { turnSoftCapSeconds: 90, maxTextLength: 4000 },
    },
  ];
  for (let i = 0; i < n; i++) events.push({ ...base(), type: 'member.added', memberId: `m${i}`, name: `Person ${i}`, joinedLate: false });
  events.push({ ...base(), type: 'prompt.shown', promptId: 'p' });
  const say = (i: number): void => {
    events.push({
      ...base(), type: 'contribution.added', contributionId: `c${k}`, memberId: `m${i}`, phase: 'check-in', promptId: 'p',
      depth: 1, topic: 'week', text: 'a few words about my week', pass: false,
    });
  };
  for (let i = 0; i < n; i++) say(i);
  for (let i = 0; i < n; i += 2) say(i);
  events.push({ ...base(), type: 'session.ended' });
  return serializeSession(sessionFileFromEvents(events));
}

/** The CLI's main on a file, in-process: read, parse, summarise, render. */
function timeReport(file: string): number {
  const times: number[] = [];
  for (let i = 0; i < MANY_RUNS; i += 1) {
    let out = '';
    let err = '';
    const io = { ...processIo(), stdout: (t: string) => void (out += t), stderr: (t: string) => void (err += t) };
    const t0 = performance.now();
    const code = main(['report', file, '--format', 'md'], io);
    times.push(performance.now() - t0);
    if (code !== 0 || !out.startsWith('# Participation summary')) throw new Error(`report on ${MAX_MEMBERS} members failed (${typeof code === 'number' ? code : 'async'}): ${err}`);
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
    const many = join(dir, 'all-hands.json');
    writeFileSync(many, manyMemberSession(MAX_MEMBERS));
    const manyMs = timeReport(many);
    return [
      { name: 'report.transcript_1h', value: round(inProcess), unit: 'ms', budget: 200 },
      { name: 'report.cli_1h_wall', value: round(cli), unit: 'ms', budget: 1000 },
      { name: 'report.100k_members', value: round(manyMs), unit: 'ms', budget: 5000 },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

runWhenMain(module, run);
