// Words the panels, the status bar and the summary share, in the display language. The domain
// says what happened (a nudge's kind, the gate's numbers, a phase); these functions word it
// through the l10n they are given: `vscode.l10n` in the extension host, `@vscode/l10n` (loaded
// with the host's bundle) in the webviews. The domain's own English (PHASE_NAMES, NUDGE_TEXT,
// gate.reason) stays what the CLI and the exports print, and the fallback for what this build
// does not know.
import { CONNECTION_REFUSED, type Said } from './domain/said';
import { EVENNESS_EPSILON } from './domain/summary/trend';
import type { TrendNote } from './domain/summary/types';
import type { Depth, Phase } from './domain/types';
// Type-only, erased from both bundles: it tells `npm run l10n` (vscode-l10n-dev finds the
// l10n.t calls of files that import an l10n module) to export the strings below. Each
// function's `l10n` parameter is the real one.
import type * as l10n from '@vscode/l10n';

/** `vscode.l10n` and `@vscode/l10n` (WebviewL10n) both fit. */
export interface L10n {
  t(message: string, ...args: Array<string | number | boolean>): string;
}
export type WebviewL10n = typeof l10n;

export function phaseName(l10n: L10n, phase: Phase): string {
  switch (phase) {
    case 'check-in':
      return l10n.t('Set the stage');
    case 'gather':
      return l10n.t('Gather data');
    case 'insights':
      return l10n.t('Generate insights');
    case 'decide':
      return l10n.t('Decide what to do');
    case 'close':
      return l10n.t('Close');
    case 'ended':
      return l10n.t('Ended');
  }
}

export function depthName(l10n: L10n, depth: Depth): string {
  switch (depth) {
    case 1:
      return l10n.t('Orientation');
    case 2:
      return l10n.t('Exploratory');
    case 3:
      return l10n.t('Affective');
    case 4:
      return l10n.t('Stable');
  }
}

/** A nudge as the facilitator reads it; `nameOf` gives the invited member's name, if known. */
export function nudgeText(
  l10n: L10n,
  n: { kind: string; text: string; memberId?: string | null },
  nameOf: (id: string) => string | undefined,
): string {
  switch (n.kind) {
    case 'round-robin':
      return l10n.t('Try a round-robin');
    case 'hold-depth':
      return l10n.t('Hold this depth for now');
    case 'slow-down':
      return l10n.t('Slow down — let everyone answer at this depth');
    case 'invite': {
      const name = n.memberId ? nameOf(n.memberId) : undefined;
      return name === undefined ? n.text : l10n.t('Invite {0} — quiet so far', name);
    }
    default:
      return n.text;
  }
}

/**
 * The gate's count ("2 of 4 have answered at this depth"). `passed` is how many present
 * members passed at this depth without answering, or null when the caller cannot tell (then
 * the gate's own count, and failing that the domain's English reason, is shown).
 */
export function gateText(l10n: L10n, gate: { present: number; reciprocated: number; passed?: number; reason: string }, passed: number | null): string {
  if (gate.present === 0) return l10n.t('No one is here yet');
  passed ??= gate.passed ?? null;
  if (passed === null) return gate.reason;
  return passed > 0
    ? l10n.t('{0} of {1} have answered at this depth ({2} passed)', gate.reciprocated, gate.present, passed)
    : l10n.t('{0} of {1} have answered at this depth', gate.reciprocated, gate.present);
}

/**
 * A flag or group nudge on the summary's timeline, from its kind and member; the domain's
 * English `text` (exports, CLI) for a kind this build does not know.
 */
export function summaryFlagText(
  l10n: L10n,
  f: { kind: string; text: string; memberKey: string | null },
  nameOf: (key: string) => string | undefined,
): string {
  switch (f.kind) {
    case 'quiet':
      return l10n.t('Invite {0} — quiet so far', (f.memberKey === null ? undefined : nameOf(f.memberKey)) ?? l10n.t('a former member'));
    case 'dominant':
      return l10n.t('A member was sharing a lot — try a round-robin');
    case 'over-disclosure':
      return l10n.t('A member went deeper than the group — hold this depth');
    case 'round-robin':
    case 'hold-depth':
    case 'slow-down':
      return nudgeText(l10n, { kind: f.kind, text: f.text }, () => undefined);
    default:
      return f.text;
  }
}

/** A facilitator's move deeper against the gate's advice; without the gate's count (older logs), the layers. */
export function overrideText(l10n: L10n, o: { from: number; to: number; answered: number | null; present: number | null }): string {
  return o.answered === null || o.present === null
    ? l10n.t('Going deeper (layer {0} to {1})', o.from, o.to)
    : l10n.t('Going deeper now, with {0} of {1} answered', o.answered, o.present);
}

/** A count of retros in words, as the English says it ("two retros running"). */
function retroCount(l10n: L10n, n: number): string {
  switch (n) {
    case 2:
      return l10n.t('two');
    case 3:
      return l10n.t('three');
    case 4:
      return l10n.t('four');
    case 5:
      return l10n.t('five');
    case 6:
      return l10n.t('six');
    case 7:
      return l10n.t('seven');
    case 8:
      return l10n.t('eight');
    case 9:
      return l10n.t('nine');
    case 10:
      return l10n.t('ten');
    default:
      return String(n);
  }
}

function fixed2(v: number): string {
  return v.toFixed(2);
}

/** A streak of the trend: which way a measure moved, for how many retros, from and to. */
function streakText(l10n: L10n, n: Extract<TrendNote, { kind: 'streak' }>): string {
  const one = n.steps === 1;
  const steps = retroCount(l10n, n.steps);
  const from = n.measure === 'gini' ? fixed2(n.from) : n.from;
  const to = n.measure === 'gini' ? fixed2(n.to) : n.to;
  switch (`${n.measure}-${n.direction}`) {
    case 'depth-up':
      return one
        ? l10n.t('The team went deeper since the last retro (layer {0} → {1}).', from, to)
        : l10n.t('The team went deeper {0} retros running (layer {1} → {2}).', steps, from, to);
    case 'depth-down':
      return one
        ? l10n.t('Depth fell since the last retro (layer {0} → {1}).', from, to)
        : l10n.t('Depth fell {0} retros in a row (layer {1} → {2}).', steps, from, to);
    case 'gini-up':
      return one
        ? l10n.t('Balance improved since the last retro (Gini {0} → {1}).', from, to)
        : l10n.t('Balance improved {0} retros running (Gini {1} → {2}).', steps, from, to);
    case 'gini-down':
      return one
        ? l10n.t('Balance slipped since the last retro (Gini {0} → {1}).', from, to)
        : l10n.t('Balance slipped {0} retros in a row (Gini {1} → {2}).', steps, from, to);
    case 'reciprocated-up':
      return one
        ? l10n.t('More layers were reciprocated since the last retro (reciprocated layers {0} → {1}).', from, to)
        : l10n.t('More layers were reciprocated {0} retros running (reciprocated layers {1} → {2}).', steps, from, to);
    default:
      return one
        ? l10n.t('Fewer layers were reciprocated since the last retro (reciprocated layers {0} → {1}).', from, to)
        : l10n.t('Fewer layers were reciprocated {0} retros in a row (reciprocated layers {1} → {2}).', steps, from, to);
  }
}

/** An observation across retros or meetings (the domain's TrendNote), in the display language. */
export function trendNoteText(l10n: L10n, n: TrendNote): string {
  switch (n.kind) {
    case 'first-retro':
      return l10n.t('One retro so far; trends appear after the next one.');
    case 'steady':
      return l10n.t('Steady since the last retro.');
    case 'streak':
      return streakText(l10n, n);
    case 'first-meeting':
      return l10n.t('One meeting so far; the trend appears with the next one.');
    case 'evenness': {
      const change = n.to - n.from;
      if (Math.abs(change) < EVENNESS_EPSILON) return l10n.t('Evenness held at {0} over {1} meetings.', fixed2(n.to), n.meetings);
      return change > 0
        ? l10n.t('Evenness rose from {0} to {1} over {2} meetings.', fixed2(n.from), fixed2(n.to), n.meetings)
        : l10n.t('Evenness fell from {0} to {1} over {2} meetings.', fixed2(n.from), fixed2(n.to), n.meetings);
    }
    case 'quiet':
      return l10n.t('{0} has been quiet in the last {1} meetings.', n.name, n.meetings);
    case 'quiet-count':
      return n.people === 1
        ? l10n.t('1 person has been quiet several meetings running.')
        : l10n.t('{0} people have been quiet several meetings running.', n.people);
  }
}

/** Why the retro refused a request, or a notice about one it took (the domain's Said). */
export function saidText(l10n: L10n, s: Said): string {
  switch (s.key) {
    case 'ended':
      return l10n.t('This retro has ended; it can be read but not changed.');
    case 'readOnlyElsewhere':
      return l10n.t('This retro is open read-only here because another window is recording it.');
    case 'needsTitle':
      return l10n.t('A retro needs a title.');
    case 'selfOnly':
      return l10n.t('You can answer, pass, vote and check out only for yourself; the facilitator can record for others.');
    case 'facilitatorOnly':
      return l10n.t('Only the facilitator can do that.');
    case 'noMember':
      return l10n.t('No member with id {0}', s.id);
    case 'noContribution':
      return l10n.t('No contribution with id {0}', s.id);
    case 'noNote':
      return l10n.t('No note with id {0}', s.id);
    case 'noAction':
      return l10n.t('No action item with id {0}', s.id);
    case 'noColumn':
      return l10n.t('No column "{0}" in this retro (columns: {1}).', s.column, s.columns);
    case 'notPresent':
      return l10n.t('{0} is not marked present.', s.name);
    case 'noOnePresent':
      return l10n.t('No one is marked present to take a turn.');
    case 'deepestLayer':
      return l10n.t('Already at the deepest layer ({0}).', s.depth);
    case 'firstLayer':
      return l10n.t('Already at the first layer ({0}).', s.depth);
    case 'noPromptsAtDepth':
      return l10n.t('The deck has no prompts at depth {0}.', s.depth);
    case 'noPromptsHere':
      return l10n.t('The deck has no prompts at this depth.');
    case 'noOtherPrompt':
      return l10n.t('There is no other prompt at this depth.');
    case 'needsName':
      return l10n.t('A name is needed.');
    case 'nameCut':
      return l10n.t('The name was too long and has been cut to "{0}".', s.name);
    case 'nameTaken':
      return l10n.t('"{0}" is already in the retro, so this person was added as "{1}".', s.name, s.as);
    case 'textCut':
      return l10n.t('The text was longer than {0} characters and has been cut.', s.max);
    case 'writeOrPass':
      return l10n.t('Write what was said, or pass.');
    case 'writeWhatWasSaid':
      return l10n.t('Write what was said.');
    case 'passHasNoWords':
      return l10n.t('A pass has no words to add.');
    case 'noteNeedsText':
      return l10n.t('A note needs some text.');
    case 'actionNeedsText':
      return l10n.t('An action item needs some text.');
    case 'checkoutNeedsWords':
      return l10n.t('A check-out needs a few words or a rating.');
    case 'noVoteToRetract':
      return l10n.t('There is no vote on this note to take back.');
    case 'dotsUsed':
      return l10n.t('Each person has {0} dots; take one back to move it.', s.dots);
    case 'anonymityTooLate':
      return l10n.t('Voting has already started with names; anonymity can be turned on before the first vote.');
    case 'anonymityStays':
      return l10n.t('Votes were cast anonymously, so voting stays anonymous until the retro ends.');
    case 'anonymousNote':
      return l10n.t('Notes are anonymous in this retro: add the note without a name.');
    case 'anonymousVote':
      return l10n.t('Votes are anonymous in this retro: they are counted by the team server.');
    case 'nothingHeld':
      return l10n.t('No notes are held: anonymous notes are held and revealed by the team server.');
    case 'joinFirst':
      return l10n.t('Join the retro with your name first.');
    case 'teamSelfOnly':
      return l10n.t('You can answer, pass, note, vote and check out only for yourself; the facilitator can record for others.');
    case 'heldNote':
      return l10n.t('Your note is held until the facilitator reveals all notes together.');
    case 'noFacilitator':
      return l10n.t('This retro has no facilitator.');
    case 'nothingToReveal':
      return l10n.t('No notes were waiting to be revealed.');
    case 'joinEnded':
      return l10n.t('This retro has ended.');
    case 'seatTaken':
      return l10n.t('Someone has already joined as {0}. Pick another name, or ask the facilitator.', s.name);
    case 'seatFailed':
      return l10n.t('Could not add you to the roster.');
    case 'openingIgnored':
      return l10n.t('{0} opening events broke a rule and were ignored.', s.count);
    case 'notLoaded':
      return l10n.t('This retro is not loaded.');
    case 'facilitatorOpens':
      return l10n.t('Only the facilitator opens a retro.');
    case 'facilitatorNotMember':
      return l10n.t('The facilitator does not join as a member.');
    case 'storeLater':
      return l10n.t('The server could not store this change yet.');
    case 'unreachable':
      return l10n.t('Could not reach the team server.');
    case 'connectionRefused':
      switch (s.reason) {
        case CONNECTION_REFUSED.token:
          return l10n.t('The team server refused this token. Check the join code.');
        case CONNECTION_REFUSED.retro:
          return l10n.t('The team server refused this connection: it serves no retro by the name in this join code.');
        case CONNECTION_REFUSED.unknown:
          return l10n.t('The team server refused this connection. Check the join code.');
        default:
          return l10n.t('The team server refused this connection ({0}). Check the join code.', s.reason);
      }
    case 'hostNewer':
      return l10n.t("This retro's host runs a newer Reciprocity (protocol {0}); update Reciprocity to join.", s.protocol);
    case 'hostOlder':
      return l10n.t("This retro's host runs an older Reciprocity (protocol {0}); ask the host to update Reciprocity.", s.protocol);
    case 'hostUnversioned':
      return l10n.t("This retro's host runs an older Reciprocity; ask the host to update Reciprocity.");
  }
}
