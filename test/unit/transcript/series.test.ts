import { strict as assert } from 'node:assert';
import { toMarkdown } from '../../../src/domain/export';
import { buildSummary } from '../../../src/domain/summary';
import { trendPoint } from '../../../src/domain/summary/trend';
import { transcriptSession } from '../../../src/domain/transcript/load';
import { meetingSeries } from '../../../src/domain/transcript/series';
import { WEEKLY, weeklyVtt } from '../../fixtures/transcripts/series';

function summaries() {
  return WEEKLY.map((m, k) => {
    const t = transcriptSession(weeklyVtt(m), `week-${k + 1}.vtt`, Date.UTC(2025, 0, 6 + 7 * k, 10));
    if (!t.ok) assert.fail(t.message);
    return buildSummary(t.events, { driver: t.driver, unattributed: t.unattributed, transcriptFormat: t.format });
  });
}

/** Normalised entropy of the seconds, computed here from the meeting's own figures. */
function evenness(seconds: number[]): number {
  const total = seconds.reduce((a, b) => a + b, 0);
  const h = -seconds.reduce((a, s) => a + (s / total) * Math.log(s / total), 0);
  return h / Math.log(seconds.length);
}

describe('a series of meetings', () => {
  it('names who has been quiet several meetings running (below half the fair share), matching names case-insensitively', () => {
    const series = meetingSeries(summaries());
    // Ben: 10/30 (not quiet), 2/40 and 1/40 (quiet: below 1/6). Chen 9/40 is above 1/6.
    assert.deepEqual(series.quiet, [{ name: 'Ben', meetings: 2 }]);
    assert.ok(series.messages.includes('Ben has been quiet in the last 2 meetings.'));
  });

  it('gives the evenness of each meeting and its change over the series', () => {
    const series = meetingSeries(summaries());
    const expected = WEEKLY.map((m) => evenness(m.map(([, s]) => s)));
    series.points.forEach((p, k) => assert.ok(Math.abs(p.evenness - (expected[k] ?? -1)) < 1e-9));
    assert.equal(series.messages[0], `Evenness fell from ${(expected[0] ?? 0).toFixed(2)} to ${(expected[2] ?? 0).toFixed(2)} over 3 meetings.`);
    assert.deepEqual(
      series.points.map((p) => [p.format, p.driver, p.members]),
      [
        ['WebVTT', 'seconds', 3],
        ['WebVTT', 'seconds', 3],
        ['WebVTT', 'seconds', 3],
      ],
    );
  });

  it('reports no streak from a single meeting', () => {
    const one = meetingSeries(summaries().slice(2));
    assert.deepEqual(one.quiet, []);
    assert.deepEqual(one.messages, ['One meeting so far; the trend appears with the next one.']);
  });
});

describe('a series of meetings in the Markdown export', () => {
  it('has a meetings trend without depth layers', () => {
    const all = summaries();
    const latest = all[all.length - 1];
    if (latest === undefined) assert.fail('no meetings');
    const md = toMarkdown(latest, { pseudonymise: false, namedTable: false }, { points: all.map(trendPoint), messages: meetingSeries(all).messages });
    assert.match(md, /## Trends across meetings\n\n- Evenness fell from 1\.00 to 0\.59 over 3 meetings\.\n- Ben has been quiet in the last 2 meetings\./);
    assert.match(md, /\| Date \| Meeting \| Gini \| Evenness \|/);
    assert.ok(!md.includes('Deepest layer'));
  });
});
