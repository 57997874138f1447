// Where an export is offered to go. Pure, so the naming is unit-tested.
import { pseudonymiseSummary } from '../domain/summary/pseudonymiseSummary';
import type { Summary } from '../domain/summary/types';

const pad = (n: number): string => String(n).padStart(2, '0');
const MAX_TITLE_PART = 60;

/**
 * e.g. Sprint-12-2026-12-01-1405-pseudonymised.md: the title, when it started, and the
 * format. A pseudonymised export's name is pseudonymised too: a title may name people.
 */
export function exportFileName(summary: Summary, format: string, pseudonymise: boolean): string {
  const d = new Date(summary.createdAt);
  const shown = pseudonymise ? pseudonymiseSummary(summary) : summary;
  const when = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}`;
  const title = shown.title
    .replace(/[^\p{L}\p{N} _-]+/gu, '')
    .trim()
    .replace(/\s+/g, '-')
    .slice(0, MAX_TITLE_PART)
    .replace(/-+$/, '');
  return `${title || 'summary'}-${when}${pseudonymise ? '-pseudonymised' : ''}.${format}`;
}
