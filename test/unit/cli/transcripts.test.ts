// `reciprocity report` on real meeting exports: the detected format is named, seconds
// drive the shares by default, and every malformed input exits 2 with the line.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { main } from '../../../src/cli/main';
import { processIo, type CliIo } from '../../../src/cli/io';
import { WEEKLY, weeklyVtt } from '../../fixtures/transcripts/series';

const REAL = join(__dirname, '..', '..', 'fixtures', 'transcripts', 'real');

function run(argv: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const real = processIo();
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), readFile: real.readFile, listFolder: real.listFolder };
  const code = main(argv, io);
  if (typeof code !== 'number') throw new Error('report finishes synchronously');
  return { code, stdout, stderr };
}

describe('reciprocity report on meeting transcripts', () => {
  let dir = '';
  before(() => (dir = mkdtempSync(join(tmpdir(), 'reciprocity-transcripts-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  function file(name: string, text: string): string {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  }

  it('names the detected format and shares by seconds spoken by default', () => {
    const r = run(['report', join(REAL, 'teams-graph.vtt')]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Meeting transcript \(Microsoft Teams WebVTT\) · /m);
    assert.match(r.stdout, /## Share of participation \(by seconds\)/);
    const json = JSON.parse(run(['report', join(REAL, 'otter.txt'), '--format', 'json']).stdout) as Record<string, unknown>;
    assert.equal(json.transcriptFormat, 'Otter.ai transcript');
    assert.equal(json.driver, 'seconds');
    assert.match(run(['report', join(REAL, 'zoom-chat.txt'), '--format', 'csv']).stdout, /^summary,,transcriptFormat,Zoom chat export\r$/m);
  });

  it('--driver seconds|words|turns switches the measure; anything else exits 2', () => {
    for (const driver of ['seconds', 'words', 'turns']) {
      const r = run(['report', join(REAL, 'spec.vtt'), '--driver', driver]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, new RegExp(`\\(by ${driver}\\)`));
    }
    const bad = run(['report', join(REAL, 'spec.vtt'), '--driver', 'minutes']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /unknown driver "minutes" \(expected seconds, words or turns\)/);
  });

  it('reads every real export; refuses the subtitles that name nobody', () => {
    for (const name of readdirSync(REAL).filter((n) => !n.endsWith('README.md'))) {
      const r = run(['report', join(REAL, name)]);
      if (name === 'spanish-subtitles.vtt') {
        assert.equal(r.code, 2);
        assert.match(r.stderr, /no line names a speaker/);
      } else assert.equal(r.code, 0, `${name}: ${r.stderr}`);
    }
  });

  const MALFORMED: [string, string, number][] = [
    ['an arrow typo in WebVTT', 'WEBVTT\n\n00:00:01.000 -> 00:00:02.000\n<v Sam>hi\n', 3],
    ['an end before the start', 'WEBVTT\n\n1\n00:00:05.000 --> 00:00:02.000\nSam: hi\n', 4],
    ['an Otter time going backwards', 'Ana  0:10\nhello\n\nBen  0:05\nhi\n', 4],
    ['text after Meet\'s footer (two meetings in one file)', 'Attendees\nAna, Ben\n\nAna: hi\n\nMeeting ended after 00:01:00\n\nBen: again\n', 8],
    ['a Meet time mark going backwards', '00:05:00\nAna: hi\n00:01:00\nBen: yo\n', 3],
    ['a bad log timestamp', '[00:99:00] Sam: hi\n', 1],
    ['prose that matches no format', 'Minutes of the meeting\nWe discussed things.\n', 1],
    ['an empty file', '', 1],
    ['binary noise', '\u0000\u0001\u0002PK\u0003\u0004', 1],
  ];
  for (const [what, text, line] of MALFORMED) {
    it(`exits 2 naming line ${line} for ${what}`, () => {
      const r = run(['report', file('bad.txt', text)]);
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, new RegExp(`^reciprocity: bad\\.txt: line ${line}: expected `));
    });
  }

  it('names the formats it tried when nothing matches', () => {
    const r = run(['report', file('notes.md', 'Minutes of the meeting\n')]);
    assert.match(r.stderr, /\(tried: WebVTT .*Zoom chat export; Zoom saved captions; Google Meet transcript; Otter\.ai transcript; plain "Name: text" log\)/);
  });

  it('never throws on arbitrary input: exit 0, or 2 with a line number (property)', () => {
    const piece = fc.oneof(
      fc.constantFrom('WEBVTT', '', '00:01.000 --> 00:02.000', '<v Ana>hi', 'Ana: hi', '00:00:01\tAna:\thi', '[Ana] 10:00:00', 'Ana  0:01', '00:05:00', 'Meeting ended after 00:10:00', 'Attendees', '-->'),
      fc.string({ maxLength: 20 }),
    );
    const path = join(dir, 'random.txt');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 25 }), fc.constantFrom('\n', '\r\n'), (lines, eol) => {
        writeFileSync(path, lines.join(eol));
        const r = run(['report', path]);
        if (r.code === 0) return;
        assert.equal(r.code, 2);
        assert.match(r.stderr, /line \d+: expected |no line names a speaker/);
      }),
      { numRuns: 300 },
    );
  });
});

describe('reciprocity report on a folder of one recurring meeting', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'reciprocity-series-'));
    // Written newest first: the order comes from the names, not from when files arrived.
    [...WEEKLY].reverse().forEach((m, k) => writeFileSync(join(dir, `2025-01-${String(20 - 7 * k).padStart(2, '0')} weekly sync.vtt`), weeklyVtt(m)));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reports the latest meeting and the trend: evenness, and who has been quiet meetings running', () => {
    const r = run(['report', dir]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^# Participation summary: 2025-01-20 weekly sync\n/);
    assert.match(r.stdout, /## Across 3 meetings\n\n- Evenness fell from 1\.00 to /);
    assert.match(r.stdout, /- Ben has been quiet in the last 2 meetings\./);
    const json = JSON.parse(run(['report', dir, '--format', 'json']).stdout) as { series: { quiet: unknown; points: { title: string }[] } };
    assert.deepEqual(json.series.quiet, [{ name: 'Ben', meetings: 2 }]);
    assert.deepEqual(
      json.series.points.map((p) => p.title),
      ['2025-01-06 weekly sync', '2025-01-13 weekly sync', '2025-01-20 weekly sync'],
    );
  });

  it('keeps one pseudonym per person across the meetings', () => {
    const r = run(['report', dir, '--pseudonymise']);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(!/Ben|BEN|Ana|Chen/.test(r.stdout), r.stdout);
    assert.match(r.stdout, /- Member B has been quiet in the last 2 meetings\./);
  });

  it('takes several files as a series, and fails naming any file that does not read', () => {
    const files = readdirSync(dir).map((n) => join(dir, n));
    assert.equal(run(['report', ...files]).code, 0);
    const bad = join(dir, 'zz notes.txt');
    writeFileSync(bad, 'Minutes of the meeting\n');
    try {
      const r = run(['report', dir]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /^reciprocity: zz notes\.txt: line 1: expected /);
    } finally {
      rmSync(bad);
    }
  });
});
