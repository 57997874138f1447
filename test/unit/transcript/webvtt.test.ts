import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseTranscript, type Transcript } from '../../../src/domain/transcript';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'transcripts');

function parse(text: string, fileName = 'meeting.vtt'): Transcript {
  const r = parseTranscript(text, fileName);
  if (!r.ok) assert.fail(r.error.message);
  return r.transcript;
}

function parseError(text: string, fileName = 'meeting.vtt'): { line: number; message: string } {
  const r = parseTranscript(text, fileName);
  if (r.ok) assert.fail('expected the file to be rejected');
  return r.error;
}

const vtt = (...blocks: string[]): string => ['WEBVTT', '', ...blocks.flatMap((b) => [b, ''])].join('\n');

describe('WebVTT transcripts', () => {
  it('reads voice tags, with classes and closing tags', () => {
    const t = parse(
      vtt(
        '00:00:01.000 --> 00:00:03.000\n<v Sam Lee>Hello there.</v>',
        '00:00:03.000 --> 00:00:04.500\n<v.loud.first Ana Ruiz>Hi!</v>',
        '00:00:05.000 --> 00:00:06.000\n<v Ana Ruiz>No closing tag here',
      ),
    );
    assert.deepEqual(t.speakers, ['Sam Lee', 'Ana Ruiz']);
    assert.deepEqual(
      t.turns.map((x) => [x.speaker, x.text, x.words, x.seconds]),
      [
        ['Sam Lee', 'Hello there.', 2, 2],
        ['Ana Ruiz', 'Hi! No closing tag here', 5, 2.5],
      ],
    );
  });

  it('merges consecutive cues by the same speaker into one turn, summing cue durations', () => {
    const t = parse(
      vtt(
        '00:00:01.000 --> 00:00:02.000\nSam: one',
        '00:00:10.000 --> 00:00:12.000\nSam: two three',
        '00:00:12.000 --> 00:00:13.000\nAna: four',
      ),
    );
    assert.equal(t.turns.length, 2);
    assert.deepEqual([t.turns[0]?.text, t.turns[0]?.words, t.turns[0]?.seconds], ['one two three', 3, 3]);
    assert.equal(t.durationMs, 12_000);
  });

  it('treats a speaker case- and spacing-insensitively, keeping the first spelling', () => {
    const t = parse(vtt('00:00:01.000 --> 00:00:02.000\n<v Sam  Lee>a', '00:00:02.000 --> 00:00:03.000\n<v sam lee>b'));
    assert.deepEqual(t.speakers, ['Sam Lee']);
    assert.equal(t.turns.length, 1);
  });

  it('handles a BOM, CRLF and lone CR line endings', () => {
    const body = 'WEBVTT\r\n\r\n00:00:01.000 --> 00:00:02.000\r\nSam: hi\r\n\r\n00:00:02.000 --> 00:00:03.000\rAna: yo\r';
    const t = parse(`\uFEFF${body}`);
    assert.deepEqual(t.speakers, ['Sam', 'Ana']);
  });

  it('skips header metadata, NOTE, STYLE and REGION blocks', () => {
    const t = parse(
      [
        'WEBVTT - exported',
        'Kind: captions',
        'Language: en',
        '',
        'STYLE',
        '::cue { color: red }',
        '',
        'REGION',
        'id:fred width:40%',
        '',
        'NOTE a comment',
        'that spans lines',
        '',
        'NOTE',
        '',
        '00:00:01.000 --> 00:00:02.000',
        'Sam: hi',
      ].join('\n'),
    );
    assert.deepEqual(
      t.turns.map((x) => x.text),
      ['hi'],
    );
  });

  it('accepts cue identifiers, cue settings, hh:mm:ss.ttt and mm:ss.ttt timestamps', () => {
    const t = parse(
      vtt(
        'intro-1\n00:01.000 --> 00:03.500 align:start position:10% line:85%\nSam: hi',
        '42\n01:00:00.000 --> 01:00:02.000 vertical:rl\nAna: later',
      ),
    );
    assert.deepEqual(
      t.turns.map((x) => [x.speaker, x.seconds, x.startMs]),
      [
        ['Sam', 2.5, 1000],
        ['Ana', 2, 3_600_000],
      ],
    );
  });

  it('joins multi-line cues into one utterance', () => {
    const t = parse(vtt('00:00:01.000 --> 00:00:04.000\nSam: the first line\nand the second'));
    assert.equal(t.turns[0]?.text, 'the first line and the second');
    assert.equal(t.turns[0]?.words, 6);
  });

  it('keeps commas and colons inside names; a voice tag wins over a "Name:" prefix', () => {
    const t = parse(
      vtt(
        '00:00:01.000 --> 00:00:02.000\nLee, Sam (Guest): hello: world',
        '00:00:02.000 --> 00:00:03.000\nTeam:Ops Bot: deploy done',
        '00:00:03.000 --> 00:00:04.000\n<v Dr. Who: The Doctor>Note: this is said by the tag speaker',
      ),
    );
    assert.deepEqual(t.speakers, ['Lee, Sam (Guest)', 'Team:Ops Bot', 'Dr. Who: The Doctor']);
    assert.equal(t.turns[0]?.text, 'hello: world');
    assert.equal(t.turns[2]?.text, 'Note: this is said by the tag speaker');
  });

  it('does not read a long run of prose before a colon as a name', () => {
    const prose = 'So what I was really trying to say in the meeting yesterday afternoon is this: we ship';
    const t = parse(vtt(`00:00:01.000 --> 00:00:02.000\n${prose}`));
    assert.equal(t.turns[0]?.speaker, null);
  });

  it('reports unlabelled cues as unattributed instead of dropping them', () => {
    const t = parse(
      vtt(
        '00:00:01.000 --> 00:00:02.000\nSam: hi',
        '00:00:02.000 --> 00:00:03.000\nAna: yo',
        '00:00:03.000 --> 00:00:06.000\n(laughter and cross-talk)',
        '00:00:06.000 --> 00:00:07.000\n[music]',
      ),
    );
    assert.deepEqual(t.unattributed, { turns: 1, words: 5, seconds: 4 });
    assert.deepEqual(t.speakers, ['Sam', 'Ana']);
  });

  it('reads "Name:" as a speaker only when most cues are labelled that way (Zoom), else as dialogue', () => {
    const zoomish = parse(vtt('00:00:01.000 --> 00:00:02.000\nSam: hi', '00:00:02.000 --> 00:00:03.000\nok then'));
    assert.deepEqual(zoomish.speakers, ['Sam']);
    const film = parse(vtt('00:00:01.000 --> 00:00:02.000\nListen: hi', '00:00:02.000 --> 00:00:03.000\nok', '00:00:03.000 --> 00:00:04.000\nthen'));
    assert.deepEqual(film.speakers, []);
    assert.equal(film.turns[0]?.text, 'Listen: hi ok then');
  });

  it('counts empty cues without inventing turns', () => {
    const t = parse(vtt('00:00:01.000 --> 00:00:02.000', '00:00:02.000 --> 00:00:03.000\n<v Sam></v>', '00:00:03.000 --> 00:00:04.000\nAna: hi'));
    assert.equal(t.cues, 3);
    assert.equal(t.emptyCues, 2);
    assert.equal(t.turns.length, 1);
  });

  it('strips inline markup and decodes character references', () => {
    const t = parse(vtt('00:00:01.000 --> 00:00:02.000\n<v Sam &amp; Co><c.yellow>I</c> <i>think</i> <00:00:01.500>a &lt; b &#38; c&nbsp;d</v>'));
    assert.equal(t.speakers[0], 'Sam & Co');
    assert.equal(t.turns[0]?.text, 'I think a < b & c d');
  });

  it('splits a cue with two voices, sharing its time by words', () => {
    const t = parse(vtt('00:00:00.000 --> 00:00:04.000\n<v Sam>one two three</v>\n<v Ana>four</v>'));
    assert.deepEqual(
      t.turns.map((x) => [x.speaker, x.seconds]),
      [
        ['Sam', 3],
        ['Ana', 1],
      ],
    );
  });

  describe('errors name the line and what was expected', () => {
    it('a missing header is forgiven when the file opens with a cue, as players do', () => {
      assert.deepEqual(parse('00:00:01.000 --> 00:00:02.000\nSam: hi').speakers, ['Sam']);
      assert.deepEqual(parse('1\n00:00:01,000 --> 00:00:02,000\n<v Sam>hi').speakers, ['Sam']);
    });

    it('a malformed timing line, with nothing parsed around it', () => {
      const text = vtt('00:00:01.000 --> 00:00:02.000\nSam: hi', '2\n00:00:02.000 -> 00:00:03.000\nAna: yo');
      const e = parseError(text);
      assert.equal(e.line, 7);
      assert.equal(e.message, 'line 7: expected a cue timing like 00:00:01.000 --> 00:00:04.000, found "00:00:02.000 -> 00:00:03.000" (read as WebVTT)');
    });

    it('a cue split by a blank line (text with no timing)', () => {
      const e = parseError(vtt('00:00:01.000 --> 00:00:02.000\nSam: hi', 'stray text'));
      assert.equal(e.line, 6);
      assert.match(e.message, /found "stray text"/);
    });

    it('bad timestamps and an end before the start', () => {
      assert.match(parseError(vtt('00:00:61.000 --> 00:01:02.000\nx')).message, /^line 3: expected a cue timing/);
      assert.match(parseError(vtt('00:00:01.0000 --> 00:00:02.000\nx')).message, /^line 3: expected a cue timing/);
      assert.match(parseError(vtt('00:00:05.000 --> 00:00:02.000\nx')).message, /^line 3: expected an end time at or after the start time/);
    });

    it('shortens a very long offending line', () => {
      const e = parseError(vtt('x'.repeat(500)));
      assert.ok(e.message.length < 200, e.message);
    });
  });

  describe('fixtures', () => {
    const read = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');

    it('teams.vtt: voice tags with GUID cue ids', () => {
      const t = parse(read('teams.vtt'));
      assert.deepEqual(t.speakers, ['Priya Raman', 'Lee, Sam (Contractor)', 'Jonas Müller', 'Aiko Tanaka']);
      assert.equal(t.turns.length, 6);
      assert.equal(t.turns[0]?.seconds, 5.78);
    });

    it('zoom.vtt: "Name: text" cues, an empty cue and an unattributed one', () => {
      const t = parse(read('zoom.vtt'));
      assert.deepEqual(t.speakers, ['Dana Whitfield', 'Omar Haddad', 'Beatriz Souza']);
      assert.equal(t.emptyCues, 1);
      assert.equal(t.unattributed.turns, 1);
    });

    it('meet.vtt: BOM, CRLF, STYLE/NOTE/REGION blocks and cue settings', () => {
      const t = parse(read('meet.vtt'));
      assert.deepEqual(t.speakers, ['Ines Ferreira', 'Kwame Mensah']);
      assert.equal(t.turns.length, 4);
      assert.equal(t.turns[1]?.text, 'Cool. Quick one: the demo went well and the customer asked for a second session.');
    });

    it('bad.vtt is rejected as a whole with its line number', () => {
      const e = parseError(read('bad.vtt'));
      assert.equal(e.line, 8);
    });
  });

  it('never throws and never returns a partial result on arbitrary input (property)', () => {
    const line = fc.oneof(
      fc.constantFrom('', 'WEBVTT', 'NOTE x', '00:00:01.000 --> 00:00:02.000', '<v Sam>hi</v>', 'Ana: yo', '</v>', '<v.x'),
      fc.string({ maxLength: 30 }),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), fc.constantFrom('\n', '\r\n', '\r'), (lines, eol) => {
        const r = parseTranscript(['WEBVTT', '', ...lines].join(eol), 'x.vtt');
        if (!r.ok) {
          assert.match(r.error.message, /^line \d+: expected .+, found .+/);
          return;
        }
        for (const t of r.transcript.turns) assert.ok(t.seconds >= 0 && t.words >= 0 && t.text.length > 0);
      }),
      { numRuns: 300 },
    );
  });
});
