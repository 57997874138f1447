import { strict as assert } from 'node:assert';
import { buildSummary, buildTrend } from '../../../src/domain/summary';
import type { Summary } from '../../../src/domain/summary/types';
import { retroEvents } from './events';

function retro(createdAt: number, gini: number, deepest: number, reciprocated = 1): Summary {
  const base = buildSummary(retroEvents());
  const layers = base.layers.map((l) => ({ ...l, reached: l.depth <= deepest, reciprocated: l.depth <= reciprocated }));
  return { ...base, sessionId: `s${createdAt}`, title: `Retro ${createdAt}`, createdAt, gini, deepestReached: deepest, layers };
}

describe('buildTrend', () => {
  it('sorts by date and reports falls and rises plainly', () => {
    const t = buildTrend([retro(3, 0.3, 2), retro(1, 0.42, 3), retro(2, 0.35, 3), retro(4, 0.21, 1)]);
    assert.deepEqual(
      t.points.map((p) => p.createdAt),
      [1, 2, 3, 4],
    );
    assert.deepEqual(t.messages, ['Depth fell two retros in a row (layer 3 → 1).', 'Balance improved three retros running (Gini 0.42 → 0.21).']);
  });

  it('says when balance slips and reciprocity grows', () => {
    const t = buildTrend([retro(1, 0.2, 2, 0), retro(2, 0.3, 2, 1), retro(3, 0.4, 2, 2)]);
    assert.deepEqual(t.messages, [
      'Balance slipped two retros in a row (Gini 0.20 → 0.40).',
      'More layers were reciprocated two retros running (reciprocated layers 0 → 2).',
    ]);
  });

  it('mentions a single step, and ignores Gini noise', () => {
    const t = buildTrend([retro(1, 0.3, 2), retro(2, 0.302, 3)]);
    assert.deepEqual(t.messages, ['The team went deeper since the last retro (layer 2 → 3).']);
    assert.deepEqual(buildTrend([retro(1, 0.3, 2), retro(2, 0.3, 2)]).messages, ['Steady since the last retro.']);
  });

  it('needs two retros for a trend', () => {
    assert.deepEqual(buildTrend([]).messages, []);
    assert.deepEqual(buildTrend([retro(1, 0.3, 2)]).messages, ['One retro so far; trends appear after the next one.']);
  });
});
