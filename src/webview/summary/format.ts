// Number and time formatting for the summary, in one place so the charts and their data
// tables always print the same figure.
import * as l10n from '@vscode/l10n';
import type { ShareDriver } from '../../domain/summary/types';

export function pct(x: number): string {
  const v = x * 100;
  if (v > 0 && v < 1) return '<1%';
  return `${Math.round(v)}%`;
}

export function fixed2(x: number): string {
  return x.toFixed(2);
}

export function duration(seconds: number | null): string {
  if (seconds === null) return l10n.t('unknown length');
  const total = Math.round(seconds / 60);
  if (total < 1) return l10n.t('under a minute');
  const h = Math.floor(total / 60);
  const m = total % 60;
  if (h === 0) return l10n.t('{0} min', m);
  return m === 0 ? l10n.t('{0} h', h) : l10n.t('{0} h {1} min', h, m);
}

/** A timeline offset as m:ss or h:mm:ss. */
export function clock(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

export function date(ms: number): string {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return l10n.t('unknown date');
  return d.toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export function shortDate(ms: number): string {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return '?';
  return d.toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
}

/** What the shares count, as the end of "by …". */
export function driverName(driver: ShareDriver): string {
  switch (driver) {
    case 'seconds':
      return l10n.t('seconds');
    case 'words':
      return l10n.t('words');
    case 'turns':
      return l10n.t('turns');
  }
}

/** "yes" / "no" in the data tables. */
export function yesNo(value: boolean): string {
  return value ? l10n.t('yes') : l10n.t('no');
}


/** "overDisclosure" / "over_disclosure" -> "Over disclosure", for flag kinds we have no label for. */
export function humanise(kind: string): string {
  const words = kind.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').trim().toLowerCase();
  return words ? words[0].toUpperCase() + words.slice(1) : l10n.t('Note');
}
