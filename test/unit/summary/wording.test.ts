// Issue 12 (l10n): the summary's flag, override and trend sentences are worded twice: in
// English by src/domain (the exports and the CLI print them) and through l10n by
// src/wording.ts (the summary panel, in the display language). These tests hold the two to
// one English, and prove the panel's wording goes through l10n for every kind of sentence.
import { strict as assert } from 'node:assert';
import * as l10n from '@vscode/l10n';
import { FORMER_MEMBER, flagText } from '../../../src/domain/summary/build';
import { buildSummary, buildTrend } from '../../../src/domain/summary';
import { describeOverride } from '../../../src/domain/stages';
import { trendNoteEnglish } from '../../../src/domain/summary/trend';
import type { Summary, TrendNote } from '../../../src/domain/summary/types';
import { meetingSeries } from '../../../src/domain/transcript/series';
import { overrideText, summaryFlagText, trendNoteText, type L10n } from '../../../src/wording';
import { retroEvents } from './events';

/** The English every l10n.t gives without a bundle: the message, placeholders filled. */
const ENGLISH: L10n = l10n;
/** A pseudo-locale: each message wrapped, so a sentence that skips l10n shows unwrapped. */
const PSEUDO: L10n = { t: (message, ...args) => `⟦${l10n.t(message, ...args)}⟧` };

/** Every kind of note, with the edges of the wording: one step, several, more than ten, Gini decimals. */
function everyNote(): TrendNote[] {
  const notes: TrendNote[] = [{ kind: 'first-retro' }, { kind: 'steady' }, { kind: 'first-meeting' }];
  for (const measure of ['depth', 'gini', 'reciprocated'] as const) {
    for (const direction of ['up', 'down'] as const) {
      for (const steps of [1, 2, 3, 7, 10, 11]) {
        const [from, to] = measure === 'gini' ? [0.4234, 0.215] : [1, 3];
        notes.push({ kind: 'streak', measure, direction, steps, from: direction === 'up' ? from : to, to: direction === 'up' ? to : from });
      }
    }
  }
  notes.push(
    { kind: 'evenness', from: 0.61, to: 0.8, meetings: 4 },
    { kind: 'evenness', from: 0.8, to: 0.61, meetings: 3 },
    { kind: 'evenness', from: 0.7, to: 0.703, meetings: 2 },
    { kind: 'quiet', name: 'Noor Hassan', meetings: 3 },
    { kind: 'quiet-count', people: 1 },
    { kind: 'quiet-count', people: 4 },
  );
  return notes;
}

function retro(createdAt: number, gini: number, deepest: number, reciprocated: number): Summary {
  const base = buildSummary(retroEvents());
  const layers = base.layers.map((l) => ({ ...l, reached: l.depth <= deepest, reciprocated: l.depth <= reciprocated }));
  return { ...base, sessionId: `s${createdAt}`, title: `Retro ${createdAt}`, createdAt, gini, deepestReached: deepest, layers };
}

describe('summary wording: one English for the exports and the panel, through l10n in the panel', () => {
  it('words every trend note as the exports do, in English', () => {
    for (const n of everyNote()) assert.equal(trendNoteText(ENGLISH, n), trendNoteEnglish(n), JSON.stringify(n));
  });

  it('words every trend note through l10n (pseudo-locale)', () => {
    for (const n of everyNote()) {
      const text = trendNoteText(PSEUDO, n);
      assert.match(text, /^⟦[^⟦⟧]*(⟦[^⟦⟧]*⟧[^⟦⟧]*)?⟧$/u, `${JSON.stringify(n)}: ${text}`);
    }
  });

  it('gives the trends the domain builds as data, with their English as messages', () => {
    const trend = buildTrend([retro(1, 0.42, 3, 3), retro(2, 0.35, 3, 2), retro(3, 0.3, 2, 1), retro(4, 0.31, 4, 2)]);
    assert.ok(trend.notes && trend.notes.length === 3, 'depth, Gini and reciprocity each moved');
    assert.deepEqual(trend.notes.map(trendNoteEnglish), trend.messages);
    assert.deepEqual(trend.notes.map((n) => trendNoteText(ENGLISH, n)), trend.messages);
    const series = meetingSeries([retro(1, 0.4, 0, 0), { ...retro(2, 0.3, 0, 0), evenness: 0.9 }]);
    assert.deepEqual(series.notes.map((n) => trendNoteText(ENGLISH, n)), series.messages);
  });

  it('words each flag kind from the kind and its member, as the summary says it in English', () => {
    const members = new Map([['m1', 'Ana Ruiz']]);
    const nameOf = (key: string) => members.get(key);
    for (const kind of ['quiet', 'dominant', 'over-disclosure'] as const) {
      const flag = { kind, memberKey: 'm1', text: 'not shown' };
      assert.equal(summaryFlagText(ENGLISH, flag, nameOf), flagText(kind, 'Ana Ruiz'), kind);
      assert.match(summaryFlagText(PSEUDO, flag, nameOf), /^⟦.*⟧$/u, kind);
    }
    const gone = { kind: 'quiet', memberKey: 'm9', text: 'not shown' };
    assert.equal(summaryFlagText(ENGLISH, gone, nameOf), flagText('quiet', FORMER_MEMBER));
    assert.equal(summaryFlagText(PSEUDO, gone, nameOf), '⟦Invite ⟦a former member⟧ — quiet so far⟧');
    for (const kind of ['round-robin', 'hold-depth', 'slow-down']) assert.match(summaryFlagText(PSEUDO, { kind, memberKey: null, text: 'x' }, nameOf), /^⟦.*⟧$/u);
    assert.equal(summaryFlagText(PSEUDO, { kind: 'from-a-newer-version', memberKey: null, text: 'Its own text' }, nameOf), 'Its own text');
  });

  it("words the flags of a built summary as its text says them (names, pseudonyms)", () => {
    for (const pseudonymise of [false, true]) {
      const s = buildSummary(retroEvents(), { pseudonymise });
      assert.ok(s.flags.length > 0, 'the retro raises flags');
      const names = new Map(s.members.map((m) => [m.key, m.name]));
      for (const f of s.flags) assert.equal(summaryFlagText(ENGLISH, f, (k) => names.get(k)), f.text, `${f.kind}, pseudonymised: ${pseudonymise}`);
    }
  });

  it('words an override from its numbers as the domain does, with and without the gate', () => {
    const withGate = { from: 1 as const, to: 2 as const, gate: { reciprocated: 2, present: 5, open: false } };
    assert.equal(overrideText(ENGLISH, { from: 1, to: 2, answered: 2, present: 5 }), describeOverride(withGate));
    assert.equal(overrideText(ENGLISH, { from: 2, to: 3, answered: null, present: null }), describeOverride({ from: 2, to: 3 }));
    assert.equal(overrideText(PSEUDO, { from: 1, to: 2, answered: 2, present: 5 }), '⟦Going deeper now, with 2 of 5 answered⟧');
  });
});
