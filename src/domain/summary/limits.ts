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

/** Why a log is beyond what a summary holds, as data: the CLI and the extension word it. */
export type LimitProblem = { key: 'nameTooLong'; length: number; max: number } | { key: 'tooManyMembers'; members: number; max: number };

/** What in a log is beyond what a summary holds, or null when it is within the limits. */
export function logLimit(events: readonly SessionEvent[]): LimitProblem | null {
  const members = new Set<string>();
  for (const e of events) {
    if (e.type !== 'member.added' && e.type !== 'member.renamed') continue;
    if (typeof e.name === 'string' && e.name.length > MAX_NAME_INPUT) return { key: 'nameTooLong', length: e.name.length, max: MAX_NAME_INPUT };
    if (e.type === 'member.added') members.add(e.memberId);
  }
  if (members.size > MAX_MEMBERS) return { key: 'tooManyMembers', members: members.size, max: MAX_MEMBERS };
  return null;
}

/** A limit problem in English, as the CLI prints it. */
export function limitEnglish(p: LimitProblem): string {
  return p.key === 'nameTooLong'
    ? `a member name of ${count(p.length)} characters is too long (at most ${count(p.max)} characters)`
    : `${count(p.members)} members are more than one summary holds (at most ${count(p.max)})`;
}

/** Why a log is beyond what a summary holds, in English, or null when it is within the limits. */
export function logLimitProblem(events: readonly SessionEvent[]): string | null {
  const p = logLimit(events);
  return p === null ? null : limitEnglish(p);
}
