import { strict as assert } from 'node:assert';
import { replay } from '../../../src/domain/session';
import { buildSummary } from '../../../src/domain/summary';
import { parseTranscript, transcriptToEvents, type Transcript } from '../../../src/domain/transcript';

function transcript(text: string): Transcript {
  const r = parseTranscript(text, 'm.vtt');
  if (!r.ok) assert.fail(r.error.message);
  return r.transcript;
}

const TEXT = [
  'WEBVTT',
  '',
  '00:00:01.000 --> 00:00:03.000',
  '<v Sam>one two three</v>',
  '',
  '00:00:03.000 --> 00:00:04.000',
  '(inaudible)',
  '',
  '00:00:04.000 --> 00:00:06.000',
  '<v Ana>four</v>',
  '',
  '00:00:06.000 --> 00:00:10.000',
  '<v Sam>five six</v>',
  '',
].join('\n');

describe('transcript to session events', () => {
  it('makes one member per speaker and one depth-1 contribution per turn', () => {
    const t = transcript(TEXT);
    const events = transcriptToEvents(t, { title: 'Standup', createdAt: 1_000_000 });
    const state = replay(events);
    assert.equal(state.title, 'Standup');
    assert.deepEqual(
      state.members.map((m) => m.name),
      ['Sam', 'Ana'],
    );
    assert.deepEqual(
      state.contributions.map((c) => [c.memberId, c.depth, c.topic, c.words, c.seconds, c.at]),
      [
        ['speaker-1', 1, 'meeting', 3, 2, 1_001_000],
        ['speaker-2', 1, 'meeting', 1, 2, 1_004_000],
        ['speaker-1', 1, 'meeting', 2, 4, 1_006_000],
      ],
    );
    assert.equal(state.endedAt, 1_010_000);
  });

  it('feeds the same summary, with unattributed speech reported and not shared out', () => {
    const t = transcript(TEXT);
    const summary = buildSummary(transcriptToEvents(t, { createdAt: 0 }), { unattributed: t.unattributed });
    assert.equal(summary.source, 'transcript');
    assert.deepEqual(summary.unattributed, { turns: 1, words: 1, seconds: 1 });
    assert.deepEqual(
      summary.members.map((m) => [m.name, m.turns, m.words, m.seconds]),
      [
        ['Sam', 2, 5, 6],
        ['Ana', 1, 1, 2],
      ],
    );
    assert.equal(summary.durationSeconds, 10);
  });

  it('never truncates a long turn (words are counted from the stored text)', () => {
    const long = Array.from({ length: 3000 }, (_, i) => `word${i}`).join(' ');
    const t = transcript(`WEBVTT\n\n00:00:00.000 --> 00:10:00.000\n<v Sam>${long}</v>\n`);
    const state = replay(transcriptToEvents(t));
    assert.equal(state.contributions[0]?.words, 3000);
  });
});
