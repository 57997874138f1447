// Issue 12, limits: a CLI run on 100k members, a 50 MB file and /dev/zero finishes or exits
// with 2, and says why. These check exit codes and output only; how long the 100k run takes
// is a benchmark figure (report.100k_members in bench/report.bench.ts).
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_INPUT_BYTES, processIo, type CliIo } from '../../../src/cli/io';
import { main } from '../../../src/cli/main';
import { serializeSession, sessionFileFromEvents } from '../../../src/domain/persistence';
import { MAX_MEMBERS } from '../../../src/domain/summary';
import type { SessionEvent } from '../../../src/domain/types';
import { generateMeetingVtt } from '../../fixtures/transcripts/generate';

const ROOT = join(__dirname, '..', '..', '..');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(argv: string[], maxBytes?: number): Run {
  let stdout = '';
  let stderr = '';
  const real = processIo(maxBytes);
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), readFile: real.readFile, listFolder: real.listFolder };
  const code = main(argv, io);
  if (typeof code !== 'number') throw new Error('report finishes synchronously');
  return { code, stdout, stderr };
}

/** A plain "Name: text" log where every one of `n` people speaks once. */
function roster(n: number): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) lines.push(`Person ${i} Tester: hello from number ${i}`);
  return `${lines.join('\n')}\n`;
}

describe('CLI limits (issue 12)', function () {
  this.timeout(180_000);
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'reciprocity-limits-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('/dev/zero, which reports a size of 0, is read only up to the limit and refused with exit 2 (defect 8)', () => {
    const r = run(['report', '/dev/zero'], 1024 * 1024);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, 'reciprocity: cannot read /dev/zero: it is larger than 1 MB, the most a report reads\n');
  });

  it('a file over the limit is refused before it is read, with the size in the message', () => {
    const file = join(dir, 'big.vtt');
    writeFileSync(file, Buffer.alloc(3000, 0x41));
    const r = run(['report', file], 2048);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, `reciprocity: cannot read ${file}: it is larger than 2,048 bytes, the most a report reads\n`);
  });

  it('a file exactly at the limit is read whole', () => {
    const file = join(dir, 'exact.txt');
    const text = 'Ana Ruiz: hello there\nBo Lind: hi\n';
    writeFileSync(file, text);
    const r = run(['report', file, '--format', 'json'], Buffer.byteLength(text));
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual((JSON.parse(r.stdout) as { members: { name: string }[] }).members.map((m) => m.name).sort(), ['Ana Ruiz', 'Bo Lind']);
  });

  it('the real program on /dev/zero exits 2 with the real limit, not after reading gigabytes', () => {
    const runner = `const { main } = require(${JSON.stringify(join(ROOT, 'src', 'cli', 'main.ts'))});
      Promise.resolve(main(process.argv.slice(1))).then((code) => { process.exitCode = code; });`;
    const r = spawnSync(process.execPath, ['--require', 'tsx/cjs', '-e', runner, 'report', '/dev/zero'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    assert.equal(r.status, 2, `status ${String(r.status)} signal ${String(r.signal)}: ${r.stderr.slice(0, 500)}`);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, `reciprocity: cannot read /dev/zero: it is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MB, the most a report reads\n`);
  });

  it('a 50 MB transcript is summarised (exit 0) with every speaker in it', () => {
    const file = join(dir, 'day.vtt');
    let text = generateMeetingVtt({ speakers: 12, turns: 40_000, cues: 250_000, durationMs: 8 * 3_600_000 });
    // Pad to 50 MB with more of the same meeting: the cue list is repeated with later times.
    while (text.length < 50 * 1024 * 1024) text += `\n\n${text.slice(text.indexOf('\n\n') + 2).replace(/^(\d\d):/gm, (_m, h: string) => `${String(Number(h) + 8).padStart(2, '0')}:`)}`;
    writeFileSync(file, text);
    const r = run(['report', file, '--format', 'json']);
    if (r.code === 2) {
      assert.match(r.stderr, /^reciprocity: .+\n$/, 'a refusal says why');
      return;
    }
    assert.equal(r.code, 0, r.stderr);
    const summary = JSON.parse(r.stdout) as { members: { name: string; turns: number }[] };
    assert.equal(summary.members.length, 12);
    assert.ok(summary.members.every((m) => m.turns > 0));
  });

  it(`${MAX_MEMBERS.toLocaleString('en-US')} members are summarised (exit 0), each of them counted`, () => {
    const file = join(dir, 'crowd.txt');
    writeFileSync(file, roster(MAX_MEMBERS));
    const r = run(['report', file, '--format', 'csv', '--named']);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(r.stdout.includes('Person 99999 Tester'));
    assert.ok(r.stdout.includes('Person 0 Tester'));
  });

  it(`a saved retro of one member more than ${MAX_MEMBERS.toLocaleString('en-US')} is refused with exit 2 and says how many are allowed`, () => {
    let k = 0;
    const base = (): { id: string; at: number; actor: string } => ({ id: `e${++k}`, at: 1_700_000_000_000 + k, actor: 'fac' });
    const events: SessionEvent[] = [
      {
        ...base(), type: 'session.created', sessionId: 's', title: 'All hands', teamId: 't',
        deck: { id: 'd', name: 'Deck', prompts: [{ id: 'p', depth: 1, topic: 'week', text: 'How was the week?' }] },
        settings: { turnSoftCapSeconds: 90, maxTextLength: 4000 },
      },
    ];
    for (let i = 0; i <= MAX_MEMBERS; i++) events.push({ ...base(), type: 'member.added', memberId: `m${i}`, name: `Person ${i}`, joinedLate: false });
    const file = join(dir, 'crowd.json');
    writeFileSync(file, serializeSession(sessionFileFromEvents(events)));
    const r = run(['report', file, '--format', 'csv', '--pseudonymise']);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, `reciprocity: ${file}: 100,001 members are more than one summary holds (at most 100,000)\n`);
  });

  it(`one member more is refused with exit 2 and says how many are allowed`, () => {
    const file = join(dir, 'crowd1.txt');
    writeFileSync(file, roster(MAX_MEMBERS + 1));
    const r = run(['report', file]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, 'reciprocity: crowd1.txt: 100,001 members are more than one summary holds (at most 100,000)\n');
  });
});
