// What every bench file returns to `npm run bench` (scripts/bench.mjs), and how it prints
// when run on its own with `npx tsx bench/<name>.bench.ts`.

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  /** Passes when value <= budget, or value >= budget when higherIsBetter. */
  budget: number;
  higherIsBetter?: boolean;
  /** A baseline printed beside our figure (e.g. bare Hocuspocus): shown, never gated. */
  reference?: boolean;
}

export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export function formatResult(r: BenchResult): string {
  if (r.reference) return `${r.name}: ${r.value} ${r.unit} (budget: none, reference)`;
  return `${r.name}: ${r.value} ${r.unit} (budget: ${r.higherIsBetter ? '≥ ' : ''}${r.budget} ${r.unit})`;
}

/** Runs the bench when the file is executed directly rather than imported by the runner. */
export function runWhenMain(mod: NodeModule, run: () => Promise<BenchResult[]>): void {
  if (require.main !== mod) return;
  run().then(
    (results) => results.forEach((r) => console.log(formatResult(r))),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
