import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { gini, lorenzCurve, median, normalisedEntropy } from '../../../src/domain/balance';
import { fastCountWords } from '../../../src/domain/balance/words';
import { countWords } from '../../../src/domain/text';

const close = (a: number, b: number, eps = 1e-9): void => assert.ok(Math.abs(a - b) < eps, `${a} ≈ ${b}`);
const amounts = fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 60 });

describe('balance stats', () => {
  describe('gini', () => {
    it('is 0 for nobody, one member, all equal, and all silent', () => {
      assert.equal(gini([]), 0);
      assert.equal(gini([7]), 0);
      assert.equal(gini([3, 3, 3]), 0);
      assert.equal(gini([0, 0, 0, 0]), 0);
    });
    it('matches hand-computed values, silent members counted as zeros', () => {
      // Σ|xi−xj| over ordered pairs / (2 n Σx)
      close(gini([0, 10]), 0.5); // 20 / (2·2·10)
      close(gini([0, 0, 0, 12]), 0.75); // one has everything: 1 − 1/4
      close(gini([1, 2, 3]), 8 / 36); // |diffs| 1,2,1 both ways → 8 / (2·3·6)
      close(gini([0, 1, 2, 3]), 20 / 48); // 0.417; leaving the silent zero out would show 0.222
    });
    it('rejects negative or non-finite amounts', () => {
      assert.throws(() => gini([1, -1]), RangeError);
      assert.throws(() => gini([Number.NaN]), RangeError);
    });
    it('stays within [0, 1 − 1/n]', () => {
      fc.assert(fc.property(amounts, (xs) => {
        const g = gini(xs);
        return g >= 0 && g <= 1 - 1 / xs.length + 1e-12;
      }));
    });
    it('is 0 for equal shares', () => {
      fc.assert(fc.property(fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 1, max: 60 }), (v, n) =>
        gini(new Array<number>(n).fill(v)) === 0));
    });
    it('does not depend on member order', () => {
      fc.assert(fc.property(amounts.chain((xs) => fc.tuple(fc.constant(xs), fc.shuffledSubarray(xs, { minLength: xs.length }))),
        ([xs, ys]) => Math.abs(gini(xs) - gini(ys)) < 1e-12));
    });
    it('agrees with the pairwise definition and is scale-free', () => {
      fc.assert(fc.property(amounts, fc.integer({ min: 1, max: 50 }), (xs, k) => {
        const n = xs.length;
        const total = xs.reduce((a, b) => a + b, 0);
        let pairs = 0;
        for (const a of xs) for (const b of xs) pairs += Math.abs(a - b);
        const expected = total === 0 ? 0 : pairs / (2 * n * total);
        return Math.abs(gini(xs) - expected) < 1e-9 && Math.abs(gini(xs.map((x) => x * k)) - gini(xs)) < 1e-9;
      }));
    });
  });

  describe('normalisedEntropy', () => {
    it('is 1 for equal shares, 0 when one member has it all', () => {
      close(normalisedEntropy([5, 5, 5, 5]), 1);
      assert.equal(normalisedEntropy([0, 0, 9]), 0);
    });
    it('is 1 for n ≤ 1 and for all-silent teams (nothing is uneven yet)', () => {
      assert.equal(normalisedEntropy([]), 1);
      assert.equal(normalisedEntropy([4]), 1);
      assert.equal(normalisedEntropy([0, 0, 0]), 1);
    });
    it('matches a hand-computed value', () => {
      // shares 1/2, 1/4, 1/4: H = 1.5 ln 2; / ln 3
      close(normalisedEntropy([2, 1, 1]), (1.5 * Math.log(2)) / Math.log(3));
    });
    it('stays within [0, 1] and ignores order', () => {
      fc.assert(fc.property(amounts, (xs) => {
        const e = normalisedEntropy(xs);
        return e >= 0 && e <= 1 && Math.abs(e - normalisedEntropy([...xs].reverse())) < 1e-12;
      }));
    });
  });

  describe('lorenzCurve', () => {
    it('runs from (0,0) to (1,1), poorest first', () => {
      assert.deepEqual(lorenzCurve([3, 0, 1]), [
        { x: 0, y: 0 }, { x: 1 / 3, y: 0 }, { x: 2 / 3, y: 0.25 }, { x: 1, y: 1 },
      ]);
    });
    it('is the line of equality when nobody has spoken, and for no members', () => {
      assert.deepEqual(lorenzCurve([0, 0]), [{ x: 0, y: 0 }, { x: 0.5, y: 0.5 }, { x: 1, y: 1 }]);
      assert.deepEqual(lorenzCurve([]), [{ x: 0, y: 0 }, { x: 1, y: 1 }]);
    });
    it('is convex, below the diagonal, and its area gives the Gini', () => {
      fc.assert(fc.property(amounts, (xs) => {
        const pts = lorenzCurve(xs);
        let area = 0;
        for (let i = 1; i < pts.length; i++) {
          if (pts[i].y > pts[i].x + 1e-12 || pts[i].y < pts[i - 1].y) return false;
          area += ((pts[i].x - pts[i - 1].x) * (pts[i].y + pts[i - 1].y)) / 2;
        }
        return Math.abs(1 - 2 * area - gini(xs)) < 1e-9;
      }));
    });
  });

  describe('median', () => {
    it('handles empty, odd, even and ties', () => {
      assert.equal(median([]), 0);
      assert.equal(median([5, 1, 3]), 3);
      assert.equal(median([4, 1, 3, 2]), 2.5);
      assert.equal(median([2, 2, 2, 9]), 2);
    });
    it('agrees with sorting', () => {
      fc.assert(fc.property(fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 80 }), (xs) => {
        const s = [...xs].sort((a, b) => a - b);
        const n = s.length;
        const expected = n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
        return median(xs) === expected;
      }));
    });
  });
});

describe('balance word count', () => {
  it('the fast ASCII scanner counts exactly like the shared countWords', () => {
    const chars = fc.constantFrom(...'ab Z9_0 .:\',;-!\n\té🙂'.split(''));
    fc.assert(fc.property(fc.array(chars, { maxLength: 40 }).map((cs) => cs.join('')), (text) =>
      fastCountWords(text) === countWords(text)), { numRuns: 2000 });
    for (const t of ["don't", 'e.g. this', '3.5 and 1,000', 'a..b', "a'1", '1.a', '']) assert.equal(fastCountWords(t), countWords(t), t);
  });

  it('counts exactly like countWords on every ASCII text of up to five characters of each kind', () => {
    // A letter of each case, a digit, the underscore, each joiner, a space and a dash: every
    // class the scanner tells apart, in every order up to five (the longest pattern it
    // remembers is a word, a joiner and one character after it).
    const alphabet = ['a', 'Z', '9', '_', "'", '.', ':', ',', ';', ' ', '-'];
    let texts = [''];
    for (let len = 1; len <= 5; len++) {
      texts = texts.flatMap((t) => (t.length === len - 1 ? alphabet.map((c) => t + c) : []));
      for (const t of texts) if (fastCountWords(t) !== countWords(t)) assert.fail(`${JSON.stringify(t)}: ${fastCountWords(t)} words, countWords ${countWords(t)}`);
    }
    // Every ASCII code, on its own and either side of a joiner, inside a word of letters and of digits.
    for (let c = 0; c < 128; c++) {
      const ch = String.fromCharCode(c);
      for (const t of [ch, `a${ch}b`, `1${ch}2`, `a'${ch}`, `1.${ch}`, `${ch}'a`, `x_${ch}`]) assert.equal(fastCountWords(t), countWords(t), JSON.stringify(t));
    }
  });
});
