// The summary carries what the retro produced besides balance: the gather notes, the
// top-voted insights and the facilitator's overrides, in the view and in every export.
import { strict as assert } from 'node:assert';
import { toCsv, toJson, toMarkdown } from '../../../src/domain/export';
import { describeOverride } from '../../../src/domain/stages';
import { buildSummary } from '../../../src/domain/summary';
import type { SessionEvent } from '../../../src/domain/types';
import { SummarySchema } from '../../../src/summaryProtocol';
import * as v from 'valibot';
import { NAMES, retroEvents } from './events';

/** The shared retro, with a gather phase, notes, votes and an override with its gate. */
function withBoard(): SessionEvent[] {
  const events = retroEvents();
  const end = events.pop()!;
  let n = 0;
  let t = end.at;
  const base = () => ({ id: `b${++n}`, at: (t += 1000), actor: 'facilitator' });
  const more: SessionEvent[] = [
    { ...base(), type: 'stage.moved', from: 2, to: 3, kind: 'deeper', override: true, gate: { reciprocated: 2, present: 6, open: false } },
    { ...base(), type: 'phase.changed', from: 'check-in', phase: 'gather', skipped: [] },
    { ...base(), type: 'note.added', noteId: 'n1', memberId: 'sam', text: 'CI was slow, ask Sam Lee', column: 'Could be better' },
    { ...base(), type: 'note.added', noteId: 'n2', memberId: 'ana', text: 'Pairing worked', column: 'Went well' },
    { ...base(), type: 'note.added', noteId: 'n3', memberId: 'pipe', text: 'More demos | please', column: 'Ideas' },
    { ...base(), type: 'note.added', noteId: 'n4', memberId: 'tick', text: 'Nobody voted for me', column: 'Ideas' },
    { ...base(), type: 'phase.changed', from: 'gather', phase: 'insights', skipped: [] },
    { ...base(), type: 'vote.cast', memberId: 'sam', noteId: 'n2' },
    { ...base(), type: 'vote.cast', memberId: 'ana', noteId: 'n2' },
    { ...base(), type: 'vote.cast', memberId: 'pipe', noteId: 'n1' },
    { ...base(), type: 'vote.cast', memberId: 'tick', noteId: 'n2' },
    { ...base(), type: 'vote.cast', memberId: 'link', noteId: 'n3' },
    { ...base(), type: 'vote.cast', memberId: 'script', noteId: 'n3' },
    { ...base(), type: 'session.ended' },
  ];
  return [...events, ...more];
}

describe('summary contents: notes, insights, overrides', () => {
  const summary = buildSummary(withBoard());

  it('lists the gather notes by column, then by votes, with their authors', () => {
    assert.deepEqual(
      summary.gatherNotes?.map((x) => [x.column, x.text, x.author, x.votes]),
      [
        ['Went well', 'Pairing worked', NAMES.ana, 3],
        ['Could be better', 'CI was slow, ask Sam Lee', NAMES.sam, 1],
        ['Ideas', 'More demos | please', NAMES.pipe, 2],
        ['Ideas', 'Nobody voted for me', NAMES.tick, 0],
      ],
    );
  });

  it('the top-voted insights: most dots first, only notes with a dot, at most three', () => {
    assert.deepEqual(summary.topInsights?.map((x) => [x.text, x.votes]), [
      ['Pairing worked', 3],
      ['More demos | please', 2],
      ['CI was slow, ask Sam Lee', 1],
    ]);
  });

  it('each override says what it meant, with the count at that moment', () => {
    assert.deepEqual(summary.overrides?.map((o) => o.text), ['Going deeper (layer 1 to 2)', 'Going deeper now, with 2 of 6 answered']);
    assert.equal(summary.overrides?.[1]?.answered, 2);
    assert.equal(summary.overrides?.[1]?.present, 6);
    assert.ok((summary.overrides?.[1]?.offsetMs ?? 0) > 0);
  });

  it('describeOverride is one wording for the panel and the summary', () => {
    assert.equal(describeOverride({ from: 1, to: 2, gate: { reciprocated: 2, present: 5, open: false } }), 'Going deeper now, with 2 of 5 answered');
    assert.equal(describeOverride({ from: 2, to: 3 }), 'Going deeper (layer 2 to 3)');
  });

  it('the summary with its new parts passes the host-to-webview schema', () => {
    assert.ok(v.safeParse(SummarySchema, summary).success);
  });

  it('pseudonymising scrubs names from notes and authors', () => {
    const p = buildSummary(withBoard(), { pseudonymise: true });
    const text = JSON.stringify([p.gatherNotes, p.topInsights]);
    assert.doesNotMatch(text, /Sam Lee|Ruiz|Pat \| Pipe/);
  });

  it('Markdown has the notes, the top insights and the overrides', () => {
    const md = toMarkdown(summary, { pseudonymise: false, namedTable: false });
    assert.match(md, /## Gather notes/);
    assert.match(md, /\| Went well \| Pairing worked \| Ana \\\*Ruiz\\\* \| 3 \|/);
    assert.match(md, /## Top-voted insights[\s\S]*1\. Pairing worked \(3 votes, Went well\)/);
    assert.match(md, /## Overrides[\s\S]*Going deeper now, with 2 of 6 answered/);
    assert.match(md, /More demos \\\| please/);
  });

  it('JSON and CSV carry them too', () => {
    const json = JSON.parse(toJson(summary, { pseudonymise: false, namedTable: false })) as Record<string, unknown[]>;
    assert.equal(json['gatherNotes']?.length, 4);
    assert.equal(json['topInsights']?.length, 3);
    assert.equal(json['overrides']?.length, 2);
    const csv = toCsv(summary, { pseudonymise: false, namedTable: false });
    assert.match(csv, /^note,1,text,Pairing worked$/m);
    assert.match(csv, /^insight,1,votes,3$/m);
    assert.match(csv, /^override,2,text,"Going deeper now, with 2 of 6 answered"$/m);
  });

  it('a retro without notes or overrides has empty lists, and the exports say nothing about them', () => {
    const plain = buildSummary(retroEvents().filter((e) => e.type !== 'stage.moved'));
    assert.deepEqual([plain.gatherNotes, plain.topInsights, plain.overrides], [[], [], []]);
    const md = toMarkdown(plain, { pseudonymise: false, namedTable: false });
    assert.doesNotMatch(md, /Gather notes|Top-voted|Overrides/);
  });
});
