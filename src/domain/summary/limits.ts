// What one summary can hold. Beyond these a file is refused with a reason (the CLI exits
// with 2) rather than left to run for minutes: the balance engine is near-linear, but a
// roster past 100,000 or a "name" of thousands of characters is not a meeting.
import type { SessionEvent } from '../types';

/** Members in one retro or transcript; `report.100k_members` in bench/report.bench.ts keeps this in budget. */
export const MAX_MEMBERS = 100_000;
/**
 * Characters in a name as written in the file. Names are shown cut to MAX_NAME (80); a
 * longer one is kept as it came, but past this it is not a name, and it is refused.
 */
export const MAX_NAME_INPUT = 1_000;

const count = (n: number): string => n.toLocaleString('en-US');

/** Why a log is beyond what a summary holds, or null when it is within the limits. */
export function logLimitProblem(events: readonly SessionEvent[]): string | null {
  const members = new Set<string>();
  for (const e of events) {
    if (e.type !== 'member.added' && e.type !== 'member.renamed') continue;
    if (typeof e.name === 'string' && e.name.length > MAX_NAME_INPUT) {
      return `a member name of ${count(e.name.length)} characters is too long (at most ${count(MAX_NAME_INPUT)} characters)`;
    }
    if (e.type === 'member.added') members.add(e.memberId);
  }
  if (members.size > MAX_MEMBERS) return `${count(members.size)} members are more than one summary holds (at most ${count(MAX_MEMBERS)})`;
  return null;
}
