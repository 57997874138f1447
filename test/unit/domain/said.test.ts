// What the domain says (refusals, notices) is worded twice: in English by src/domain/said.ts
// (the CLI, logs, the English `error` of a decision) and through l10n by src/wording.ts (the
// extension, in the display language). One example of every key, enforced by the type, so
// a new key without both wordings fails to compile or fails here.
import { strict as assert } from 'node:assert';
import * as l10n from '@vscode/l10n';
import { isSaid, SAID_TEXT_MAX, saidEnglish, type Said, type SaidKey } from '../../../src/domain/said';
import { saidText, type L10n } from '../../../src/wording';

const EXAMPLES: { [K in SaidKey]: Extract<Said, { key: K }> } = {
  ended: { key: 'ended' },
  readOnlyElsewhere: { key: 'readOnlyElsewhere' },
  needsTitle: { key: 'needsTitle' },
  selfOnly: { key: 'selfOnly' },
  facilitatorOnly: { key: 'facilitatorOnly' },
  noMember: { key: 'noMember', id: 'm-9' },
  noContribution: { key: 'noContribution', id: 'c-9' },
  noNote: { key: 'noNote', id: 'n-9' },
  noAction: { key: 'noAction', id: 'a-9' },
  noColumn: { key: 'noColumn', column: 'Moods {0}', columns: 'Went well, Ideas' },
  notPresent: { key: 'notPresent', name: 'Noor {1} Hassan' },
  noOnePresent: { key: 'noOnePresent' },
  deepestLayer: { key: 'deepestLayer', depth: 4 },
  firstLayer: { key: 'firstLayer', depth: 1 },
  noPromptsAtDepth: { key: 'noPromptsAtDepth', depth: 3 },
  noPromptsHere: { key: 'noPromptsHere' },
  noOtherPrompt: { key: 'noOtherPrompt' },
  needsName: { key: 'needsName' },
  nameCut: { key: 'nameCut', name: 'Maximilian' },
  nameTaken: { key: 'nameTaken', name: 'Bo', as: 'Bo (2)' },
  textCut: { key: 'textCut', max: 4000 },
  writeOrPass: { key: 'writeOrPass' },
  writeWhatWasSaid: { key: 'writeWhatWasSaid' },
  passHasNoWords: { key: 'passHasNoWords' },
  noteNeedsText: { key: 'noteNeedsText' },
  actionNeedsText: { key: 'actionNeedsText' },
  checkoutNeedsWords: { key: 'checkoutNeedsWords' },
  noVoteToRetract: { key: 'noVoteToRetract' },
  dotsUsed: { key: 'dotsUsed', dots: 3 },
  anonymityTooLate: { key: 'anonymityTooLate' },
  anonymityStays: { key: 'anonymityStays' },
  anonymousNote: { key: 'anonymousNote' },
  anonymousVote: { key: 'anonymousVote' },
  nothingHeld: { key: 'nothingHeld' },
  joinFirst: { key: 'joinFirst' },
  teamSelfOnly: { key: 'teamSelfOnly' },
  heldNote: { key: 'heldNote' },
  noFacilitator: { key: 'noFacilitator' },
  nothingToReveal: { key: 'nothingToReveal' },
  joinEnded: { key: 'joinEnded' },
  seatTaken: { key: 'seatTaken', name: 'Ada' },
  seatFailed: { key: 'seatFailed' },
  openingIgnored: { key: 'openingIgnored', count: 2 },
  notLoaded: { key: 'notLoaded' },
  facilitatorOpens: { key: 'facilitatorOpens' },
  facilitatorNotMember: { key: 'facilitatorNotMember' },
  storeLater: { key: 'storeLater' },
  unreachable: { key: 'unreachable' },
  connectionRefused: { key: 'connectionRefused', reason: 'permission-denied' },
  hostNewer: { key: 'hostNewer', protocol: 4 },
  hostOlder: { key: 'hostOlder', protocol: 2 },
  hostUnversioned: { key: 'hostUnversioned' },
};

/** The English every l10n.t gives without a bundle. */
const ENGLISH: L10n = l10n;
const PSEUDO: L10n = { t: (message, ...args) => `⟦${l10n.t(message, ...args)}⟧` };

describe('what the domain says, in English and through l10n', () => {
  for (const s of Object.values(EXAMPLES) as Said[]) {
    it(`${s.key}: the same English both ways, and through l10n`, () => {
      assert.equal(saidText(ENGLISH, s), saidEnglish(s));
      assert.equal(saidText(PSEUDO, s), `⟦${saidEnglish(s)}⟧`);
    });
  }
});

describe('a Said from the network (isSaid)', () => {
  it('accepts every key with exactly its values', () => {
    for (const s of Object.values(EXAMPLES)) assert.equal(isSaid(JSON.parse(JSON.stringify(s))), true, s.key);
  });

  it('refuses an unknown key, a missing, extra or mistyped value, and oversized text', () => {
    const bad: unknown[] = [
      null,
      'ended',
      [],
      { key: 'nope' },
      { key: '__proto__' },
      { key: 'toString' },
      { key: 'noMember' },
      { key: 'noMember', id: 7 },
      { key: 'noMember', id: 'm1', extra: 'x' },
      { key: 'ended', id: 'm1' },
      { key: 'dotsUsed', dots: '3' },
      { key: 'dotsUsed', dots: Number.NaN },
      { key: 'seatTaken', name: 'x'.repeat(SAID_TEXT_MAX + 1) },
      { key: 'nameTaken', name: 'Bo', constructor: 'Bo (2)' },
    ];
    for (const b of bad) assert.equal(isSaid(b), false, JSON.stringify(b));
  });
});
