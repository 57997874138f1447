// A fast path for validating host messages. A snapshot of a long retro carries thousands
// of contributions, and valibot's general-purpose interpreter costs tens of milliseconds
// on a cold page. This compiles a valibot schema once into plain closures that accept
// exactly what valibot accepts and return the same output (unknown keys stripped).
// Anything this compiler does not know is delegated to valibot itself, so it is never
// less strict; when it rejects, the caller runs valibot for the precise error.
import * as v from 'valibot';

const INVALID: unique symbol = Symbol('invalid');
type Parsed = unknown;
/** Returns the parsed output, or INVALID. */
type Parser = (input: unknown) => Parsed;

/** The parts of a valibot schema or action that this compiler reads. */
interface SchemaNode {
  readonly kind: string;
  readonly type: string;
  readonly entries?: Readonly<Record<string, SchemaNode>>;
  readonly item?: SchemaNode;
  readonly wrapped?: SchemaNode;
  readonly options?: readonly unknown[];
  readonly literal?: unknown;
  readonly key?: string;
  readonly pipe?: readonly SchemaNode[];
  readonly requirement?: unknown;
  readonly default?: unknown;
  readonly fallback?: unknown;
}

export type CompiledResult<T> = { ok: true; value: T } | { ok: false };

/** Compiles `schema` once; the returned function validates and strips like v.safeParse. */
export function compileSchema<T>(schema: v.GenericSchema<unknown, T>): (input: unknown) => CompiledResult<T> {
  const parse = compile(schema as unknown as SchemaNode);
  return (input) => {
    const output = parse(input);
    return output === INVALID ? { ok: false } : { ok: true, value: output as T };
  };
}

function compile(node: SchemaNode): Parser {
  const base = compileBase(node);
  const checks = node.pipe?.slice(1).filter((action) => action.kind !== 'metadata') ?? [];
  if (checks.length === 0) return base;
  const tests = checks.map(compileCheck);
  if (tests.some((test) => test === null)) return viaValibot(node);
  const all = tests as ((value: unknown) => boolean)[];
  return (input) => {
    const value = base(input);
    if (value === INVALID) return INVALID;
    for (const test of all) if (!test(value)) return INVALID;
    return value;
  };
}

/** Lets valibot parse a part this compiler does not know. */
function viaValibot(node: SchemaNode): Parser {
  const schema = node as unknown as v.GenericSchema;
  return (input) => {
    const result = v.safeParse(schema, input);
    return result.success ? result.output : INVALID;
  };
}

function compileBase(node: SchemaNode): Parser {
  if (hasFiller(node)) return viaValibot(node);
  switch (node.type) {
    case 'string':
      return (input) => (typeof input === 'string' ? input : INVALID);
    case 'number':
      return (input) => (typeof input === 'number' && !Number.isNaN(input) ? input : INVALID);
    case 'boolean':
      return (input) => (typeof input === 'boolean' ? input : INVALID);
    case 'literal':
      return literal(node.literal);
    case 'picklist':
      return picklist(node.options ?? []);
    case 'nullable':
      return wrapped(node, null);
    case 'optional':
      return wrapped(node, undefined);
    case 'array':
      return node.item ? array(compile(node.item)) : viaValibot(node);
    case 'object':
    case 'strict_object':
      return object(node) ?? viaValibot(node);
    case 'variant':
      return variant(node) ?? viaValibot(node);
    default:
      return viaValibot(node);
  }
}

function compileCheck(action: SchemaNode): ((value: unknown) => boolean) | null {
  if (action.kind !== 'validation') return null;
  const req = action.requirement;
  switch (action.type) {
    case 'min_length':
      return typeof req === 'number' ? (value) => (value as { length: number }).length >= req : null;
    case 'max_length':
      return typeof req === 'number' ? (value) => (value as { length: number }).length <= req : null;
    case 'min_value':
      return typeof req === 'number' ? (value) => (value as number) >= req : null;
    case 'max_value':
      return typeof req === 'number' ? (value) => (value as number) <= req : null;
    case 'integer':
      return (value) => Number.isInteger(value);
    default:
      return null;
  }
}

function literal(expected: unknown): Parser {
  return (input) => (input === expected || (Number.isNaN(input) && Number.isNaN(expected)) ? input : INVALID);
}

function picklist(options: readonly unknown[]): Parser {
  return (input) => (options.includes(input) ? input : INVALID);
}

/** nullable / optional: the empty value passes as itself, anything else goes to the wrapped schema. */
function wrapped(node: SchemaNode, empty: null | undefined): Parser {
  if (!node.wrapped) return viaValibot(node);
  const inner = compile(node.wrapped);
  return (input) => (input === empty ? empty : inner(input));
}

function array(item: Parser): Parser {
  return (input) => {
    if (!Array.isArray(input)) return INVALID;
    const output: unknown[] = new Array<unknown>(input.length);
    for (let i = 0; i < input.length; i++) {
      const value = item(input[i]);
      if (value === INVALID) return INVALID;
      output[i] = value;
    }
    return output;
  };
}

function isOptional(node: SchemaNode): boolean {
  return node.type === 'optional' || node.type === 'exact_optional' || node.type === 'nullish';
}

/** Entries with a default or fallback change what a missing key means: valibot handles those. */
function hasFiller(node: SchemaNode): boolean {
  return node.default !== undefined || node.fallback !== undefined;
}

function object(node: SchemaNode): Parser | null {
  const entries = node.entries;
  if (!entries || Object.values(entries).some(hasFiller)) return null;
  const strict = node.type === 'strict_object';
  const keys = Object.keys(entries);
  const parsers = keys.map((key) => compile(entries[key]));
  const optional = keys.map((key) => isOptional(entries[key]));
  return (input) => {
    if (!input || typeof input !== 'object') return INVALID;
    const source = input as Record<string, unknown>;
    const output: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      if (!(key in source)) {
        if (optional[i]) continue;
        return INVALID;
      }
      const value = parsers[i](source[key]);
      if (value === INVALID) return INVALID;
      output[key] = value;
    }
    if (strict) for (const key in source) if (!Object.hasOwn(entries, key)) return INVALID;
    return output;
  };
}

/** A variant on one key: the first option whose discriminator matches and that parses. */
function variant(node: SchemaNode): Parser | null {
  const key = node.key;
  const options = (node.options ?? []) as SchemaNode[];
  if (key === undefined) return null;
  const cases: { test: Parser; optional: boolean; parse: Parser }[] = [];
  for (const option of options) {
    const discriminator = option.type === 'variant' ? undefined : option.entries?.[key];
    if (!discriminator) return null;
    cases.push({ test: compile(discriminator), optional: isOptional(discriminator), parse: compile(option) });
  }
  return (input) => {
    if (!input || typeof input !== 'object') return INVALID;
    const source = input as Record<string, unknown>;
    for (const c of cases) {
      const matches = key in source ? c.test(source[key]) !== INVALID : c.optional;
      if (!matches) continue;
      const output = c.parse(input);
      if (output !== INVALID) return output;
    }
    return INVALID;
  };
}
