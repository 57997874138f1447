import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectTranscriptFormat, parseTranscript, type Transcript } from '../../../src/domain/transcript';

function parse(text: string, fileName = 'log.txt'): Transcript {
  const r = parseTranscript(text, fileName);
  if (!r.ok) assert.fail(r.error.message);
  return r.transcript;
}

function errorOf(text: string): string {
  const r = parseTranscript(text, 'log.txt');
  if (r.ok) assert.fail('expected the log to be rejected');
  return r.error.message;
}

describe('plain "Name: text" logs', () => {
  it('reads speakers and merges consecutive lines by the same speaker', () => {
    const t = parse('Sam: hi there\nSam: again\nAna: hello\n');
    assert.equal(t.format, 'plain');
    assert.deepEqual(
      t.turns.map((x) => [x.speaker, x.text, x.words]),
      [
        ['Sam', 'hi there again', 3],
        ['Ana', 'hello', 1],
      ],
    );
  });

  it('appends continuation lines without a speaker to the previous turn', () => {
    const t = parse('Sam: the first part\nand the rest of it\n\nAna: ok');
    assert.equal(t.turns[0]?.text, 'the first part and the rest of it');
  });

  it('takes seconds from [hh:mm:ss] and [mm:ss] timestamps', () => {
    const t = parse('[00:00:05] Sam: one two\n[00:15] Ana: three\n[00:01:00] Sam: four five six seven eight');
    assert.deepEqual(
      t.turns.map((x) => x.seconds),
      [10, 45, 2],
    );
  });

  it('handles CRLF, a BOM and names with commas', () => {
    const t = parse('\uFEFF[00:00:01] Lee, Sam: hi\r\n[00:00:02] Ana: yo\r\n');
    assert.deepEqual(t.speakers, ['Lee, Sam', 'Ana']);
  });

  it('rejects a log that starts without a speaker, naming the line', () => {
    assert.match(errorOf('\nMeeting notes\nSam: hi'), /^line 2: expected .*a line like "Name: text" or "\[00:01:02\] Name: text", found "Meeting notes" \(tried: WebVTT.*plain "Name: text" log\)$/);
  });

  it('rejects a timestamp without a speaker, bad timestamps and time running backwards', () => {
    assert.match(errorOf('Sam: hi\n[00:00:05] just text'), /^line 2: expected a line like "Name: text"/);
    assert.match(errorOf('[00:99:00] Sam: hi'), /^line 1: expected a timestamp like \[00:01:02\]/);
    assert.match(errorOf('[00:00:10] Sam: hi\n[00:00:05] Ana: yo'), /^line 2: expected a timestamp at or after the previous one/);
  });

  it('rejects an empty file', () => {
    assert.match(errorOf(''), /^line 1: expected .*"Name: text".*found the end of the file \(tried: /);
  });

  it('detects the format from the content, never the file name', () => {
    assert.equal(detectTranscriptFormat('WEBVTT\n\n00:01.000 --> 00:02.000\n<v Sam>hi'), 'webvtt');
    assert.equal(detectTranscriptFormat('Sam: hi'), 'plain');
    assert.equal(parseTranscript('Sam: hi', 'x.vtt').ok, true);
    assert.equal(detectTranscriptFormat('just some prose'), null);
  });

  it('splits files whose line endings are mixed (CRLF with a stray LF or CR)', () => {
    assert.equal(parse('Sam: a\r\nAna: b\nSam: c\rAna: d\r\n').turns.length, 4);
  });

  it('recognises Google Meet by its footer alone, so the footer never becomes speech', () => {
    const lines = Array.from({ length: 60 }, (_, k) => `${k % 2 === 0 ? 'Ana' : 'Ben'}: line ${k}`);
    const t = parse([...lines, '', 'Meeting ended after 00:02:00 👋', '', 'This editable transcript was computer generated and might contain errors.'].join('\n'));
    assert.equal(t.format, 'google-meet');
    assert.equal(t.turns.length, 60);
    assert.equal(t.turns.at(-1)?.text, 'line 59');
  });

  it('reads a sentence ending in a colon as text, not as a new speaker', () => {
    const t = parse('Sam: we looked at three options.\nThe plan is: ship on Friday.\nAna: agreed');
    assert.deepEqual(t.speakers, ['Sam', 'Ana']);
    assert.equal(t.turns[0]?.text, 'we looked at three options. The plan is: ship on Friday.');
  });

  it('reads the plain.txt fixture', () => {
    const t = parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'transcripts', 'plain.txt'), 'utf8'));
    assert.deepEqual(t.speakers, ['Priya Raman', 'Lee, Sam', 'Jonas Müller', 'Aiko Tanaka']);
    assert.equal(t.turns[2]?.text, 'Relieved, the release went out. It went out on Thursday, in fact, and nobody got paged.');
    assert.equal(t.turns[2]?.seconds, 15);
  });
});
