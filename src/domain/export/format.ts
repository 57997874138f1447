// Number and time formatting shared by the exports, so Markdown and CSV agree.

export function percent(ratio: number): string {
  return `${Math.round(ratio * 100)}%`;
}

export function fixed(value: number, digits = 2): string {
  return value.toFixed(digits);
}

/** Rounds for machine-readable output: enough precision, no float noise. */
export function round(value: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** "2024-05-01 14:30 UTC": the domain has no locale, so the exports use UTC. */
export function utcDateTime(ms: number): string {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return 'unknown date';
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** ISO 8601 in UTC, or null for a time no Date can hold (the exports never throw on one). */
export function isoTime(ms: number): string | null {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

export function utcDate(ms: number): string {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? 'unknown date' : d.toISOString().slice(0, 10);
}

/** Time since the start of the retro: "45 s", "9 min 30 s", "1 h 02 min". */
export function elapsed(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h} h ${String(m).padStart(2, '0')} min`;
  if (m > 0) return s === 0 ? `${m} min` : `${m} min ${s} s`;
  return `${s} s`;
}

export function minutes(seconds: number | null): string {
  if (seconds === null) return 'unknown length';
  const m = Math.round(seconds / 60);
  return m < 1 ? 'under a minute' : `${m} min`;
}
