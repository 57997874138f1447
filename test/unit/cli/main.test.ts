import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { main } from '../../../src/cli/main';
import type { CliIo } from '../../../src/cli/io';
import { processIo } from '../../../src/cli/io';
import { serializeSession, sessionFileFromEvents } from '../../../src/domain/persistence';
import { generateMeetingVtt } from '../../fixtures/transcripts/generate';
import { NAMES, retroEvents } from '../summary/events';

const ROOT = join(__dirname, '..', '..', '..');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'transcripts');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(argv: string[]): Run {
  let stdout = '';
  let stderr = '';
  const real = processIo();
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), readFile: real.readFile, listFolder: real.listFolder };
  const code = main(argv, io);
  if (typeof code !== 'number') throw new Error('report commands finish synchronously');
  return { code, stdout, stderr };
}

describe('reciprocity CLI', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'reciprocity-cli-'));
    writeFileSync(join(dir, 'retro.json'), serializeSession(sessionFileFromEvents(retroEvents())));
    // Detected by content even without the .json name.
    writeFileSync(join(dir, 'retro.session'), serializeSession(sessionFileFromEvents(retroEvents())));
    writeFileSync(join(dir, 'corrupt.json'), '{"kind": "reciprocity-session", "v": 1, "events": [');
    writeFileSync(join(dir, 'wrong.json'), '{"kind": "reciprocity-session", "v": 1, "events": 3}');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints usage for --help and the version for --version', () => {
    const help = run(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: reciprocity report/);
    const version = run(['--version']);
    assert.equal(version.code, 0);
    assert.match(version.stdout, /^reciprocity \d+\.\d+\.\d+\n$/);
  });

  it('reports a transcript as Markdown by default', () => {
    const r = run(['report', join(FIXTURES, 'teams.vtt')]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.match(r.stdout, /^# Participation summary: teams\n/);
    assert.ok(!r.stdout.includes('## Per person'));
  });

  it('reports a saved retro in every format, with --named and --pseudonymise', () => {
    const file = join(dir, 'retro.json');
    const json = run(['report', file, '--format', 'json', '--named']);
    assert.equal(json.code, 0, json.stderr);
    const doc = JSON.parse(json.stdout) as { source: string; members: { turns?: number }[] };
    assert.equal(doc.source, 'retro');
    assert.equal(doc.members[0]?.turns, 9);
    const csv = run(['report', file, '--format', 'csv', '--pseudonymise']);
    assert.equal(csv.code, 0, csv.stderr);
    assert.match(csv.stdout, /^section,item,field,value\r\n/);
    for (const name of Object.values(NAMES)) assert.ok(!csv.stdout.includes(name), name);
    assert.equal(run(['report', join(dir, 'retro.session')]).code, 0);
  });

  const bad: [string, string[], RegExp][] = [
    ['no command', [], /missing command/],
    ['an unknown command', ['frob'], /unknown command "frob"/],
    ['an unknown flag', ['report', 'x.vtt', '--pseudonymize-please'], /Unknown option '--pseudonymize-please'/],
    ['a bad format', ['report', join(FIXTURES, 'teams.vtt'), '--format', 'xml'], /unknown format "xml"/],
    ['a missing file among several', ['report', join(FIXTURES, 'teams.vtt'), 'b.vtt'], /cannot read b\.vtt: no such file/],
    ['a missing file', ['report', 'no/such/file.vtt'], /cannot read no\/such\/file\.vtt: no such file/],
    ['a folder with a file that is not a transcript', ['report', FIXTURES], /bad\.vtt: line 8: expected a cue timing/],
    ['a bad transcript', ['report', join(FIXTURES, 'bad.vtt')], /bad\.vtt: line 8: expected a cue timing like 00:00:01\.000 --> 00:00:04\.000, found/],
  ];
  for (const [what, argv, message] of bad) {
    it(`exits 2 with a message on stderr for ${what}`, () => {
      const r = run(argv);
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, message);
      assert.match(r.stderr, /^reciprocity: /);
    });
  }

  it('a time past the last date JavaScript can show (8.64e15 ms) is refused with exit 2 in every format, not a crash (found by the CLI fuzzer)', () => {
    const events = retroEvents();
    const far = join(dir, 'far-future.json');
    const file = sessionFileFromEvents(events.map((e, i) => (i === 0 ? { ...e, at: 8.64e15 + 1 } : e)));
    writeFileSync(far, serializeSession(file));
    for (const format of ['md', 'json', 'csv']) {
      const r = run(['report', far, '--format', format]);
      assert.equal(r.code, 2, `${format}: ${r.stderr}`);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /^reciprocity: .*far-future\.json/);
    }
    // The last valid date itself is fine.
    const edge = join(dir, 'last-date.json');
    writeFileSync(edge, serializeSession(sessionFileFromEvents(events.map((e, i) => (i === 0 ? { ...e, at: 8.64e15 } : e)))));
    const ok = run(['report', edge, '--format', 'csv']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /createdAt,'?\+?275760-09-13T00:00:00\.000Z/);
  });

  it('exits 2 for corrupt and malformed session files', () => {
    const corrupt = run(['report', join(dir, 'corrupt.json')]);
    assert.equal(corrupt.code, 2);
    assert.match(corrupt.stderr, /corrupt\.json is not valid JSON/);
    const wrong = run(['report', join(dir, 'wrong.json')]);
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /wrong\.json/);
  });

  it('handles a transcript of several MB', function () {
    this.timeout(30_000);
    const text = generateMeetingVtt({ speakers: 8, turns: 8000, cues: 52_000, durationMs: 6 * 3_600_000, seed: 7 });
    assert.ok(text.length > 5 * 1024 * 1024, `only ${text.length} bytes`);
    const file = join(dir, 'big.vtt');
    writeFileSync(file, text);
    const t0 = performance.now();
    const r = run(['report', file, '--format', 'json', '--named']);
    const ms = performance.now() - t0;
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as { members: { turns?: number }[] };
    assert.equal(doc.members.reduce((n, m) => n + (m.turns ?? 0), 0), 8000);
    // Under Stryker the code is instrumented and two workers share the cores: no time budget there.
    if (!process.env.STRYKER_MUTATOR_WORKER) assert.ok(ms < 10_000, `took ${ms} ms`);
  });

  describe('as a separate process', () => {
    let cli = '';
    before(async function () {
      this.timeout(30_000);
      cli = join(dir, 'cli.js');
      await build({ entryPoints: [join(ROOT, 'src', 'cli', 'main.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: cli, logLevel: 'warning' });
    });

    it('exits 0 with the report on stdout, and 2 with a message on stderr', () => {
      const ok = spawnSync(process.execPath, [cli, 'report', join(FIXTURES, 'zoom.vtt'), '--format', 'md'], { encoding: 'utf8' });
      assert.equal(ok.status, 0, ok.stderr);
      assert.match(ok.stdout, /## Unattributed speech/);
      const bad = spawnSync(process.execPath, [cli, 'report', join(FIXTURES, 'bad.vtt')], { encoding: 'utf8' });
      assert.equal(bad.status, 2);
      assert.equal(bad.stdout, '');
      assert.match(bad.stderr, /line 8: expected a cue timing/);
    });

    it('bin/reciprocity.js runs the built dist/cli.js', function () {
      if (!existsSync(join(ROOT, 'dist', 'cli.js'))) this.skip();
      const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'reciprocity.js'), '--version'], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /^reciprocity \d/);
    });
  });
});
