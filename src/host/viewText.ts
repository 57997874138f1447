// The two sentences the panel's view (retroView.ts, pure so it is unit-tested) writes itself.
// English by default; the extension installs translations at activation (storageTextL10n.ts).

export interface ViewText {
  /** Why an ended retro is read-only. */
  ended(): string;
  /** The name shown for a contribution whose member is no longer in the retro. */
  formerMember(): string;
}

export const ENGLISH_VIEW_TEXT: ViewText = {
  ended: () => 'This retro has ended.',
  formerMember: () => 'Former member',
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
