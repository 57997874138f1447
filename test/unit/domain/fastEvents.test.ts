// The hand-written event check in front of valibot (src/domain/fastEvents.ts) against the
// schema itself: whatever it vouches for, valibot must accept and copy unchanged; and it
// must vouch for the valid plain events, or it saves nothing. Then whole files: the fast
// read gives exactly valibot's result, messages included.
import { strict as assert } from 'node:assert';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import * as v from 'valibot';
import { plainEventHolds } from '../../../src/domain/fastEvents';
import { MAX_ID_LENGTH, MAX_NUDGE_ID_LENGTH } from '../../../src/domain/ids';
import { MAX_NESTING, parseSessionFile, SessionEventSchema, SessionFileSchema, tooDeepAt } from '../../../src/domain/persistence';
import { PHASES } from '../../../src/domain/types';

const SEED = process.env.FAST_EVENTS_SEED ? Number(process.env.FAST_EVENTS_SEED) : undefined;

// Values at and around every limit the schema sets.
const idLike = fc.oneof(
  fc.string({ minLength: 1, maxLength: 12 }),
  fc.constantFrom('', 'x'.repeat(MAX_ID_LENGTH), 'x'.repeat(MAX_ID_LENGTH + 1), 'y'.repeat(MAX_NUDGE_ID_LENGTH), 'y'.repeat(MAX_NUDGE_ID_LENGTH + 1)),
);
const text = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('', 't'.repeat(20_000), 't'.repeat(20_001)));
const num = fc.oneof(
  fc.constantFrom(0, -0, 1, 2, 3, 4, 5, 6, -1, 0.5, 1.5, NaN, Infinity, -Infinity, 100_000, 1e15),
  fc.double(),
  fc.integer({ min: -10, max: 10 }),
);
const phase = fc.constantFrom<string>(...PHASES);
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  num,
  idLike,
  text,
  phase,
  fc.constantFrom(true, false, null, undefined, 'deeper', 'stay', 'back', 'bogus'),
  fc.constant([]),
  fc.array(phase, { maxLength: 3 }),
  fc.array(fc.string(), { maxLength: 2 }),
  fc.constant({}),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.integer(), { maxKeys: 2 }),
);

/** A valid value for each field the schema names (a few limits included). */
const validFields: Record<string, fc.Arbitrary<unknown>> = {
  id: fc.string({ minLength: 1, maxLength: 8 }),
  at: fc.oneof(fc.nat(), fc.constantFrom(0, 1.5, 1e12)),
  actor: fc.string({ minLength: 1, maxLength: 8 }),
  intent: fc.string({ minLength: 1, maxLength: 8 }),
  title: text.filter((s) => s.length <= 20_000),
  memberId: fc.string({ minLength: 1, maxLength: 8 }),
  name: fc.string({ maxLength: 20 }),
  joinedLate: fc.boolean(),
  present: fc.boolean(),
  from: fc.integer({ min: 1, max: 4 }),
  to: fc.integer({ min: 1, max: 4 }),
  kind: fc.constantFrom('deeper', 'stay', 'back'),
  override: fc.boolean(),
  promptId: fc.oneof(fc.constant(null), fc.string({ minLength: 1, maxLength: 8 })),
  contributionId: fc.string({ minLength: 1, maxLength: 8 }),
  phase,
  depth: fc.integer({ min: 1, max: 4 }),
  topic: fc.string({ maxLength: 10 }),
  text: fc.string({ maxLength: 20 }),
  seconds: fc.oneof(fc.double({ min: 0, noNaN: true }), fc.constant(Infinity)),
  pass: fc.boolean(),
  truncated: fc.boolean(),
  noteId: fc.string({ minLength: 1, maxLength: 8 }),
  column: fc.string({ maxLength: 8 }),
  groupId: fc.oneof(fc.constant(null), fc.string({ minLength: 1, maxLength: 8 })),
  actionId: fc.string({ minLength: 1, maxLength: 8 }),
  ownerId: fc.oneof(fc.constant(null), fc.string({ minLength: 1, maxLength: 8 })),
  due: fc.string({ maxLength: 10 }),
  done: fc.boolean(),
  roti: fc.integer({ min: 1, max: 5 }),
  nudgeId: fc.string({ minLength: 1, maxLength: 8 }),
  on: fc.boolean(),
  skipped: fc.array(phase, { maxLength: 3 }),
};

/** Each type's fields (optional ones marked '?'), as SessionEventSchema lists them. */
const TYPES: Record<string, string[]> = {
  'session.renamed': ['title'],
  'member.added': ['memberId', 'name', 'joinedLate'],
  'member.renamed': ['memberId', 'name'],
  'member.presence': ['memberId', 'present'],
  'facilitator.set': ['memberId'],
  'phase.changed': ['from:phase', 'phase', 'skipped'],
  'stage.moved': ['from', 'to', 'kind', 'override'],
  'prompt.shown': ['promptId:id'],
  'turn.started': ['memberId'],
  'turn.ended': [],
  'contribution.added': ['contributionId', 'memberId', 'phase', 'promptId', 'depth', 'topic', 'text', 'seconds?', 'pass', 'truncated?'],
  'contribution.removed': ['contributionId'],
  'contribution.edited': ['contributionId', 'text', 'truncated?'],
  'note.added': ['noteId', 'memberId:ownerId', 'text', 'column'],
  'note.edited': ['noteId', 'text'],
  'note.removed': ['noteId'],
  'note.grouped': ['noteId', 'groupId'],
  'vote.cast': ['memberId', 'noteId'],
  'vote.retracted': ['memberId', 'noteId'],
  'action.added': ['actionId', 'text', 'ownerId', 'due?'],
  'action.updated': ['actionId', 'text?', 'ownerId?', 'due?', 'done?'],
  'action.removed': ['actionId'],
  'checkout.added': ['memberId', 'text', 'roti?'],
  'nudge.dismissed': ['nudgeId'],
  'session.ended': [],
  'anonymity.set': ['on'],
};

/** 'key', 'key?' (optional) or 'key:generator' (the key, valued like another field). */
function fieldArb(spec: string): { key: string; optional: boolean; arb: fc.Arbitrary<unknown> } {
  const optional = spec.endsWith('?');
  const [key, gen = key] = spec.replace('?', '').split(':');
  return { key, optional, arb: gen === 'id' ? validFields['id'] : validFields[gen] };
}

const validEvent: fc.Arbitrary<Record<string, unknown>> = fc.constantFrom(...Object.keys(TYPES)).chain((type) => {
  const specs = ['id', 'at', 'actor', 'intent?', ...TYPES[type]].map(fieldArb);
  const record: Record<string, fc.Arbitrary<unknown>> = {};
  for (const f of specs) record[f.key] = f.arb;
  const required = specs.filter((f) => !f.optional).map((f) => f.key);
  const extra = fc.dictionary(fc.constantFrom('extra', 'x-new', 'note'), anyValue, { maxKeys: 2 });
  return fc.tuple(fc.record(record, { requiredKeys: required }), extra).map(([fields, more]) => ({ ...more, ...fields, type }));
});

/** One mutation: a key dropped, a value replaced, a type changed, an odd key added, … */
const mutation = fc.oneof(
  fc.record({ op: fc.constant('drop' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('set' as const), pick: fc.nat(), value: anyValue }),
  fc.record({ op: fc.constant('add' as const), key: fc.constantFrom('extra', 'seconds', 'truncated', 'intent', 'roti', 'due', 'done', 'gate'), value: anyValue }),
  fc.record({ op: fc.constant('type' as const), type: fc.constantFrom('session.created', 'notes.revealed', 'votes.tallied', 'future.kind', '', 'toString', 'member.added') }),
  fc.record({ op: fc.constant('json' as const), key: fc.constantFrom('__proto__', 'constructor', 'prototype') }),
  fc.record({ op: fc.constant('shape' as const), to: fc.constantFrom('array', 'null-proto', 'class') }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(e: Record<string, unknown>, ms: readonly Mutation[]): unknown {
  let out: unknown = { ...e };
  for (const m of ms) {
    const o = out as Record<string, unknown>;
    const keys = Object.keys(o);
    if (m.op === 'drop') delete o[keys[m.pick % keys.length]];
    else if (m.op === 'set') o[keys[m.pick % keys.length]] = m.value;
    else if (m.op === 'add') o[m.key] = m.value;
    else if (m.op === 'type') o['type'] = m.type;
    else if (m.op === 'json') out = { ...o, ...(JSON.parse(`{"${m.key}": {"polluted": true}}`) as object) };
    else if (m.to === 'array') out = Object.assign([], o);
    else if (m.to === 'null-proto') out = Object.assign(Object.create(null) as object, o);
    else out = Object.assign(new (class Event {})(), o);
  }
  return out;
}

describe('the fast event check (issue 12, report.100k_members) agrees with SessionEventSchema', () => {
  const runs = { numRuns: 3000, ...(SEED !== undefined && { seed: SEED }) };

  it('vouches for every valid plain event, and valibot accepts it and copies it unchanged', () => {
    fc.assert(fc.property(validEvent, (e) => {
      const r = v.safeParse(SessionEventSchema, e);
      assert.ok(r.success, `the generator made an invalid event: ${JSON.stringify(e)}`);
      assert.equal(plainEventHolds(e), true, `not vouched for: ${JSON.stringify(e)}`);
      assert.deepStrictEqual(r.output, e);
    }), runs);
  }).timeout(60_000);

  it('vouches for a mutated event only when valibot accepts it and copies it unchanged', () => {
    let vouched = 0;
    let refused = 0;
    fc.assert(fc.property(validEvent, fc.array(mutation, { minLength: 1, maxLength: 3 }), (e, ms) => {
      const input = mutate(e, ms);
      const r = v.safeParse(SessionEventSchema, input);
      if (!r.success) refused++;
      if (!plainEventHolds(input)) return;
      vouched++;
      assert.ok(r.success, `vouched for an event valibot refuses: ${JSON.stringify(input)} (${r.success ? '' : r.issues[0].message})`);
      assert.deepStrictEqual(r.output, input);
    }), runs);
    // Both sides were exercised: many mutants refused, some still valid and vouched for.
    assert.ok(refused > runs.numRuns / 4, `only ${refused} mutants were invalid`);
    assert.ok(vouched > runs.numRuns / 20, `only ${vouched} mutants were vouched for`);
  }).timeout(60_000);

  it('never vouches for what valibot would copy differently or must decide itself', () => {
    const base = { id: 'e1', at: 1, actor: 'a', type: 'note.removed', noteId: 'n' };
    assert.equal(plainEventHolds(base), true);
    assert.equal(plainEventHolds(JSON.parse('{"id":"e1","at":1,"actor":"a","type":"note.removed","noteId":"n","__proto__":{}}')), false);
    assert.equal(plainEventHolds({ ...base, intent: undefined }), false, 'an optional key present as undefined');
    assert.equal(plainEventHolds(Object.assign([], base)), false);
    assert.equal(plainEventHolds({ ...base, type: 'session.created' }), false, 'nested deck: valibot decides');
    assert.equal(plainEventHolds({ ...base, type: 'notes.revealed' }), false);
    assert.equal(plainEventHolds({ ...base, type: 'hasOwnProperty' }), false);
    assert.equal(plainEventHolds(null), false);
  });
});

/** One valid value per generator name of TYPES (hand-picked, not generated). */
const ONE_VALID: Record<string, unknown> = {
  id: 'e1', at: 1_700_000_000_000, actor: 'fac', intent: 'i1', title: 'Retro', memberId: 'm1', name: 'Ada', joinedLate: false,
  present: true, from: 2, to: 3, kind: 'deeper', override: false, promptId: 'p1', contributionId: 'c1', phase: 'gather',
  depth: 2, topic: 'week', text: 'ok', seconds: 12, pass: false, truncated: true, noteId: 'n1', column: 'Went well',
  groupId: 'g1', actionId: 'a1', ownerId: 'm1', due: 'Friday', done: true, roti: 3, nudgeId: 'nudge-1', on: true,
  skipped: ['gather'],
};

class PhaseList extends Array<string> {}

/** Each field of each type set to each of these in turn: every limit of the schema, either side, and wrong types. */
const EDGES: readonly unknown[] = [
  0, -0, 1, 2, 4, 5, 6, -1, 0.5, 1.5, NaN, Infinity, -Infinity, 8.64e15, 8.64e15 + 1, 1e300,
  '', 'x', '5', 'x'.repeat(MAX_ID_LENGTH), 'x'.repeat(MAX_ID_LENGTH + 1), 'y'.repeat(MAX_NUDGE_ID_LENGTH), 'y'.repeat(MAX_NUDGE_ID_LENGTH + 1),
  't'.repeat(20_000), 't'.repeat(20_001), true, false, null, 'deeper', 'stay', 'back', 'bogus', ...PHASES,
  [], ['gather', 'bogus'], [...PHASES], PhaseList.from(['gather']), Object.create(Array.prototype) as unknown, [1], {}, { length: 0 },
];

describe('the fast event check at every limit of every field (oracle: SessionEventSchema)', () => {
  /** Valid for valibot, and its output deep-equals the input (prototypes included). */
  function copiedUnchanged(e: Record<string, unknown>): boolean {
    const r = v.safeParse(SessionEventSchema, e);
    return r.success && isDeepStrictEqual(r.output, e);
  }

  it('vouches exactly for the events valibot accepts and copies unchanged', () => {
    let vouched = 0;
    let refused = 0;
    for (const [type, specs] of Object.entries(TYPES)) {
      const fields = ['id', 'at', 'actor', 'intent?', ...specs].map((spec) => {
        const optional = spec.endsWith('?');
        const [key, gen = key] = spec.replace('?', '').split(':');
        return { key, optional, valid: ONE_VALID[gen] };
      });
      const base: Record<string, unknown> = { type };
      for (const f of fields) base[f.key] = f.valid;
      assert.ok(copiedUnchanged(base), `${type}: the hand-picked event is invalid: ${JSON.stringify(base)}`);
      assert.equal(plainEventHolds(base), true, `${type}: a valid event not vouched for`);
      for (const f of fields) {
        const without = { ...base };
        delete without[f.key];
        assert.equal(plainEventHolds(without), copiedUnchanged(without), `${type} without ${f.key}`);
        if (!f.optional) assert.equal(plainEventHolds(without), false, `${type} without ${f.key}`);
        for (const value of EDGES) {
          const e = { ...base, [f.key]: value };
          const expected = copiedUnchanged(e);
          const where = `${type}.${f.key} = ${typeof value === 'string' && value.length > 12 ? `${value[0]} x ${value.length}` : String(value)} (${Object.prototype.toString.call(value)})`;
          assert.equal(plainEventHolds(e), expected, where);
          if (expected) vouched++;
          else refused++;
        }
      }
    }
    // Both answers were given many times (the edges are not all valid or all invalid).
    assert.ok(vouched > 200 && refused > 2000, `vouched ${vouched}, refused ${refused}`);
  });

  it('leaves every stage move with a gate to valibot, valid or not (its plain object drops unknown keys)', () => {
    const move = { id: 'e1', at: 1, actor: 'fac', type: 'stage.moved', from: 1, to: 2, kind: 'deeper', override: true };
    assert.equal(plainEventHolds(move), true);
    const gates = [...EDGES, { reciprocated: 2, present: 3, open: true }, { reciprocated: 2, present: 3, open: true, extra: 1 }, { reciprocated: 'x' }];
    let refused = 0;
    for (const gate of gates) {
      const e = { ...move, gate };
      assert.equal(plainEventHolds(e), false, `gate ${String(gate)}`);
      if (!copiedUnchanged(e)) refused++;
    }
    assert.ok(refused > 0 && refused < gates.length, 'some gates are valid, some not');
  });

  it('answers false, without throwing, for anything that is not an object', () => {
    for (const x of [undefined, null, 0, 1, 'note.removed', true, 1n, Symbol('e'), () => ({})]) {
      assert.equal(plainEventHolds(x), false, String(x));
    }
  });
});

describe('parseSessionFile with the fast check gives valibot\'s result', () => {
  const header = { v: 2, kind: 'reciprocity-session', id: 's', title: 'T', teamId: 't', createdAt: 0 };
  const created = {
    id: 'e0', at: 0, actor: 'fac', type: 'session.created', sessionId: 's', title: 'T', teamId: 't',
    deck: { id: 'd', name: 'Deck', prompts: [] }, settings: { turnSoftCapSeconds: 90, maxTextLength: 4000, extra: 1 },
  };

  it('on random files of valid and mutated events: the same output, and a refusal wherever valibot refuses', () => {
    const event = fc.oneof(validEvent, fc.tuple(validEvent, fc.array(mutation, { minLength: 1, maxLength: 2 })).map(([e, ms]) => mutate(e, ms)));
    const file = fc.tuple(fc.array(event, { maxLength: 8 }), fc.dictionary(fc.constantFrom('extra', 'title'), anyValue, { maxKeys: 1 }));
    fc.assert(fc.property(file, ([events, more]) => {
      // Through JSON, as a file is: undefined and prototypes do not survive it.
      const text = JSON.stringify({ ...header, ...more, events: [created, ...events] });
      const raw = JSON.parse(text) as unknown;
      const expected = v.safeParse(SessionFileSchema, raw);
      const got = parseSessionFile(text, 'f.json');
      if (expected.success) {
        assert.ok(got.ok, got.ok ? '' : got.message);
        assert.deepStrictEqual(got.file, expected.output);
      } else {
        assert.equal(got.ok, false);
      }
    }), { numRuns: 1500, ...(SEED !== undefined && { seed: SEED }) });
  }).timeout(60_000);
});

describe('the nesting check (pathless first pass, then the path)', () => {
  /** Objects and arrays nested `levels` deep in alternation: the outermost is level 1. */
  function nested(levels: number): unknown {
    let x: unknown = { leaf: 1 };
    for (let i = 1; i < levels; i++) x = i % 2 ? [x] : { next: x };
    return x;
  }

  it('accepts exactly MAX_NESTING levels and names where one more begins', () => {
    assert.equal(tooDeepAt(nested(MAX_NESTING)), null);
    // The file, its events and an event are three levels: that leaves MAX_NESTING - 3.
    assert.equal(tooDeepAt({ events: [{ id: 'e', future: nested(MAX_NESTING - 3) }] }), null);
    const file = { events: [{ id: 'e' }, { id: 'f', future: nested(MAX_NESTING - 2) }] };
    assert.equal(tooDeepAt(file), 'events[1].future');
    assert.equal(tooDeepAt(nested(5), 4), 'next[0].next');
    assert.equal(tooDeepAt({}, 0), '(file)');
    assert.equal(tooDeepAt(nested(4), 4), null);
    assert.equal(tooDeepAt('text'), null);
  });
});
