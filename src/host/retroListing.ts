// How a retro is named where people look for it: the Past Retros tree and the panel's
// tab. Pure (no vscode), so the wording is unit-tested.
import { replay } from '../domain/session';
import type { SessionFile, SessionState } from '../domain/types';
import { viewText } from './viewText';

const pad = (n: number): string => String(n).padStart(2, '0');

/** The local date, e.g. 2026-12-01. */
function localDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The local time of day, e.g. 14:05: beside a title in a tab, it tells two retros on one day apart. */
export function localTime(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The local date and minute: enough to tell two retros on one day apart. */
export function formatWhen(ms: number): string {
  return `${localDate(ms)} ${localTime(ms)}`;
}

/** What Start Retro offers as the title. */
export function defaultTitle(now: number): string {
  return viewText().defaultTitle(localDate(now));
}

/** The panel's tab: the title and the time it started, then a suffix such as " (team)". */
export function tabTitle(state: Pick<SessionState, 'title' | 'createdAt'>, suffix: string): string {
  return `${viewText().tabTitle(state.title, localTime(state.createdAt))}${suffix}`;
}

export interface RetroListing {
  id: string;
  title: string;
  createdAt: number;
  /** One line: status (and phase), people, date and time, and whether it is open here. */
  detail: string;
  ended: boolean;
  open: boolean;
  /** Only a retro that has not ended can resume; an ended one opens read-only. */
  resumable: boolean;
  /** The tree item's contextValue: `retro`, `retro-team` or `retro-ended`. */
  contextValue: 'retro' | 'retro-team' | 'retro-ended';
}

export function listRetro(file: SessionFile, where: { open: boolean; team: boolean }): RetroListing {
  const state = replay(file.events);
  const ended = state.endedAt !== null;
  const people = state.members.length;
  const text = viewText();
  const status = ended ? text.listingEnded() : text.listingRunning(where.team, state.phase);
  const parts = [status, text.people(people), formatWhen(file.createdAt), ...(where.open ? [text.listingOpen()] : [])];
  return {
    id: file.id,
    title: state.title || file.title,
    createdAt: file.createdAt,
    detail: parts.join(' · '),
    ended,
    open: where.open,
    resumable: !ended,
    contextValue: ended ? 'retro-ended' : where.team ? 'retro-team' : 'retro',
  };
}
