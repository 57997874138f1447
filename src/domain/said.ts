// What the domain says to a person: why a request was refused, or a notice about one that
// succeeded. As data (a key and its values), because the domain knows no display language:
// the extension words it through l10n (src/wording.ts, saidText), and `saidEnglish` gives
// the English that the CLI, the logs and older readers get. A unit test holds the two to
// one English (test/unit/domain/said.test.ts).

export type Said =
  // The retro as a whole
  | { key: 'ended' }
  | { key: 'readOnlyElsewhere' }
  | { key: 'needsTitle' }
  // Who may do what (permissions.ts)
  | { key: 'selfOnly' }
  | { key: 'facilitatorOnly' }
  // Something the request names is not in the retro
  | { key: 'noMember'; id: string }
  | { key: 'noContribution'; id: string }
  | { key: 'noNote'; id: string }
  | { key: 'noAction'; id: string }
  | { key: 'noColumn'; column: string; columns: string }
  // Turns, stages and prompts
  | { key: 'notPresent'; name: string }
  | { key: 'noOnePresent' }
  | { key: 'deepestLayer'; depth: number }
  | { key: 'firstLayer'; depth: number }
  | { key: 'noPromptsAtDepth'; depth: number }
  | { key: 'noPromptsHere' }
  | { key: 'noOtherPrompt' }
  // What was written
  | { key: 'needsName' }
  | { key: 'nameCut'; name: string }
  | { key: 'nameTaken'; name: string; as: string }
  | { key: 'textCut'; max: number }
  | { key: 'writeOrPass' }
  | { key: 'writeWhatWasSaid' }
  | { key: 'passHasNoWords' }
  | { key: 'noteNeedsText' }
  | { key: 'actionNeedsText' }
  | { key: 'checkoutNeedsWords' }
  // Votes and anonymity
  | { key: 'noVoteToRetract' }
  | { key: 'dotsUsed'; dots: number }
  | { key: 'anonymityTooLate' }
  | { key: 'anonymityStays' }
  | { key: 'anonymousNote' }
  | { key: 'anonymousVote' }
  | { key: 'nothingHeld' }
  // Team mode: the authority, the team server and a member's connection (src/sync)
  | { key: 'joinFirst' }
  | { key: 'teamSelfOnly' }
  | { key: 'heldNote' }
  | { key: 'noFacilitator' }
  | { key: 'nothingToReveal' }
  | { key: 'joinEnded' }
  | { key: 'seatTaken'; name: string }
  | { key: 'seatFailed' }
  | { key: 'openingIgnored'; count: number }
  | { key: 'notLoaded' }
  | { key: 'facilitatorOpens' }
  | { key: 'facilitatorNotMember' }
  | { key: 'storeLater' }
  | { key: 'unreachable' }
  | { key: 'connectionRefused'; reason: string }
  // Protocol versions (src/sync/wire.ts, PROTOCOL_VERSION): said to a client of another version
  | { key: 'hostNewer'; protocol: number }
  | { key: 'hostOlder'; protocol: number }
  | { key: 'hostUnversioned' };

export type SaidKey = Said['key'];

/**
 * Why a team server refuses a connection, as a code instead of a sentence: the refusal's
 * reason, which Hocuspocus carries to the client, and which the member's window words in
 * its display language (connectionRefused). `token` is Hocuspocus's own default reason, so
 * servers from before these codes are understood too; a build that does not know a code
 * shows it as it came, inside its sentence. `unknown` is the client's, when it has no reason.
 */
export const CONNECTION_REFUSED = { token: 'permission-denied', retro: 'not-a-retro', unknown: 'refused' } as const;

/** The English of what the domain says. */
export function saidEnglish(s: Said): string {
  switch (s.key) {
    case 'ended':
      return 'This retro has ended; it can be read but not changed.';
    case 'readOnlyElsewhere':
      return 'This retro is open read-only here because another window is recording it.';
    case 'needsTitle':
      return 'A retro needs a title.';
    case 'selfOnly':
      return 'You can answer, pass, vote and check out only for yourself; the facilitator can record for others.';
    case 'facilitatorOnly':
      return 'Only the facilitator can do that.';
    case 'noMember':
      return `No member with id ${s.id}`;
    case 'noContribution':
      return `No contribution with id ${s.id}`;
    case 'noNote':
      return `No note with id ${s.id}`;
    case 'noAction':
      return `No action item with id ${s.id}`;
    case 'noColumn':
      return `No column "${s.column}" in this retro (columns: ${s.columns}).`;
    case 'notPresent':
      return `${s.name} is not marked present.`;
    case 'noOnePresent':
      return 'No one is marked present to take a turn.';
    case 'deepestLayer':
      return `Already at the deepest layer (${s.depth}).`;
    case 'firstLayer':
      return `Already at the first layer (${s.depth}).`;
    case 'noPromptsAtDepth':
      return `The deck has no prompts at depth ${s.depth}.`;
    case 'noPromptsHere':
      return 'The deck has no prompts at this depth.';
    case 'noOtherPrompt':
      return 'There is no other prompt at this depth.';
    case 'needsName':
      return 'A name is needed.';
    case 'nameCut':
      return `The name was too long and has been cut to "${s.name}".`;
    case 'nameTaken':
      return `"${s.name}" is already in the retro, so this person was added as "${s.as}".`;
    case 'textCut':
      return `The text was longer than ${s.max} characters and has been cut.`;
    case 'writeOrPass':
      return 'Write what was said, or pass.';
    case 'writeWhatWasSaid':
      return 'Write what was said.';
    case 'passHasNoWords':
      return 'A pass has no words to add.';
    case 'noteNeedsText':
      return 'A note needs some text.';
    case 'actionNeedsText':
      return 'An action item needs some text.';
    case 'checkoutNeedsWords':
      return 'A check-out needs a few words or a rating.';
    case 'noVoteToRetract':
      return 'There is no vote on this note to take back.';
    case 'dotsUsed':
      return `Each person has ${s.dots} dots; take one back to move it.`;
    case 'anonymityTooLate':
      return 'Voting has already started with names; anonymity can be turned on before the first vote.';
    case 'anonymityStays':
      return 'Votes were cast anonymously, so voting stays anonymous until the retro ends.';
    case 'anonymousNote':
      return 'Notes are anonymous in this retro: add the note without a name.';
    case 'anonymousVote':
      return 'Votes are anonymous in this retro: they are counted by the team server.';
    case 'nothingHeld':
      return 'No notes are held: anonymous notes are held and revealed by the team server.';
    case 'joinFirst':
      return 'Join the retro with your name first.';
    case 'teamSelfOnly':
      return 'You can answer, pass, note, vote and check out only for yourself; the facilitator can record for others.';
    case 'heldNote':
      return 'Your note is held until the facilitator reveals all notes together.';
    case 'noFacilitator':
      return 'This retro has no facilitator.';
    case 'nothingToReveal':
      return 'No notes were waiting to be revealed.';
    case 'joinEnded':
      return 'This retro has ended.';
    case 'seatTaken':
      return `Someone has already joined as ${s.name}. Pick another name, or ask the facilitator.`;
    case 'seatFailed':
      return 'Could not add you to the roster.';
    case 'openingIgnored':
      return `${s.count} opening events broke a rule and were ignored.`;
    case 'notLoaded':
      return 'This retro is not loaded.';
    case 'facilitatorOpens':
      return 'Only the facilitator opens a retro.';
    case 'facilitatorNotMember':
      return 'The facilitator does not join as a member.';
    case 'storeLater':
      return 'The server could not store this change yet.';
    case 'unreachable':
      return 'Could not reach the team server.';
    case 'connectionRefused':
      switch (s.reason) {
        case CONNECTION_REFUSED.token:
          return 'The team server refused this token. Check the join code.';
        case CONNECTION_REFUSED.retro:
          return 'The team server refused this connection: it serves no retro by the name in this join code.';
        case CONNECTION_REFUSED.unknown:
          return 'The team server refused this connection. Check the join code.';
        default:
          return `The team server refused this connection (${s.reason}). Check the join code.`;
      }
    // A client reads the host's version back out of "Reciprocity (protocol N)" (wire.ts,
    // versionProblem): a sentence without it is shown, not understood.
    case 'hostNewer':
      return `This retro's host runs a newer Reciprocity (protocol ${s.protocol}); update Reciprocity to join.`;
    case 'hostOlder':
      return `This retro's host runs an older Reciprocity (protocol ${s.protocol}); ask the host to update Reciprocity.`;
    case 'hostUnversioned':
      return "This retro's host runs an older Reciprocity; ask the host to update Reciprocity.";
  }
}

/** The values each key carries, by type: what a Said from the network must hold, and nothing else. */
const SAID_VALUES: { readonly [K in SaidKey]: Readonly<Record<Exclude<keyof Extract<Said, { key: K }>, 'key'>, 'string' | 'number'>> } = {
  ended: {},
  readOnlyElsewhere: {},
  needsTitle: {},
  selfOnly: {},
  facilitatorOnly: {},
  noMember: { id: 'string' },
  noContribution: { id: 'string' },
  noNote: { id: 'string' },
  noAction: { id: 'string' },
  noColumn: { column: 'string', columns: 'string' },
  notPresent: { name: 'string' },
  noOnePresent: {},
  deepestLayer: { depth: 'number' },
  firstLayer: { depth: 'number' },
  noPromptsAtDepth: { depth: 'number' },
  noPromptsHere: {},
  noOtherPrompt: {},
  needsName: {},
  nameCut: { name: 'string' },
  nameTaken: { name: 'string', as: 'string' },
  textCut: { max: 'number' },
  writeOrPass: {},
  writeWhatWasSaid: {},
  passHasNoWords: {},
  noteNeedsText: {},
  actionNeedsText: {},
  checkoutNeedsWords: {},
  noVoteToRetract: {},
  dotsUsed: { dots: 'number' },
  anonymityTooLate: {},
  anonymityStays: {},
  anonymousNote: {},
  anonymousVote: {},
  nothingHeld: {},
  joinFirst: {},
  teamSelfOnly: {},
  heldNote: {},
  noFacilitator: {},
  nothingToReveal: {},
  joinEnded: {},
  seatTaken: { name: 'string' },
  seatFailed: {},
  openingIgnored: { count: 'number' },
  notLoaded: {},
  facilitatorOpens: {},
  facilitatorNotMember: {},
  storeLater: {},
  unreachable: {},
  connectionRefused: { reason: 'string' },
  hostNewer: { protocol: 'number' },
  hostOlder: { protocol: 'number' },
  hostUnversioned: {},
};

/** Longest text value a Said may carry (a name, an id, a list of columns). */
export const SAID_TEXT_MAX = 2000;

/**
 * Whether a value from the network is a Said this build knows: a known key, exactly its
 * values, text within SAID_TEXT_MAX and finite numbers. Anything else is not worded.
 */
export function isSaid(x: unknown): x is Said {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const key = (x as { key?: unknown }).key;
  if (typeof key !== 'string' || !Object.hasOwn(SAID_VALUES, key)) return false;
  const wanted = SAID_VALUES[key as SaidKey] as Readonly<Record<string, 'string' | 'number'>>;
  const names = Object.keys(x).filter((k) => k !== 'key');
  if (names.length !== Object.keys(wanted).length) return false;
  return names.every((k) => {
    const v = (x as Record<string, unknown>)[k];
    if (!Object.hasOwn(wanted, k)) return false;
    return wanted[k] === 'string' ? typeof v === 'string' && v.length <= SAID_TEXT_MAX : typeof v === 'number' && Number.isFinite(v);
  });
}

/** A refusal as the domain's results carry it: the English `error` and what was said, as data. */
export function refused(said: Said): { ok: false; error: string; said: Said } {
  return { ok: false, error: saidEnglish(said), said };
}
