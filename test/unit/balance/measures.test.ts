// The inequality measures' contracts that the property tests in stats.test.ts take for
// granted: the caller's list is left alone, bad input is named in the error, and the
// smallest teams that are uneven (two members) are measured, not waved through.
import { strict as assert } from 'node:assert';
import { gini, lorenzCurve, median, normalisedEntropy } from '../../../src/domain/balance';

describe('balance measures: edges', () => {
  it('never reorders the caller\'s list', () => {
    const xs = [5, 1, 4, 0, 3];
    gini(xs);
    normalisedEntropy(xs);
    lorenzCurve(xs);
    median(xs);
    assert.deepEqual(xs, [5, 1, 4, 0, 3]);
  });

  it('names the offending value', () => {
    assert.throws(() => gini([1, -2]), { name: 'RangeError', message: 'participation must be a non-negative number, got -2' });
    assert.throws(() => normalisedEntropy([Infinity]), { message: 'participation must be a non-negative number, got Infinity' });
    assert.throws(() => lorenzCurve([Number.NaN]), RangeError);
  });

  it('two members: evenness and Gini by hand', () => {
    // Shares 1/4, 3/4: H = −(¼ ln ¼ + ¾ ln ¾), over ln 2. Gini: |1 − 3| · 2 / (2 · 2 · 4) = 1/4.
    const h = -(0.25 * Math.log(0.25) + 0.75 * Math.log(0.75)) / Math.log(2);
    assert.ok(Math.abs(normalisedEntropy([1, 3]) - h) < 1e-12);
    assert.equal(normalisedEntropy([0, 7]), 0);
    assert.equal(normalisedEntropy([2, 2]), 1);
    assert.ok(Math.abs(gini([1, 3]) - 0.25) < 1e-12);
    assert.equal(gini([0, 7]), 0.5); // the maximum for two: 1 − 1/2
  });
});
