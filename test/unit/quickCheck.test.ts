// The quick check of host messages (src/quickCheck.ts) against valibot, its oracle: random
// snapshots generated from the schema, valid and mutated. Whenever the quick check says yes,
// valibot must accept and return a copy equal to the input; parseHostMessage must answer
// exactly as valibot alone does (same result, same error); and a valid, plain snapshot must
// take the quick path (else the panel silently loses the speed-up). FUZZ_SEED replays a run.
import { strict as assert } from 'node:assert';
import { inspect, isDeepStrictEqual } from 'node:util';
import * as v from 'valibot';
import { analyseLog } from '../../src/domain/replica';
import { defaultDeck } from '../../src/domain/decks/builtin';
import { sequentialIds, steppingClock } from '../../src/domain/ids';
import { decide, startSession } from '../../src/domain/retro';
import { replay } from '../../src/domain/session';
import type { SessionEvent } from '../../src/domain/types';
import { buildRetroView } from '../../src/host/retroView';
import { HostToWebviewSchema, IntentSchema, RetroViewSchema, parseHostMessage, type Intent } from '../../src/protocol';
import { quickCheck } from '../../src/quickCheck';
import { parseWith } from '../../src/validate';
import { mulberry32 } from '../fixtures/random';

/** The schema parts the generator reads (valibot's own objects). */
interface Node {
  kind: string;
  type: string;
  entries?: Record<string, Node>;
  item?: Node;
  wrapped?: Node;
  options?: unknown[];
  literal?: unknown;
  key?: string;
  pipe?: Node[];
  requirement?: unknown;
}

type Rnd = () => number;
const pick = <T>(r: Rnd, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

/** Values of every type, for a mutation that swaps a value for something else. */
const ODD: (() => unknown)[] = [
  () => null, () => undefined, () => 0, () => -1, () => NaN, () => Infinity, () => '', () => 'x', () => true,
  () => [], () => ({}), () => [1, 2], () => 2.5, () => 5, () => Object.create(null), () => new Date(0),
];

class Gen {
  /** Mutations made in the current value; 0 means it is valid by construction. */
  mutations = 0;
  constructor(private readonly r: Rnd, private readonly rate: number) {}

  private mutate(): boolean {
    if (this.rate > 0 && this.r() < this.rate) {
      this.mutations++;
      return true;
    }
    return false;
  }

  value(node: Node, depth = 0): unknown {
    if (this.mutate()) return pick(this.r, ODD)();
    if (node.pipe) return this.piped(node, depth);
    const r = this.r;
    switch (node.type) {
      case 'string':
        return pick(r, ['', 'a', 'Ada', 'نور', '<b>x</b>', '\u0000', '😀', 'x'.repeat(1 + Math.floor(r() * 40))]);
      case 'number':
        return pick(r, [0, -0, 1, -3, 2.5, 1e308, Infinity, -Infinity, 1_700_000_000_000, Number.MAX_SAFE_INTEGER]);
      case 'boolean':
        return r() < 0.5;
      case 'literal':
        return node.literal;
      case 'picklist':
        return pick(r, node.options ?? []);
      case 'nullable':
        return r() < 0.3 ? null : this.value(node.wrapped as Node, depth + 1);
      case 'optional':
        return r() < 0.1 ? undefined : this.value(node.wrapped as Node, depth + 1);
      case 'array': {
        const n = depth > 6 ? 0 : Math.floor(r() * 4);
        const out = Array.from({ length: n }, () => this.value(node.item as Node, depth + 1));
        if (n > 1 && this.mutate()) Reflect.deleteProperty(out, Math.floor(r() * n)); // a hole
        if (this.mutate()) (out as unknown as Record<string, unknown>).extra = 1;
        return out;
      }
      case 'object':
      case 'strict_object':
        return this.object(node, depth);
      case 'variant':
        return this.value(pick(r, node.options as Node[]), depth);
      default:
        throw new Error(`the generator does not know ${node.type}`);
    }
  }

  private object(node: Node, depth: number): unknown {
    const r = this.r;
    const out: Record<string, unknown> = {};
    for (const [k, entry] of Object.entries(node.entries ?? {})) {
      if (entry.type === 'optional' && r() < 0.3) continue; // absent
      if (this.mutate()) continue; // a required key may go missing
      out[k] = this.value(entry, depth + 1);
    }
    if (this.mutate()) out[pick(r, ['extra', 'toString', '__proto__x', 'ID'])] = pick(r, ODD)();
    if (this.mutate()) Object.defineProperty(out, pick(r, Object.keys(node.entries ?? {})), { value: 'hidden', enumerable: false });
    if (this.mutate()) (out as Record<symbol, unknown>)[Symbol('s')] = 1;
    if (this.mutate()) return Object.assign(Object.create(null), out);
    if (this.mutate()) return Object.assign(Object.create({ inherited: 1 }), out);
    if (this.mutate()) return Object.assign(Object.keys(out).length ? [] : new Map(), out);
    // reorder keys: valibot's copy follows the schema's order, which must not matter
    return r() < 0.5 ? out : Object.fromEntries(Object.entries(out).reverse());
  }

  private piped(node: Node, depth: number): unknown {
    const [, ...actions] = node.pipe as Node[];
    const base = this.value({ ...node, pipe: undefined }, depth);
    for (const a of actions) {
      const req = a.requirement as number;
      // Values on and just past each limit.
      if (a.type === 'max_length' && this.r() < 0.3) return 'y'.repeat(this.mutate() ? req + 1 : req);
      if (a.type === 'min_length' && typeof base === 'string' && base.length < req) return this.mutate() ? '' : 'z'.repeat(req);
      if (a.type === 'min_value' && typeof base === 'number' && !(base >= req)) return this.mutate() ? req - 0.5 : req;
      if (a.type === 'max_value' && typeof base === 'number' && !(base <= req)) return this.mutate() ? req + 1 : req;
      if (a.type === 'integer' && typeof base === 'number' && !Number.isInteger(base)) return this.mutate() ? base : 0;
    }
    return base;
  }
}

const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));

describe('quick check of host messages (against valibot)', () => {
  const quick = quickCheck(HostToWebviewSchema);

  before(() => console.log(`      FUZZ_SEED=${SEED}`));

  it('is built for the host-to-webview schema (nothing in it is unknown to the quick check)', () => {
    assert.ok(quick, 'a schema part the quick check does not know would send every snapshot to valibot');
  });

  for (const rate of [0, 0.002, 0.01, 0.05]) {
    it(`agrees with valibot on 1,500 generated messages (mutation rate ${rate})`, () => {
      const r = mulberry32(SEED + rate * 1e6);
      const gen = new Gen(r, rate);
      let quickYes = 0;
      let valibotYes = 0;
      for (let i = 0; i < 1500; i++) {
        gen.mutations = 0;
        const input = gen.value(HostToWebviewSchema as unknown as Node);
        const yes = quick?.(input) ?? false;
        const oracle = v.safeParse(HostToWebviewSchema, input);
        const where = `seed ${SEED}, rate ${rate}, message ${i}`;
        if (oracle.success) valibotYes++;
        if (yes) {
          quickYes++;
          assert.ok(oracle.success, `${where}: the quick check passed what valibot refuses: ${JSON.stringify(oracle.issues?.[0]?.message)}`);
          assert.deepStrictEqual(input, oracle.output, `${where}: valibot would have returned something else`);
        }
        if (gen.mutations === 0) assert.ok(yes, `${where}: a valid plain message missed the quick path`);
        // The public function: the same answer as valibot alone, error text included.
        const got = parseHostMessage(input);
        const want = parseWith(HostToWebviewSchema, input);
        assert.equal(got.ok, want.ok, where);
        if (got.ok && want.ok) assert.deepStrictEqual(got.value, want.value, where);
        else assert.deepStrictEqual(got, want, where);
      }
      // The run exercised both answers (the mutated runs must also have refused some).
      if (rate === 0) assert.equal(quickYes, 1500);
      else {
        assert.ok(valibotYes < 1500, `rate ${rate}: nothing was invalid`);
        assert.ok(quickYes > 0 && quickYes <= valibotYes);
      }
    });
  }

  it('takes the quick path for a snapshot the host builds, as it arrives (structured clone)', () => {
    const newId = sequentialIds('q');
    const clock = steppingClock();
    const events: SessionEvent[] = startSession({
      title: 'Sprint 12', teamId: 'team', members: ['Ada', 'Grace', 'نور', '<img src=x onerror=alert(1)>'], deck: defaultDeck(),
      settings: { turnSoftCapSeconds: 90, maxTextLength: 2000 }, now: clock(), newId, recentPromptIds: [],
    });
    const act = (intent: Intent): void => {
      const state = replay(events);
      const d = decide(state, intent, { actor: state.facilitatorId as string, now: clock(), newId, gate: () => analyseLog(events).balance.gate, recentPromptIds: [] });
      if (!d.ok) throw new Error(d.error);
      events.push(...d.events);
    };
    const [ada, grace] = replay(events).members;
    act({ kind: 'contribute', memberId: ada.id, text: 'Calm', pass: false });
    act({ kind: 'contribute', memberId: grace.id, text: '', pass: true });
    act({ kind: 'contribute', memberId: ada.id, text: '', pass: false, seconds: 12, tally: true });
    const view = buildRetroView(replay(events), analyseLog(events).balance, { readOnly: false, dismissedNudges: new Set(), suggestedNext: null });
    assert.ok(v.safeParse(RetroViewSchema, view).success);
    const message = structuredClone({ type: 'snapshot', view });
    assert.equal(quick?.(message), true, 'the host sends a key the schema does not declare, or a shape the quick check misses');
    const parsed = parseHostMessage(message);
    assert.ok(parsed.ok);
    assert.equal(parsed.value, message, 'taken as it is, not copied');
  });

  it('leaves a schema it does not know to valibot (a transform, a default)', () => {
    assert.equal(quickCheck(v.object({ a: v.pipe(v.string(), v.trim()) })), null);
    assert.equal(quickCheck(v.object({ a: v.optional(v.string(), 'x') })), null);
    assert.equal(quickCheck(v.object({ a: v.unknown() })), null);
    assert.ok(quickCheck(IntentSchema), 'the intents use only known parts');
  });
});

// Small schemas, one for each part the quick check handles, against inputs at each of their
// limits and of every shape. The oracle is valibot: the quick check must answer true exactly
// when valibot accepts the input and returns a copy deep-equal to it (prototypes included),
// so it neither passes what valibot would refuse or change, nor sends a plain valid input the
// slow way. Deterministic, unlike the generated messages above.
describe('quick check of each schema part, at its limits (against valibot)', () => {
  const item = v.object({ k: v.picklist(['a', 'b']) });
  const SCHEMAS: Record<string, v.GenericSchema> = {
    string: v.string(),
    number: v.number(),
    boolean: v.boolean(),
    'literal a': v.literal('a'),
    'literal 0': v.literal(0),
    'literal NaN': v.literal(NaN),
    picklist: v.picklist(['a', 'b', 1]),
    'nullable string': v.nullable(v.string()),
    'optional number': v.optional(v.number()),
    'array of numbers': v.array(v.number()),
    object: v.object({ a: v.string(), b: v.optional(v.number()), c: v.nullable(v.boolean()) }),
    'strict object': v.strictObject({ a: v.string() }),
    'nested arrays of objects': v.object({ list: v.array(item) }),
    variant: v.variant('t', [v.object({ t: v.literal('x'), n: v.number() }), v.object({ t: v.literal('y'), s: v.string() })]),
    'variant, shared tag': v.variant('t', [v.object({ t: v.literal('x'), n: v.number() }), v.object({ t: v.literal('x'), s: v.string() })]),
    'string 2..3': v.pipe(v.string(), v.minLength(2), v.maxLength(3)),
    'integer 1..5': v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(5)),
    'at most 2 strings': v.pipe(v.array(v.string()), v.maxLength(2)),
  };

  const holey = [1, 2, 3];
  Reflect.deleteProperty(holey, 1);
  const named = Object.assign([1], { extra: 1 });
  const withSymbol = Object.assign([1], { [Symbol('s')]: 1 });
  class List extends Array<number> {}
  const hidden = Object.defineProperty({ b: 1 }, 'a', { value: 'x', enumerable: false });
  const objects: unknown[] = [
    {}, { a: 'x' }, { a: 'x', b: 1 }, { a: 'x', b: undefined }, { a: 'x', c: null }, { a: 'x', c: true }, { a: 'x', c: true, b: 2 },
    { a: 'x', c: 1 }, { a: 'x', c: true, extra: 1 }, { a: 1, c: true }, { b: 1, c: false }, { c: null, b: 1, a: '' },
    Object.assign(Object.create(null) as object, { a: 'x', c: true }), Object.assign(Object.create({ c: true }) as object, { a: 'x' }),
    { a: 'x', c: true, [Symbol('s')]: 1 }, hidden, Object.defineProperty({ a: 'x' }, 'c', { value: true, enumerable: false }),
    { list: [] }, { list: [{ k: 'a' }, { k: 'b' }] }, { list: [{ k: 'c' }] }, { list: [{ k: 'a', z: 1 }] }, { list: [{}] }, { list: {} },
    { t: 'x', n: 1 }, { t: 'y', s: 's' }, { t: 'x', s: 's' }, { t: 'y', n: 1 }, { t: 'z', n: 1 }, { n: 1 }, { t: 'x', n: 1, extra: 1 },
    Object.assign(Object.create({ t: 'x' }) as object, { n: 1 }), new Map([['a', 'x']]), new Date(0),
  ];
  const INPUTS: unknown[] = [
    undefined, null, 0, -0, 1, 2, 3, 5, 6, 0.5, 1.5, -1, NaN, Infinity, -Infinity, 1n, '', 'a', 'b', 'ab', 'abc', 'abcd', 'x', true, false,
    [], [1], [1, 2], ['a'], ['a', 'b'], ['a', 'b', 'c'], [1, 'a'], [NaN], holey, named, withSymbol, List.from([1]), Object.create(Array.prototype) as unknown,
    ...objects,
  ];

  function hiddenKeys(input: unknown): boolean {
    return typeof input === 'object' && input !== null && Reflect.ownKeys(input).length !== Object.keys(input).length + (Array.isArray(input) ? 1 : 0);
  }

  function copiedUnchanged(schema: v.GenericSchema, input: unknown): boolean {
    const r = v.safeParse(schema, input);
    return r.success && isDeepStrictEqual(r.output, input);
  }

  for (const [name, schema] of Object.entries(SCHEMAS)) {
    it(`${name}: true exactly when valibot accepts and copies unchanged`, () => {
      const quick = quickCheck(schema);
      assert.ok(quick, `${name} is built, not left to valibot`);
      let yes = 0;
      for (const [i, input] of INPUTS.entries()) {
        const expected = copiedUnchanged(schema, input);
        const where = `${name}, input ${i}: ${inspect(input, { showHidden: true })}`;
        // A symbol or non-enumerable own key: the quick check leaves it to valibot (false), by design.
        if (hiddenKeys(input)) assert.ok(!quick(input) || expected, where);
        else assert.equal(quick(input), expected, where);
        if (expected) yes++;
      }
      assert.ok(yes > 0 && yes < INPUTS.length, `${name}: ${yes} of ${INPUTS.length} inputs pass`);
    });
  }

  it('leaves a schema with a default, a fallback or an unknown action or part to valibot', () => {
    assert.equal(quickCheck(v.optional(v.number(), 1)), null, 'a default');
    assert.equal(quickCheck(v.fallback(v.number(), 1)), null, 'a fallback');
    assert.equal(quickCheck(v.object({ a: v.nullable(v.string(), 'x') })), null, 'a default inside');
    assert.equal(quickCheck(v.pipe(v.string(), v.email())), null, 'an unknown validation');
    assert.equal(quickCheck(v.pipe(v.string(), v.toLowerCase())), null, 'a transformation');
    assert.equal(quickCheck(v.array(v.date())), null, 'an unknown schema inside');
    assert.equal(quickCheck(v.variant('t', [v.object({ t: v.literal('x') }), v.variant('u', [v.object({ t: v.literal('y'), u: v.literal(1) })])])), null, 'a nested variant');
    assert.equal(quickCheck(v.variant('t', [v.object({ n: v.number() })] as never)), null, 'an option without the key');
    assert.equal(quickCheck(v.pipe(v.string(), v.minValue('a'))), null, 'a minimum that is not a number');
    assert.equal(quickCheck(v.pipe(v.string(), v.maxValue('m'))), null, 'a maximum that is not a number');
    // Hand-made nodes, for parts valibot's own builders always fill in.
    const string = { kind: 'schema', type: 'string' };
    const lengths = ['min_length', 'max_length'].map((type) => ({ ...string, pipe: [string, { kind: 'validation', type, requirement: '2' }] }));
    for (const node of lengths) assert.equal(quickCheck(node as never), null, `${node.pipe[1].type} of '2'`);
    assert.equal(quickCheck({ kind: 'schema', type: 'array' } as never), null, 'an array without its item');
    assert.equal(quickCheck({ kind: 'schema', type: 'nullable' } as never), null, 'a nullable without its schema');
    assert.equal(quickCheck({ kind: 'validation', type: 'string' } as never), null, 'not a schema');
  });
});
