// Inequality measures over a plain list of non-negative amounts (turns or words per member).
// Silent members must be passed in as zeros: leaving them out hides exactly the people the
// measures exist to notice.

function checked(values: readonly number[]): number[] {
  for (const v of values) {
    if (!Number.isFinite(v) || v < 0) throw new RangeError(`participation must be a non-negative number, got ${v}`);
  }
  return values.slice();
}

/**
 * Gini coefficient, 0 (all equal) .. 1 − 1/n (one member has everything).
 * 0 for an empty list, a single member, or when nobody has taken part yet.
 */
export function gini(values: readonly number[]): number {
  return giniOfSorted(checked(values).sort((a, b) => a - b));
}

/**
 * Gini of amounts already in ascending order: the engine keeps its members ranked, so a
 * snapshot need not copy and sort them again. Same arithmetic, so the same result.
 */
export function giniOfSorted(xs: readonly number[]): number {
  const n = xs.length;
  let total = 0;
  let weighted = 0;
  for (let i = 0; i < n; i++) {
    total += xs[i];
    weighted += (i + 1) * xs[i];
  }
  if (n < 2 || total === 0) return 0;
  const g = (2 * weighted) / (n * total) - (n + 1) / n;
  // Rounding can push an exact 0 or an exact maximum a hair outside the range.
  return Math.min(1 - 1 / n, Math.max(0, g));
}

/**
 * Shannon entropy of the shares divided by ln n: 1 when everyone has an equal share,
 * 0 when one member has it all. Defined as 1 for n ≤ 1 and for all-zero input, because
 * neither a lone member nor a team where nobody has spoken yet is uneven; this keeps
 * evenness consistent with a Gini of 0 in the same cases.
 */
export function normalisedEntropy(values: readonly number[]): number {
  const xs = checked(values);
  const n = xs.length;
  let total = 0;
  for (const x of xs) total += x;
  if (n < 2 || total === 0) return 1;
  let h = 0;
  for (const x of xs) {
    if (x > 0) {
      const p = x / total;
      h -= p * Math.log(p);
    }
  }
  return Math.min(1, Math.max(0, h / Math.log(n)));
}

/**
 * Lorenz curve: cumulative share of members (poorest first) against cumulative share of
 * participation, starting at (0,0) and ending at (1,1). With nobody having taken part the
 * curve is the line of equality, matching a Gini of 0.
 */
export function lorenzCurve(values: readonly number[]): { x: number; y: number }[] {
  const xs = checked(values).sort((a, b) => a - b);
  const n = xs.length;
  if (n === 0) return [{ x: 0, y: 0 }, { x: 1, y: 1 }];
  let total = 0;
  for (const x of xs) total += x;
  const points = [{ x: 0, y: 0 }];
  let cum = 0;
  for (let i = 0; i < n; i++) {
    cum += xs[i];
    points.push({ x: (i + 1) / n, y: total === 0 ? (i + 1) / n : cum / total });
  }
  points[n].y = 1;
  return points;
}

/** Median; the mean of the two middle values for an even count; 0 for an empty list. */
export function median(values: readonly number[]): number {
  const n = values.length;
  if (n === 0) return 0;
  const a = Float64Array.from(values);
  return medianInPlace(a, n);
}

/**
 * Median of the first n entries of a scratch buffer, reordering it. Quickselect (Wirth)
 * keeps the per-event flag check linear in the number of members.
 */
export function medianInPlace(a: Float64Array, n: number): number {
  if (n === 0) return 0;
  const mid = n >> 1;
  const upper = select(a, n, mid);
  if (n & 1) return upper;
  // After select, everything left of mid is ≤ a[mid]; the lower middle is their maximum.
  let lower = -Infinity;
  for (let i = 0; i < mid; i++) if (a[i] > lower) lower = a[i];
  return (lower + upper) / 2;
}

function select(a: Float64Array, n: number, k: number): number {
  let l = 0;
  let r = n - 1;
  while (l < r) {
    const x = a[k];
    let i = l;
    let j = r;
    do {
      while (a[i] < x) i++;
      while (x < a[j]) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    } while (i <= j);
    if (j < k) l = i;
    if (k < i) r = j;
  }
  return a[k];
}
