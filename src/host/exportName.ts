// Where an export is offered to go. Pure, so the naming is unit-tested.

const pad = (n: number): string => String(n).padStart(2, '0');
const MAX_TITLE_PART = 60;

/** e.g. Sprint-12-2026-12-01-1405-pseudonymised.md: the title, when it started, and the format. */
export function exportFileName(summary: { title: string; createdAt: number }, format: string, pseudonymise: boolean): string {
  const d = new Date(summary.createdAt);
  const when = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}`;
  const title = summary.title
    .replace(/[^\p{L}\p{N} _-]+/gu, '')
    .trim()
    .replace(/\s+/g, '-')
    .slice(0, MAX_TITLE_PART)
    .replace(/-+$/, '');
  return `${title || 'summary'}-${when}${pseudonymise ? '-pseudonymised' : ''}.${format}`;
}
