// A quick "yes" for messages that valibot would pass through unchanged. The webview's first
// snapshot of a long retro carries thousands of contributions, and valibot on a cold page
// (every function still interpreted, a dataset object and a fresh output object per value)
// took about a third of the time to open such a panel. This walks a valibot schema once and
// builds plain boolean checks from it, so it cannot drift from the schema.
//
// The check answers true only when valibot would accept the input AND return a copy equal to
// it: plain objects and arrays, no key the schema would strip, nothing the schema transforms.
// Anything else (a key it does not know, a schema or action it does not know, a default or
// fallback) answers false, and the caller asks valibot, which decides and words the error.
// test/unit/quickCheck.test.ts holds it to that against valibot with random and mutated input.
import type * as v from 'valibot';

type Check = (input: unknown) => boolean;

/** The parts of a valibot schema or action that are read here. */
interface Node {
  readonly kind: string;
  readonly type: string;
  readonly entries?: Readonly<Record<string, Node>>;
  readonly item?: Node;
  readonly wrapped?: Node;
  readonly options?: readonly unknown[];
  readonly literal?: unknown;
  readonly key?: string;
  readonly pipe?: readonly Node[];
  readonly requirement?: unknown;
  readonly default?: unknown;
  readonly fallback?: unknown;
}

/** Not something this file knows how to check: the whole schema falls back to valibot. */
class Unsupported extends Error {}

/**
 * A check built from `schema`, or null when the schema uses something not handled here (then
 * every input goes to valibot). True means valibot accepts `input` and its output deep-equals it.
 */
export function quickCheck(schema: v.GenericSchema): ((input: unknown) => boolean) | null {
  try {
    return build(schema);
  } catch (e) {
    if (e instanceof Unsupported) return null;
    throw e;
  }
}

function build(node: Node): Check {
  if (node.kind !== 'schema') throw new Unsupported(node.type);
  // A default or fallback makes valibot's output differ from its input.
  if (node.default !== undefined || node.fallback !== undefined) throw new Unsupported(node.type);
  if (node.pipe) return pipe(node);
  switch (node.type) {
    case 'string':
      return (x) => typeof x === 'string';
    case 'number':
      return (x) => typeof x === 'number' && !Number.isNaN(x);
    case 'boolean':
      return (x) => typeof x === 'boolean';
    case 'literal': {
      const literal = node.literal;
      // valibot compares with SameValueZero.
      return (x) => x === literal || (x !== x && literal !== literal);
    }
    case 'picklist': {
      const options = node.options ?? [];
      return (x) => options.includes(x);
    }
    case 'nullable': {
      const inner = build(need(node.wrapped));
      return (x) => x === null || inner(x);
    }
    case 'optional': {
      const inner = build(need(node.wrapped));
      return (x) => x === undefined || inner(x);
    }
    case 'array': {
      const item = build(need(node.item));
      return (x) => {
        if (!Array.isArray(x) || Object.getPrototypeOf(x) !== Array.prototype) return false;
        for (let i = 0; i < x.length; i++) if (!item(x[i])) return false;
        // No holes and no named keys (valibot's copy would have neither); symbols as for objects.
        return Object.keys(x).length === x.length && Object.getOwnPropertySymbols(x).length === 0;
      };
    }
    case 'object':
    case 'strict_object':
      return object(node);
    case 'variant':
      return variant(node);
    default:
      throw new Unsupported(node.type);
  }
}

function need(node: Node | undefined): Node {
  if (!node) throw new Unsupported('missing part');
  return node;
}

/**
 * A plain object whose own keys are all in the schema (an unknown key would be stripped by
 * v.object and refused by v.strictObject; either way valibot decides), every required key
 * an own key, every value passing its check. (valibot also reads keys inherited from a
 * polluted Object.prototype; structured-cloned messages have none, and nothing here reads them.)
 */
function object(node: Node): Check {
  const keys: string[] = [];
  const checks: Check[] = [];
  const required: boolean[] = [];
  for (const [k, entry] of Object.entries(node.entries ?? {})) {
    keys.push(k);
    checks.push(build(entry));
    required.push(entry.type !== 'optional');
  }
  const n = keys.length;
  // One pass over the schema's keys and one over the input's, with nothing allocated: the
  // cold first snapshot of a long retro checks some 30,000 values (Object.keys, a Map lookup
  // and Reflect.ownKeys per object made it half again as slow).
  return (x) => {
    if (!isPlainObject(x)) return false;
    // Each key of the schema is an own enumerable key whose value passes, or absent and optional.
    let own = 0;
    for (let i = 0; i < n; i++) {
      const k = keys[i];
      if (!Object.prototype.propertyIsEnumerable.call(x, k)) {
        // Required, or there but hidden: valibot decides.
        if (required[i] || Object.prototype.hasOwnProperty.call(x, k)) return false;
        continue;
      }
      if (!checks[i](x[k])) return false;
      own++;
    }
    // No other key: for...in sees every enumerable string key, own or inherited, so as many as
    // the schema's keys found means no unknown or inherited one. A symbol key: valibot decides.
    let seen = 0;
    for (const _ in x) if (++seen > own) return false;
    return seen === own && Object.getOwnPropertySymbols(x).length === 0;
  };
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (x === null || typeof x !== 'object' || Array.isArray(x)) return false;
  // valibot's copy is an ordinary object; one without a prototype is left to it.
  return Object.getPrototypeOf(x) === Object.prototype;
}

/** Passes when an option whose discriminator matches passes (valibot takes the first such option). */
function variant(node: Node): Check {
  const key = node.key;
  if (typeof key !== 'string') throw new Unsupported('variant key');
  const options = (node.options ?? []) as Node[];
  const cases = options.map((option) => {
    if (option.type === 'variant') throw new Unsupported('nested variant');
    const discriminator = option.entries?.[key];
    if (!discriminator) throw new Unsupported('variant option');
    return { matches: build(discriminator), check: build(option) };
  });
  return (x) => {
    if (!isPlainObject(x) || !Object.prototype.hasOwnProperty.call(x, key)) return false;
    const tag = x[key];
    for (const c of cases) if (c.matches(tag) && c.check(x)) return true;
    return false;
  };
}

/** A schema followed by the validations used in src/protocol.ts; any other action is unsupported. */
function pipe(node: Node): Check {
  const [first, ...actions] = node.pipe ?? [];
  const base = build({ ...need(first), pipe: undefined });
  const tests = actions.map(action);
  return (x) => {
    if (!base(x)) return false;
    for (const t of tests) if (!t(x)) return false;
    return true;
  };
}

function action(node: Node): Check {
  if (node.kind !== 'validation') throw new Unsupported(node.type);
  const r = node.requirement;
  switch (node.type) {
    case 'min_length':
      if (typeof r !== 'number') throw new Unsupported(node.type);
      return (x) => (x as { length: number }).length >= r;
    case 'max_length':
      if (typeof r !== 'number') throw new Unsupported(node.type);
      return (x) => (x as { length: number }).length <= r;
    case 'min_value':
      if (typeof r !== 'number') throw new Unsupported(node.type);
      return (x) => (x as number) >= r;
    case 'max_value':
      if (typeof r !== 'number') throw new Unsupported(node.type);
      return (x) => (x as number) <= r;
    case 'integer':
      return (x) => Number.isInteger(x);
    default:
      throw new Unsupported(node.type);
  }
}
