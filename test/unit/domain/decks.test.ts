import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as v from 'valibot';
import { builtinDeck, builtinDecks, deckColumns, defaultDeck, DEFAULT_DECK_ID } from '../../../src/domain/decks/builtin';
import { DeckFileSchema, parseDeck, PromptSchema } from '../../../src/domain/decks/deckSchema';
import { pickPrompt, promptsLeftAtDepth } from '../../../src/domain/decks/pick';
import { DEPTHS, type Deck } from '../../../src/domain/types';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonSchema = { [k: string]: Json };

const schemaPath = path.join(__dirname, '../../../media/schemas/deck.schema.json');
const jsonSchema = JSON.parse(fs.readFileSync(schemaPath, 'utf8')) as JsonSchema;

/** The subset of draft-07 the deck schema uses; returns the paths that fail. */
function jsonSchemaErrors(schema: JsonSchema, value: unknown, at = ''): string[] {
  const errors: string[] = [];
  const type = schema['type'];
  const isObj = typeof value === 'object' && value !== null && !Array.isArray(value);
  if (type === 'object' && !isObj) return [`${at}: not an object`];
  if (type === 'array' && !Array.isArray(value)) return [`${at}: not an array`];
  if (type === 'string' && typeof value !== 'string') return [`${at}: not a string`];
  if (type === 'integer' && !Number.isInteger(value)) return [`${at}: not an integer`];
  const en = schema['enum'];
  if (Array.isArray(en) && !en.includes(value as Json)) errors.push(`${at}: not in enum`);
  if (typeof value === 'string') {
    const max = schema['maxLength'];
    if (typeof max === 'number' && [...value].length > max) errors.push(`${at}: too long`);
    const pattern = schema['pattern'];
    if (typeof pattern === 'string' && !new RegExp(pattern, 'u').test(value)) errors.push(`${at}: pattern`);
  }
  if (Array.isArray(value)) {
    const min = schema['minItems'];
    const max = schema['maxItems'];
    if (typeof min === 'number' && value.length < min) errors.push(`${at}: too few items`);
    if (typeof max === 'number' && value.length > max) errors.push(`${at}: too many items`);
    const items = schema['items'] as JsonSchema | undefined;
    if (items) value.forEach((item, i) => errors.push(...jsonSchemaErrors(items, item, `${at}[${i}]`)));
  }
  if (isObj) {
    const props = (schema['properties'] ?? {}) as Record<string, JsonSchema>;
    const obj = value as Record<string, unknown>;
    for (const key of (schema['required'] ?? []) as string[]) if (!(key in obj)) errors.push(`${at}.${key}: required`);
    for (const [key, val] of Object.entries(obj)) {
      const sub = props[key];
      if (sub) errors.push(...jsonSchemaErrors(sub, val, `${at}.${key}`));
      else if (schema['additionalProperties'] === false) errors.push(`${at}.${key}: unknown`);
    }
  }
  return errors;
}

const fileForm = (deck: Deck) => {
  const { source: _source, ...rest } = deck;
  return rest;
};

const goodDeck = () => ({
  id: 'team-health',
  name: 'Team health',
  prompts: [
    { id: 'a', depth: 1, topic: 'workload', text: 'One word for your week.' },
    { id: 'b', depth: 2, topic: 'tools', text: 'Which tool helped?' },
  ],
});

describe('built-in decks', () => {
  it('has a layered default with at least 6 prompts, each with a topic, at every depth', () => {
    const deck = defaultDeck();
    assert.equal(deck.id, DEFAULT_DECK_ID);
    assert.equal(deck.name, 'Layered check-in');
    for (const d of DEPTHS) {
      const at = deck.prompts.filter((p) => p.depth === d);
      assert.ok(at.length >= 6, `depth ${d}: ${at.length}`);
      assert.ok(new Set(at.map((p) => p.topic)).size >= 3, `depth ${d} has breadth`);
    }
  });

  it('ships the classic formats with columns and prompts across all depths', () => {
    for (const id of ['start-stop-continue', 'four-ls', 'mad-sad-glad', 'sailboat']) {
      const deck = builtinDeck(id);
      assert.ok(deck, id);
      assert.ok(deck.columns && deck.columns.length >= 3, id);
      for (const d of DEPTHS) assert.ok(deck.prompts.some((p) => p.depth === d), `${id} depth ${d}`);
    }
    assert.deepEqual(builtinDeck('four-ls')?.columns, ['Liked', 'Learned', 'Lacked', 'Longed for']);
    assert.deepEqual(deckColumns(defaultDeck()), ['Went well', 'Could be better', 'Ideas']);
  });

  it('uses prompt ids unique across all decks, and hands out copies', () => {
    const ids = builtinDecks().flatMap((d) => d.prompts.map((p) => p.id));
    assert.equal(new Set(ids).size, ids.length);
    const a = defaultDeck();
    a.prompts.length = 0;
    assert.ok(defaultDeck().prompts.length > 0);
  });

  it('passes both the valibot schema and the JSON Schema', () => {
    for (const deck of builtinDecks()) {
      const text = JSON.stringify({ $schema: '../schema.json', ...fileForm(deck) });
      const parsed = parseDeck(text, `builtin:${deck.id}`);
      assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.errors));
      assert.deepEqual(jsonSchemaErrors(jsonSchema, JSON.parse(text)), [], deck.id);
    }
  });
});

describe('deck schema: valibot and JSON Schema agree', () => {
  const props = jsonSchema['properties'] as Record<string, JsonSchema>;
  const promptProps = ((props['prompts']!['items'] as JsonSchema)['properties'] ?? {}) as Record<string, JsonSchema>;

  const requiredOf = (entries: v.ObjectEntries) => Object.keys(entries).filter((k) => entries[k]!.type !== 'optional').sort();
  const pipeOf = (schema: v.GenericSchema): { type: string; requirement?: unknown }[] => {
    const inner = (schema as { wrapped?: v.GenericSchema }).wrapped ?? schema;
    return ((inner as { pipe?: { type: string; requirement?: unknown }[] }).pipe ?? []).slice(1);
  };

  it('has the same fields and required fields', () => {
    assert.deepEqual(Object.keys(props).sort(), Object.keys(DeckFileSchema.entries).sort());
    assert.deepEqual([...(jsonSchema['required'] as string[])].sort(), requiredOf(DeckFileSchema.entries));
    assert.deepEqual(Object.keys(promptProps).sort(), Object.keys(PromptSchema.entries).sort());
    const itemsRequired = (props['prompts']!['items'] as JsonSchema)['required'] as string[];
    assert.deepEqual([...itemsRequired].sort(), requiredOf(PromptSchema.entries));
  });

  it('has the same limits, patterns and depth enum', () => {
    const check = (name: string, schema: v.GenericSchema, json: JsonSchema) => {
      for (const step of pipeOf(schema)) {
        if (step.type === 'max_length') assert.equal(json['maxLength'] ?? json['maxItems'], step.requirement, `${name} max`);
        if (step.type === 'min_length') assert.equal(json['minItems'], step.requirement, `${name} min`);
        if (step.type === 'regex') assert.equal(json['pattern'], (step.requirement as RegExp).source, `${name} pattern`);
      }
    };
    for (const [key, schema] of Object.entries(DeckFileSchema.entries)) check(key, schema as v.GenericSchema, props[key]!);
    for (const [key, schema] of Object.entries(PromptSchema.entries)) check(`prompt.${key}`, schema as v.GenericSchema, promptProps[key]!);
    assert.deepEqual(promptProps['depth']!['enum'], [...PromptSchema.entries.depth.options]);
  });

  const badDecks: [string, (d: Record<string, unknown>) => void][] = [
    ['missing name', (d) => delete d['name']],
    ['missing prompts', (d) => delete d['prompts']],
    ['empty prompts', (d) => (d['prompts'] = [])],
    ['bad deck id', (d) => (d['id'] = 'Team Health!')],
    ['blank name', (d) => (d['name'] = '   ')],
    ['unknown field', (d) => (d['colour'] = 'red')],
    ['depth 5', (d) => ((d['prompts'] as Record<string, unknown>[])[1]!['depth'] = 5)],
    ['depth as string', (d) => ((d['prompts'] as Record<string, unknown>[])[0]!['depth'] = '2')],
    ['prompt without topic', (d) => delete (d['prompts'] as Record<string, unknown>[])[0]!['topic']],
    ['text too long', (d) => ((d['prompts'] as Record<string, unknown>[])[0]!['text'] = 'x'.repeat(501))],
    ['too many columns', (d) => (d['columns'] = Array.from({ length: 9 }, (_, i) => `c${i}`))],
    ['not an object', (d) => Object.setPrototypeOf(d, Array.prototype)],
  ];
  for (const [name, mutate] of badDecks) {
    it(`both reject: ${name}`, () => {
      const deck: Record<string, unknown> = goodDeck();
      mutate(deck);
      const value = name === 'not an object' ? [] : deck;
      assert.equal(parseDeck(JSON.stringify(value), 'bad.json').ok, false, 'valibot');
      assert.notDeepEqual(jsonSchemaErrors(jsonSchema, value), [], 'JSON Schema');
    });
  }

  it('both accept the optional fields', () => {
    const deck = { ...goodDeck(), description: 'd', columns: ['Start', 'Stop'], $schema: 'x' };
    assert.ok(parseDeck(JSON.stringify(deck), 'ok.json').ok);
    assert.deepEqual(jsonSchemaErrors(jsonSchema, deck), []);
  });
});

describe('parseDeck errors', () => {
  const errorsOf = (text: string) => {
    const r = parseDeck(text, '.reciprocity/decks/team.json');
    assert.equal(r.ok, false);
    return r.ok ? [] : r.errors;
  };

  it('names the file, the field path and the reason', () => {
    const deck = goodDeck() as Record<string, unknown>;
    (deck['prompts'] as Record<string, unknown>[])[1]!['depth'] = 7;
    delete (deck['prompts'] as Record<string, unknown>[])[0]!['text'];
    const errors = errorsOf(JSON.stringify(deck));
    assert.deepEqual(
      errors.map((e) => [e.file, e.path]),
      [
        ['.reciprocity/decks/team.json', 'prompts[0].text'],
        ['.reciprocity/decks/team.json', 'prompts[1].depth'],
      ],
    );
    assert.equal(errors[0]!.message, 'is required');
    assert.match(errors[1]!.message, /1, 2, 3 or 4/);
  });

  it('reports a missing top-level field and an unknown one', () => {
    const { name: _n, ...rest } = goodDeck();
    const errors = errorsOf(JSON.stringify({ ...rest, promts: [] }));
    assert.ok(errors.some((e) => e.path === 'name' && e.message === 'is required'));
    assert.ok(errors.some((e) => e.path === 'promts' && /unknown field/.test(e.message)));
  });

  it('gives the line and column of a JSON syntax error', () => {
    const errors = errorsOf('{\n  "id": "x",\n  "name": "y"\n  "prompts": []\n}');
    assert.equal(errors.length, 1);
    assert.match(errors[0]!.message, /line 4, column 3/);
  });

  it('rejects duplicate prompt ids with both positions', () => {
    const deck = goodDeck();
    deck.prompts[1]!.id = 'a';
    const errors = errorsOf(JSON.stringify(deck));
    assert.deepEqual(errors[0], {
      file: '.reciprocity/decks/team.json',
      path: 'prompts[1].id',
      message: 'duplicate prompt id "a" (also used by prompts[0])',
      check: { key: 'duplicateId', id: 'a', first: 0 },
    });
  });

  it('records the source on a good deck and drops $schema', () => {
    const r = parseDeck(JSON.stringify({ $schema: 'x', ...goodDeck() }), 'decks/team.json');
    assert.ok(r.ok);
    if (r.ok) {
      assert.equal(r.deck.source, 'decks/team.json');
      assert.equal('$schema' in r.deck, false);
    }
  });
});

describe('pickPrompt', () => {
  const deck = defaultDeck();
  const atDepth = (d: 1 | 2) => deck.prompts.filter((p) => p.depth === d).map((p) => p.id);

  it('picks a fresh prompt at the asked depth', () => {
    const p = pickPrompt(deck, 2, { shownInSession: [], recentlyUsed: [] });
    assert.equal(p?.depth, 2);
    assert.equal(p?.id, atDepth(2)[0]);
  });

  it('avoids prompts shown in this session and in recent retros', () => {
    const ids = atDepth(1);
    const p = pickPrompt(deck, 1, { shownInSession: [ids[0]!], recentlyUsed: [ids[1]!, ids[2]!] });
    assert.equal(p?.id, ids[3]);
  });

  it('falls back to the least recently used when all were used', () => {
    const ids = atDepth(1);
    const recent = [...ids].reverse(); // ids[last] is oldest
    assert.equal(pickPrompt(deck, 1, { shownInSession: [], recentlyUsed: recent })?.id, ids[ids.length - 1]);
    // Anything from this session counts as more recent than any past retro.
    assert.equal(pickPrompt(deck, 1, { shownInSession: [ids[ids.length - 1]!], recentlyUsed: recent })?.id, ids[ids.length - 2]);
  });

  it('returns null for a depth the deck has no prompts at, and can pick at random among fresh ones', () => {
    const tiny: Deck = { id: 't', name: 't', prompts: [{ id: 'x', depth: 1, topic: 't', text: 't' }] };
    assert.equal(pickPrompt(tiny, 3, { shownInSession: [], recentlyUsed: [] }), null);
    const p = pickPrompt(deck, 1, { shownInSession: [], recentlyUsed: [], random: () => 0.999 });
    assert.equal(p?.id, atDepth(1)[atDepth(1).length - 1]);
    assert.equal(promptsLeftAtDepth(deck, 1, [atDepth(1)[0]!]), atDepth(1).length - 1);
  });
});
