// Helpers for tests that drive the balance engine's parts on a core built by hand.
import { addMember } from '../../../src/domain/balance/handlers';
import { resolveBalanceSettings, type BalanceSettings } from '../../../src/domain/balance/settings';
import { createCore, type BalanceCore, type MemberState } from '../../../src/domain/balance/state';

/** A core with members m0..m(n-1), added by the handlers' own addMember. */
export function core(n: number, settings: Partial<BalanceSettings> = {}): { core: BalanceCore; members: MemberState[] } {
  const c = createCore(resolveBalanceSettings(settings));
  const members: MemberState[] = [];
  for (let i = 0; i < n; i++) members.push(addMember(c, `m${i}`, `M${i}`, i));
  return { core: c, members };
}

/** A small deterministic generator, so a failure names the same steps every time. */
export function lcg(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}
