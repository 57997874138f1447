// Issue 12: at least 10,000 random or mutated transcripts and session files into the CLI,
// from a printed seed. Each must end cleanly: exit 0 with a report, or exit 2 with one
// "reciprocity: …" message and nothing on stdout; never a throw, never another code.
// Replay a failure with FUZZ_SEED=<seed> (and FUZZ_CASES to run more or fewer).
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIo } from '../../../src/cli/io';
import { main } from '../../../src/cli/main';
import { serializeSession, sessionFileFromEvents } from '../../../src/domain/persistence';
import { mulberry32 } from '../../fixtures/random';
import { retroEvents } from '../summary/events';

const ROOT = join(__dirname, '..', '..', '..');
const TRANSCRIPTS = join(ROOT, 'test', 'fixtures', 'transcripts');
const SEED = process.env['FUZZ_SEED'] !== undefined ? Number(process.env['FUZZ_SEED']) : Math.floor(Math.random() * 2 ** 31);
const CASES = Number(process.env['FUZZ_CASES'] ?? 10_000);

type Rand = () => number;

interface Case {
  files: Record<string, string>;
  argv: string[];
}

const SNIPPETS = [
  'WEBVTT', '-->', '00:00:01.000 --> 00:00:02.000', '99:99:99.999 --> 00:00:00.000', '<v ', '</v>', '<v Ana>', 'NOTE', '\n\n', '\r\n', '\r',
  ':', 'Ana: ', 'Bo Lind: ', '[00:01:02] ', '(00:01) ', 'Speaker 1', '\u202E', '\u200B', '\u200F', '\uFEFF', '\u0000', '\uD800', '\uDFFF', '🙂',
  'Zoë', '=HYPERLINK("x")', '"', '{', '}', '[', ']', ',', 'null', 'true', '-1', '1e309', '"reciprocity-session"', '"kind"', '"v": 2',
  '"events": []', '"type": "member.added"', '"type": "contribution.added"', '"memberId": "m"', 'www.example.com', 'a@b.co', 'x'.repeat(5000),
  ' '.repeat(300), 'Ab '.repeat(400), '\t', '#', '> ', '| ', 'From 09:00 to 10:00', 'Transcript', 'Meeting ended after 01:00:00',
];

const int = (r: Rand, n: number): number => Math.floor(r() * n);
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[int(r, xs.length)] as T;

function randomText(r: Rand, max: number): string {
  const n = int(r, max);
  let s = '';
  for (let i = 0; i < n; i++) {
    const k = r();
    if (k < 0.6) s += String.fromCharCode(32 + int(r, 95));
    else if (k < 0.75) s += '\n';
    else if (k < 0.9) s += pick(r, SNIPPETS);
    else s += String.fromCharCode(int(r, 0x10000));
  }
  return s;
}

/** Byte-level mutations of a real file: flips, cuts, copies, splices of hostile snippets. */
function mutateText(r: Rand, text: string): string {
  let s = text;
  const steps = 1 + int(r, 6);
  for (let i = 0; i < steps; i++) {
    const at = int(r, s.length + 1);
    switch (int(r, 7)) {
      case 0:
        s = s.slice(0, at) + pick(r, SNIPPETS) + s.slice(at);
        break;
      case 1:
        s = s.slice(0, at) + s.slice(at + 1 + int(r, 40));
        break;
      case 2: {
        const len = int(r, 200);
        s = s.slice(0, at) + s.slice(at, at + len).repeat(1 + int(r, 4)) + s.slice(at);
        break;
      }
      case 3:
        s = s.slice(0, at) + String.fromCharCode(int(r, 0x10000)) + s.slice(at + 1);
        break;
      case 4:
        s = s.slice(0, at);
        break;
      case 5:
        s = s.slice(0, at) + randomText(r, 40) + s.slice(at);
        break;
      default:
        s = s.replace(/\n/g, pick(r, ['\r\n', '\r', '\n\n', '\u2028']));
    }
  }
  return s;
}

const HOSTILE_VALUES: unknown[] = [
  null, true, 0, -1, 1.5, 1e308, Number.MAX_SAFE_INTEGER + 2, '', 'x'.repeat(300), 'x'.repeat(25_000), [], {}, [[[[]]]], { __proto__: { x: 1 } },
  '\u202Ename', 'constructor', '__proto__', 'toString',
];

/** Structure-aware mutations of a session file: drop, retype, duplicate and reorder fields and events. */
function mutateSession(r: Rand, file: Record<string, unknown>): string {
  const copy = JSON.parse(JSON.stringify(file)) as Record<string, unknown>;
  const events = Array.isArray(copy['events']) ? (copy['events'] as Record<string, unknown>[]) : [];
  const steps = 1 + int(r, 5);
  for (let i = 0; i < steps; i++) {
    const e = events[int(r, events.length)];
    const keys = e ? Object.keys(e) : [];
    switch (int(r, 9)) {
      case 0:
        if (e && keys.length) delete e[pick(r, keys)];
        break;
      case 1:
        if (e && keys.length) e[pick(r, keys)] = pick(r, HOSTILE_VALUES);
        break;
      case 2:
        if (e) events.splice(int(r, events.length + 1), 0, JSON.parse(JSON.stringify(e)) as Record<string, unknown>);
        break;
      case 3:
        if (events.length > 1) events.reverse();
        break;
      case 4:
        if (e) e['type'] = pick(r, ['member.added', 'contribution.added', 'stage.moved', 'session.created', 'unknown.kind', 'note.added', 'vote.cast', 'member.presence', 'contribution.removed']);
        break;
      case 5:
        copy[pick(r, ['v', 'kind', 'id', 'title', 'events', 'createdAt', 'teamId'])] = pick(r, [...HOSTILE_VALUES, 1, 2, 3, 'reciprocity-session']);
        break;
      case 6:
        if (e) e[pick(r, ['name', 'text', 'memberId', 'contributionId', 'depth', 'at', 'id', 'seconds'])] = pick(r, HOSTILE_VALUES);
        break;
      case 7:
        events.splice(int(r, events.length), 1 + int(r, 5));
        break;
      default:
        if (e) e['name'] = randomText(r, 30);
    }
  }
  const text = JSON.stringify(copy, null, int(r, 2) === 0 ? undefined : 2);
  return int(r, 5) === 0 ? mutateText(r, text) : text;
}

function transcriptSeeds(): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  for (const dir of [TRANSCRIPTS, join(TRANSCRIPTS, 'real')]) {
    for (const f of readdirSync(dir)) {
      if (/\.(vtt|txt|md)$/.test(f) && f !== 'README.md') out.push({ name: f, text: readFileSync(join(dir, f), 'utf8') });
    }
  }
  return out;
}

function makeCase(r: Rand, seeds: readonly { name: string; text: string }[], session: Record<string, unknown>): Case {
  const kind = r();
  let name: string;
  let text: string;
  if (kind < 0.45) {
    const s = pick(r, seeds);
    name = s.name;
    text = mutateText(r, s.text);
  } else if (kind < 0.85) {
    name = pick(r, ['retro.json', 'retro.session', 'retro.txt', 'retro']);
    text = mutateSession(r, session);
  } else {
    name = pick(r, ['random.vtt', 'random.txt', 'random.json', 'random.md', 'random.srt', 'random']);
    text = randomText(r, 3000);
  }
  const files: Record<string, string> = { [name]: text };
  const argv = ['report', name];
  if (r() < 0.1) {
    // A series: a second, unmutated meeting beside it.
    const other = pick(r, seeds);
    files[`z-${other.name}`] = other.text;
    argv.push(`z-${other.name}`);
  }
  if (r() < 0.5) argv.push('--format', pick(r, ['md', 'json', 'csv']));
  if (r() < 0.4) argv.push('--pseudonymise');
  if (r() < 0.3) argv.push('--named');
  if (r() < 0.2) argv.push('--driver', pick(r, ['seconds', 'words', 'turns']));
  return { files, argv };
}

function runCase(c: Case): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readFile: (path) => {
      const text = c.files[path];
      if (text === undefined) throw Object.assign(new Error('missing'), { code: 'ENOENT' });
      return { text, modifiedMs: 1_750_000_000_000 };
    },
    listFolder: () => null,
  };
  const code = main(c.argv, io);
  if (typeof code !== 'number') throw new Error('report finishes synchronously');
  return { code, stdout, stderr };
}

function checkOutcome(r: { code: number; stdout: string; stderr: string }): void {
  assert.ok(r.code === 0 || r.code === 2, `exit code ${r.code}: ${r.stderr.slice(0, 2000)}`);
  if (r.code === 2) {
    assert.equal(r.stdout, '', 'nothing on stdout when refused');
    assert.match(r.stderr, /^reciprocity: \S/, 'a refusal says why');
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  } else {
    assert.equal(r.stderr, '');
    assert.ok(r.stdout.length > 0, 'a report');
  }
}

describe(`CLI fuzzing (issue 12): ${CASES} mutated transcripts and session files, seed ${SEED}`, function () {
  this.timeout(300_000);
  const seeds = transcriptSeeds();
  const session = JSON.parse(serializeSession(sessionFileFromEvents(retroEvents()))) as Record<string, unknown>;

  before(() => {
    console.log(`      CLI fuzz seed: ${SEED} (replay with FUZZ_SEED=${SEED})`);
  });

  it('every input ends in exit 0 with a report or exit 2 with a reason, in-process', () => {
    const r = mulberry32(SEED);
    const codes = { 0: 0, 2: 0 };
    for (let i = 0; i < CASES; i++) {
      const c = makeCase(r, seeds, session);
      let outcome;
      try {
        outcome = runCase(c);
        checkOutcome(outcome);
      } catch (error) {
        const dir = mkdtempSync(join(tmpdir(), 'reciprocity-fuzz-'));
        for (const [name, text] of Object.entries(c.files)) writeFileSync(join(dir, name), text);
        const why = error instanceof Error ? (error.stack ?? error.message) : String(error);
        assert.fail(`case ${i} of seed ${SEED} (${c.argv.join(' ')}; input kept in ${dir}): ${why}\n${outcome?.stderr ?? ''}`);
      }
      codes[outcome.code as 0 | 2]++;
    }
    // The mix must exercise both ends, or the fuzzer is only testing the parser's front door.
    assert.ok(codes[0] > CASES / 20, `only ${codes[0]} reports`);
    assert.ok(codes[2] > CASES / 20, `only ${codes[2]} refusals`);
  });

  it('a handful of them through the real program in a child process, same outcomes', () => {
    const r = mulberry32(SEED ^ 0x5eed);
    const dir = mkdtempSync(join(tmpdir(), 'reciprocity-fuzz-cli-'));
    const runner = `const { main } = require(${JSON.stringify(join(ROOT, 'src', 'cli', 'main.ts'))});
      Promise.resolve(main(process.argv.slice(1))).then((code) => { process.exitCode = code; });`;
    try {
      for (let i = 0; i < 6; i++) {
        const c = makeCase(r, seeds, session);
        for (const [name, text] of Object.entries(c.files)) writeFileSync(join(dir, name), text);
        // What the child reads is the file's UTF-8: a lone surrogate in the generated text is
        // U+FFFD on disk (seed 1301628046 quoted one in its error message), so compare with that.
        const onDisk = { ...c, files: Object.fromEntries(Object.entries(c.files).map(([name, text]) => [name, Buffer.from(text, 'utf8').toString('utf8')])) };
        const expected = runCase(onDisk);
        const child = spawnSync(process.execPath, ['--require', require.resolve('tsx/cjs'), '-e', runner, ...c.argv], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
        const actual = { code: child.status ?? -1, stdout: child.stdout, stderr: child.stderr };
        checkOutcome(actual);
        assert.equal(actual.code, expected.code, `${c.argv.join(' ')}: ${actual.stderr}`);
        assert.equal(actual.stderr, expected.stderr);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
