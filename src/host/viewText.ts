// The words the panel's view (retroView.ts) and the retro list (retroListing.ts) write
// themselves; both are pure so they are unit-tested. English by default; the extension installs translations at activation (storageTextL10n.ts).

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
}

export const ENGLISH_VIEW_TEXT: ViewText = {
  ended: () => 'This retro has ended.',
  formerMember: () => 'Former member',
  listingEnded: () => 'ended',
  listingRunning: (team, phase) => `${team ? 'team' : 'in progress'}, ${PHASE_NAMES[phase].toLowerCase()}`,
  people: (n) => `${n} ${n === 1 ? 'person' : 'people'}`,
  listingOpen: () => 'open',
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
