// Real exports (faithful reductions of public files; sources in
// test/fixtures/transcripts/real/README.md). Every expected figure below was counted by
// hand from the fixture text: speakers, turns, words and seconds per speaker.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTranscript, type Transcript } from '../../../src/domain/transcript';

const DIR = join(__dirname, '..', '..', 'fixtures', 'transcripts', 'real');

interface Expected {
  format: string;
  speakers: string[];
  /** Per speaker: turns, words, seconds. */
  per: Record<string, [number, number, number]>;
  unattributed?: [number, number, number];
}

function read(name: string): Transcript {
  // The file name is deliberately uninformative: detection is by content.
  const r = parseTranscript(readFileSync(join(DIR, name), 'utf8'), 'export.dat');
  if (!r.ok) assert.fail(`${name}: ${r.error.message}`);
  return r.transcript;
}

function check(name: string, want: Expected): void {
  const t = read(name);
  assert.equal(t.format, want.format);
  assert.deepEqual(t.speakers, want.speakers);
  for (const speaker of want.speakers) {
    const mine = t.turns.filter((x) => x.speaker === speaker);
    const [turns, words, seconds] = want.per[speaker] ?? [0, 0, 0];
    assert.equal(mine.length, turns, `${speaker} turns`);
    assert.equal(mine.reduce((a, x) => a + x.words, 0), words, `${speaker} words`);
    const secs = mine.reduce((a, x) => a + x.seconds, 0);
    assert.ok(Math.abs(secs - seconds) < 0.005, `${speaker} seconds: ${secs} ≠ ${seconds}`);
  }
  const [ut, uw, us] = want.unattributed ?? [0, 0, 0];
  assert.equal(t.unattributed.turns, ut, 'unattributed turns');
  assert.equal(t.unattributed.words, uw, 'unattributed words');
  assert.ok(Math.abs(t.unattributed.seconds - us) < 0.005, `unattributed seconds ${t.unattributed.seconds}`);
}

describe('real exports, counted by hand', () => {
  it('Microsoft Teams: CRLF, GUID ids, 0:0:0.0 timestamps whose milliseconds are unpadded integers, multi-line voices', () => {
    // "0:0:2.90" is 2.090 s (Teams prints milliseconds without padding): "0:0:6.90 --> 0:0:6.500"
    // would otherwise end before it starts. Jane's cues 3.520–5.460 and 5.300–5.910 overlap each
    // other (counted once: 3.520–5.910) and John's 2.090–4.480 (counted for both).
    check('teams-graph.vtt', {
      format: 'teams-vtt',
      speakers: ['Jane Doe', 'John Doe'],
      per: { 'Jane Doe': [2, 5 + 12 + 12, 1.25 + 2.39], 'John Doe': [2, 8 + 1 + 10, 2.39 + 0.41 + 1.1] },
    });
    const last = read('teams-graph.vtt').turns.at(-1);
    assert.equal(last?.text, "Hello. And the turbulence hasn't been restricted to a single region.");
  });

  it('Zoom cloud recording: numeric ids, "Name: text" with dots, @, /, |, parentheses and non-ASCII names', () => {
    check('zoom-cloud.vtt', {
      format: 'zoom-vtt',
      speakers: ['Stewie Griffin', 'Brian Griffin', 'j.doe@example.com', 'Room 2 | Ops (Zoë Ångström)', 'QA/Release Bot'],
      per: {
        'Stewie Griffin': [2, 8 + 4 + 6, 6.28 + 2.499 + 3.499],
        'Brian Griffin': [1, 7, 3.499],
        'j.doe@example.com': [1, 2, 2.499],
        'Room 2 | Ops (Zoë Ångström)': [1, 6, 3.499],
        'QA/Release Bot': [1, 4, 2.499],
      },
    });
  });

  it('Zoom chat export: the timestamp is not part of the name, a reaction is not a turn, colons in messages are text', () => {
    check('zoom-chat.txt', {
      format: 'zoom-chat',
      speakers: ['Alex', 'Wheezy', 'Priya R.'],
      per: { Alex: [2, 7 + 1, 0], Wheezy: [2, 7 + 6, 0], 'Priya R.': [1, 8, 0] },
    });
  });

  it('Zoom saved captions: "[Name] HH:MM:SS" headers; a caption lasts until the next one', () => {
    // The last caption has no end: estimated at 150 words a minute (2 words → 0.8 s).
    check('zoom-captions.txt', {
      format: 'zoom-captions',
      speakers: ['Alice Chen', "Bob O'Neil", 'Carmen Díaz'],
      per: { 'Alice Chen': [2, 3 + 4, 8 + 9], "Bob O'Neil": [1, 13, 12], 'Carmen Díaz': [1, 2, 0.8] },
    });
  });

  it('Google Meet .txt: title, attendees, bare 00:05:00 marks, an empty "Name: " line, the footer', () => {
    // Between two marks the time is shared by words: 0–300 s holds 41 words, 300–360 s holds 25.
    const daniel = (300 * (23 + 11)) / 41 + (60 * (8 + 3)) / 25;
    const juan = (300 * 7) / 41 + (60 * 14) / 25;
    check('meet.txt', {
      format: 'google-meet',
      speakers: ['Daniel Oblinger', 'Juan Barajas'],
      per: { 'Daniel Oblinger': [3, 23 + 11 + 8 + 3, daniel], 'Juan Barajas': [2, 7 + 14, juan] },
    });
  });

  it('Google Meet .md: headings, an attendee who never spoke is present and silent', () => {
    const s = (words: number): number => (30 * words) / 38;
    check('meet.md', {
      format: 'google-meet',
      speakers: ['Dorte Dye', 'Ian Johnson', 'Brett StClair', 'George Westbrook', 'Michael Moores', 'Nadia Kaur'],
      per: {
        'Dorte Dye': [1, 9, s(9)],
        'Ian Johnson': [1, 3, s(3)],
        'Brett StClair': [3, 7, s(7)],
        'George Westbrook': [3, 14, s(14)],
        'Michael Moores': [2, 5, s(5)],
        'Nadia Kaur': [0, 0, 0],
      },
    });
  });

  it('Otter.ai: "Name  0:00" headers, paragraphs, "Unknown Speaker" unattributed, the footer skipped', () => {
    check('otter.txt', {
      format: 'otter',
      speakers: ['Ali', 'Kelly', 'Emma'],
      per: { Ali: [4, 39 + 2 + 20 + 11, 18 + 0 + 109 + 11 / 2.5], Kelly: [1, 7, 3], Emma: [1, 7, 83] },
      unattributed: [2, 2 + 7, 1 + 1],
    });
  });

  it('WebVTT as the spec allows: BOM, STYLE/REGION/NOTE, hour-less times, settings, markup, a cue with no blank line before it, overlap, no final newline', () => {
    check('spec.vtt', {
      format: 'webvtt',
      speakers: ['Roger Bingham', 'Neil deGrasse Tyson'],
      per: { 'Roger Bingham': [1, 6 + 10 + 7 + 7 + 6, 11], 'Neil deGrasse Tyson': [1, 3, 3] },
    });
  });

  it('Spanish subtitles: colons in dialogue invent no speaker', () => {
    check('spanish-subtitles.vtt', {
      format: 'webvtt',
      speakers: [],
      per: {},
      unattributed: [1, 5 + 5 + 6 + 9 + 4 + 5 + 5, 2.5 * 6 + 1.5],
    });
  });
});

describe('Zoom desktop chat', () => {
  it('"HH:MM:SS From Name to Everyone:" with the text on the same or the next lines', () => {
    const text = '10:01:15 From Alice Smith to Everyone:\n\tHello all\n10:01:40 From  Bob O\'Neil  to  Alice Smith (Direct Message):\n\tHi! Quick: one thing\n10:02:05 From Alice Smith : sure\n';
    const r = parseTranscript(text);
    if (!r.ok) assert.fail(r.error.message);
    assert.equal(r.transcript.format, 'zoom-chat');
    assert.deepEqual(r.transcript.speakers, ['Alice Smith', "Bob O'Neil"]);
    assert.deepEqual(
      r.transcript.turns.map((t) => [t.speaker, t.words]),
      [
        ['Alice Smith', 2],
        ["Bob O'Neil", 4],
        ['Alice Smith', 1],
      ],
    );
  });
});
