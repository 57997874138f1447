// The words that pure host modules write themselves: the panel's view (retroView.ts), the
// retro list (retroListing.ts) and the join code's checks (team/joinCode.ts); pure so they are
// unit-tested without VS Code. English by default; the extension installs translations at activation (storageTextL10n.ts).

import { checkIssueEnglish, type CheckIssue } from '../domain/checkIssue';
import { PHASE_NAMES, type Phase } from '../domain/types';

export interface ViewText {
  /** Why an ended retro is read-only. */
  ended(): string;
  /** The name shown for a contribution whose member is no longer in the retro. */
  formerMember(): string;
  /** The retro list's detail line: "in progress, gather data · 3 people · … · open". */
  listingEnded(): string;
  listingRunning(team: boolean, phase: Phase): string;
  people(n: number): string;
  listingOpen(): string;
  /** Why a pasted join code or link cannot be used. */
  joinEmpty(): string;
  joinTooLong(): string;
  joinLinkDamaged(): string;
  joinNotACode(): string;
  joinBadCharacters(): string;
  joinCutShort(): string;
  joinInvalid(detail: string): string;
  /** A join code's field ('' for the whole code) and what is wrong there: a schema check, or a server address that is not ws:// or wss://. */
  joinField(path: string, issue: CheckIssue | 'address'): string;
  /** A retro panel's tab: its title and the time it started ("Retro: Sprint 12 · 09:05"). */
  tabTitle(title: string, time: string): string;
  /** What Start Retro offers as the title, with today's date. */
  defaultTitle(date: string): string;
}

export const ENGLISH_VIEW_TEXT: ViewText = {
  ended: () => 'This retro has ended.',
  formerMember: () => 'Former member',
  listingEnded: () => 'ended',
  listingRunning: (team, phase) => `${team ? 'team' : 'in progress'}, ${PHASE_NAMES[phase].toLowerCase()}`,
  people: (n) => `${n} ${n === 1 ? 'person' : 'people'}`,
  listingOpen: () => 'open',
  joinEmpty: () => 'Paste the join code or link the facilitator shared.',
  joinTooLong: () => 'That is too long to be a join code.',
  joinLinkDamaged: () => 'The link is damaged: its code is not readable.',
  joinNotACode: () => 'This is not a Reciprocity join code (it starts with "rcp1.").',
  joinBadCharacters: () => 'The join code is damaged: it has characters a code never has.',
  joinCutShort: () => 'The join code is damaged or cut short. Copy it again.',
  joinInvalid: (detail) => `The join code is not valid: ${detail}`,
  joinField: (path, issue) => {
    const why = issue === 'address' ? 'must be a ws:// or wss:// address' : checkIssueEnglish(issue);
    return path ? `${path}: ${why}` : why;
  },
  tabTitle: (title, time) => `Retro: ${title} · ${time}`,
  defaultTitle: (date) => `Retro ${date}`,
};

let current: ViewText = ENGLISH_VIEW_TEXT;

export function viewText(): ViewText {
  return current;
}

/** Installs translated sentences (the extension, at activation); returns the previous ones. */
export function useViewText(text: ViewText): ViewText {
  const before = current;
  current = text;
  return before;
}
