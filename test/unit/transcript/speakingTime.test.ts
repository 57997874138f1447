// Speaking time is the default measure for a timed transcript (as Jitsi and Teams Speaker
// Coach measure it); words and turns remain a switch away.
import { strict as assert } from 'node:assert';
import { buildSummary } from '../../../src/domain/summary';
import { transcriptSession } from '../../../src/domain/transcript/load';
import * as v from 'valibot';
import { SummaryWebviewMessageSchema } from '../../../src/summaryProtocol';

// Ana holds forth for 30 s; Ben and Chen answer in 2 s; then each speaks once more for 2 s.
// Turns are even (2 each), seconds are not: Ana 32, Ben 4, Chen 4.
const MONOLOGUE = [
  'WEBVTT',
  '',
  '00:00:00.000 --> 00:00:30.000',
  '<v Ana>So here is the whole history of the incident, from the first alert to the retro.',
  '',
  '00:00:30.000 --> 00:00:32.000',
  '<v Ben>Makes sense.',
  '',
  '00:00:32.000 --> 00:00:34.000',
  '<v Chen>Agreed.',
  '',
  '00:00:34.000 --> 00:00:36.000',
  '<v Ana>Thanks.',
  '',
  '00:00:36.000 --> 00:00:38.000',
  '<v Ben>Next?',
  '',
  '00:00:38.000 --> 00:00:40.000',
  '<v Chen>Yes.',
  '',
].join('\n');

function session(text: string) {
  const t = transcriptSession(text, 'standup.vtt', Date.UTC(2025, 0, 6, 10));
  if (!t.ok) assert.fail(t.message);
  return t;
}

describe('speaking time', () => {
  it('is the default driver for a timed transcript, and the format is named', () => {
    const t = session(MONOLOGUE);
    assert.equal(t.driver, 'seconds');
    assert.equal(t.format, 'WebVTT');
  });

  it('shows a 30-second monologue among short replies as uneven, though turns are even', () => {
    const t = session(MONOLOGUE);
    const bySeconds = buildSummary(t.events, { driver: 'seconds', unattributed: t.unattributed });
    const byTurns = buildSummary(t.events, { driver: 'turns', unattributed: t.unattributed });
    // Gini of [4, 4, 32]: Σ|xi − xj| over ordered pairs = 2·(0 + 28 + 28) = 112; 112 / (2·3²·(40/3)) = 0.4667.
    assert.ok(Math.abs(bySeconds.gini - 112 / 240) < 1e-9, String(bySeconds.gini));
    assert.equal(bySeconds.maxShare, 32 / 40);
    assert.equal(byTurns.gini, 0);
    const ana = bySeconds.members.find((m) => m.name === 'Ana');
    assert.equal(ana?.seconds, 32);
    assert.ok(bySeconds.flags.some((f) => f.kind === 'dominant' && f.memberKey === ana?.key), 'Ana is flagged as dominant');
    assert.ok(!byTurns.flags.some((f) => f.kind === 'dominant'), 'no one dominates by turns');
  });

  it('counts overlapping speech for each speaker', () => {
    const overlap = ['WEBVTT', '', '00:00.000 --> 00:10.000', '<v Ana>talking', '', '00:05.000 --> 00:08.000', '<v Ben>interrupting'].join('\n');
    const s = buildSummary(session(overlap).events, { driver: 'seconds' });
    assert.deepEqual(
      s.members.map((m) => [m.name, m.seconds]),
      [
        ['Ana', 10],
        ['Ben', 3],
      ],
    );
  });

  it('falls back to turns when the file has no times for speech (a chat export)', () => {
    const chat = '00:00:01\tAna:\thello\n00:00:05\tBen:\thi\n';
    assert.equal(session(chat).driver, 'turns');
  });

  it('refuses a file that names no speaker, rather than an empty summary', () => {
    const r = transcriptSession('WEBVTT\n\n00:01.000 --> 00:02.000\nTodo pasa por la central:\n', 'film.vtt', 0);
    assert.equal(r.ok, false);
    assert.match(r.ok ? '' : r.message, /^film\.vtt: read as WebVTT, but no line names a speaker/);
  });
});

describe('the summary panel driver switch (protocol)', () => {
  it('accepts seconds, words and turns from the webview, and nothing else', () => {
    for (const driver of ['seconds', 'words', 'turns']) {
      const r = v.safeParse(SummaryWebviewMessageSchema, { type: 'setOptions', options: { pseudonymise: false, namedTable: false, driver } });
      assert.ok(r.success, driver);
    }
    const bad = v.safeParse(SummaryWebviewMessageSchema, { type: 'setOptions', options: { pseudonymise: false, namedTable: false, driver: 'minutes' } });
    assert.equal(bad.success, false);
  });
});
