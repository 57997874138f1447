import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultDeck } from '../../../src/domain/decks/builtin';
import { sequentialIds } from '../../../src/domain/ids';
import {
  MIGRATIONS,
  parseSessionEvent,
  parseSessionFile,
  serializeSession,
  SESSION_FORMAT_VERSION,
  sessionFileFromEvents,
  v1ToV2,
} from '../../../src/domain/persistence';
import { decide, startSession } from '../../../src/domain/retro';
import { applyEvent, replay } from '../../../src/domain/session';
import { gateFromState } from '../../../src/domain/stages';
import type { SessionEvent, SessionFile } from '../../../src/domain/types';

function sampleLog(): SessionEvent[] {
  const newId = sequentialIds('e');
  const open = startSession({
    title: 'Sprint <img src=x onerror=alert(1)>',
    teamId: 'core',
    members: ['Ada 🦊', 'נועה', 'Bo'],
    deck: defaultDeck(),
    settings: { turnSoftCapSeconds: 90, maxTextLength: 4000 },
    now: 1_700_000_000_000,
    newId,
    recentPromptIds: [],
  });
  let s = replay(open);
  const log = [...open];
  const ctx = { actor: s.facilitatorId!, now: 1_700_000_100_000, newId, gate: (st: typeof s) => gateFromState(st), recentPromptIds: [] };
  for (const intent of [
    { kind: 'contribute', memberId: s.members[0]!.id, text: 'Tired 😴 but "happy"\n</script>', pass: false, seconds: 12 },
    { kind: 'contribute', memberId: s.members[1]!.id, text: '', pass: true },
    { kind: 'stage', move: 'deeper' },
    { kind: 'addAction', text: 'Fix CI', ownerId: s.members[2]!.id },
  ] as const) {
    const d = decide(s, intent, ctx);
    assert.ok(d.ok);
    if (d.ok) {
      log.push(...d.events);
      s = d.events.reduce(applyEvent, s);
    }
  }
  return log;
}

describe('session files', () => {
  it('round-trips: serialize, parse, replay to the same state', () => {
    const log = sampleLog();
    const file = sessionFileFromEvents(log);
    const text = serializeSession(file);
    assert.ok(text.endsWith('}\n'));
    assert.ok(text.startsWith('{\n  "v": 2,\n  "kind": "reciprocity-session",'));
    const back = parseSessionFile(text, 's.json');
    assert.ok(back.ok, back.ok ? '' : back.message);
    if (!back.ok) return;
    assert.equal(back.migrated, false);
    assert.deepEqual(back.file, file);
    assert.deepEqual(replay(back.file.events), replay(log));
  });

  it('writes the same bytes for the same data whatever the key order', () => {
    const file = sessionFileFromEvents(sampleLog());
    const shuffled = JSON.parse(JSON.stringify(file), (_k, v: unknown) =>
      v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v,
    ) as SessionFile;
    assert.equal(serializeSession(shuffled), serializeSession(file));
  });

  it('takes its header from session.created and needs one', () => {
    const file = sessionFileFromEvents(sampleLog());
    assert.equal(file.v, SESSION_FORMAT_VERSION);
    assert.equal(file.title, 'Sprint <img src=x onerror=alert(1)>');
    assert.equal(file.createdAt, 1_700_000_000_000);
    assert.throws(() => sessionFileFromEvents([]), /session.created/);
  });

  it('gives a clear syntax error for a truncated file', () => {
    const text = serializeSession(sessionFileFromEvents(sampleLog()));
    const r = parseSessionFile(text.slice(0, Math.floor(text.length * 0.6)), 'cut.json');
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.equal(r.kind, 'syntax');
      assert.match(r.message, /^cut\.json is not valid JSON: .*truncated.* at line \d+, column \d+/);
    }
  });

  it('names the bad event and field for a corrupt event', () => {
    const file = sessionFileFromEvents(sampleLog());
    const raw = JSON.parse(serializeSession(file)) as { events: Record<string, unknown>[] };
    // A type that is not a string at all (an unknown string type is a newer version's event, kept: storageRobustness.test.ts).
    raw.events[5]!['type'] = 42;
    let r = parseSessionFile(JSON.stringify(raw), 'bad.json');
    assert.deepEqual(r, {
      ok: false,
      kind: 'schema',
      message: 'bad.json: events[5].type: unknown event type 42',
      problem: { key: 'invalid', file: 'bad.json', path: 'events[5].type', detail: { kind: 'unknownEvent', type: '42' } },
    });
    const raw2 = JSON.parse(serializeSession(file)) as { events: Record<string, unknown>[] };
    const i = raw2.events.findIndex((e) => e['type'] === 'contribution.added');
    raw2.events[i]!['depth'] = 9;
    r = parseSessionFile(JSON.stringify(raw2), 'bad.json');
    assert.ok(!r.ok && r.kind === 'schema' && r.message.startsWith(`bad.json: events[${i}].depth:`), JSON.stringify(r));
    r = parseSessionFile('[1,2]', 'arr.json');
    assert.ok(!r.ok && r.kind === 'schema');
    r = parseSessionFile('{"v":1,"kind":"something-else"}', 'other.json');
    assert.ok(!r.ok && r.kind === 'schema' && /kind/.test(r.message));
  });

  it('refuses a file from a newer version, never downgrading it', () => {
    const file = { ...sessionFileFromEvents(sampleLog()), v: SESSION_FORMAT_VERSION + 1 };
    const r = parseSessionFile(JSON.stringify(file), 'future.json');
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.equal(r.kind, 'version');
      assert.match(r.message, /newer version of Reciprocity \(format v3; this version reads up to v2\)/);
    }
    const odd = parseSessionFile(JSON.stringify({ ...file, v: 'one' }), 'odd.json');
    assert.ok(!odd.ok && odd.kind === 'schema');
  });

  it('migrates a v0 file (no kind, no teamId, events without ids)', () => {
    const log = sampleLog();
    const legacy = {
      id: 'old',
      title: 'Old retro',
      createdAt: 5,
      events: log.map(({ id: _id, ...rest }) => rest),
    };
    const r = parseSessionFile(JSON.stringify(legacy), 'old.json');
    assert.ok(r.ok, r.ok ? '' : r.message);
    if (!r.ok) return;
    assert.equal(r.migrated, true);
    assert.equal(r.file.kind, 'reciprocity-session');
    assert.equal(r.file.teamId, 'default');
    assert.equal(r.file.events[0]!.id, 'old-legacy-0');
    assert.equal(replay(r.file.events).contributions.length, replay(log).contributions.length);
    assert.equal(typeof MIGRATIONS[0], 'function');
    // Migration is deterministic: ids stay the same on every load.
    const again = parseSessionFile(JSON.stringify(legacy), 'old.json');
    assert.ok(again.ok);
    if (again.ok) assert.deepEqual(again.file, r.file);
  });

  it('validates single events from untrusted sources', () => {
    assert.ok(parseSessionEvent({ id: 'x', at: 1, actor: 'f', type: 'turn.ended' }).ok);
    const bad = parseSessionEvent({ id: '', at: 1, actor: 'f', type: 'turn.ended' });
    assert.ok(!bad.ok && bad.error.startsWith('id:'));
    const anonymous = parseSessionEvent({ id: 'x', at: 1, type: 'turn.ended' });
    assert.ok(!anonymous.ok && anonymous.error.startsWith('actor:'), 'every v2 event names its actor');
    const extra = parseSessionEvent({ id: 'x', at: 1, actor: 'f', type: 'turn.ended', futureField: 1 });
    assert.ok(extra.ok && (extra.event as unknown as Record<string, unknown>)['futureField'] === 1, 'unknown fields are kept');
  });
});

describe('session files written by 0.1.0 (format v1)', () => {
  const dir = join(__dirname, '../../fixtures/sessions');
  const text = readFileSync(join(dir, 'v1-0.1.0.json'), 'utf8');
  // What the 0.1.0 reducer derived from this file, recorded before the v2 format existed.
  const expected = JSON.parse(readFileSync(join(dir, 'v1-0.1.0.expected.json'), 'utf8')) as Record<string, unknown> & {
    members: { name: string; present: boolean; joinedLate: boolean }[];
    contributions: { id: string; member: string; phase: string; depth: number; pass: boolean; words: number; seconds: number | null }[];
    stageMoves: { from: number; to: number; kind: string; override: boolean }[];
  };

  it('load, migrate, and replay to what 0.1.0 showed', () => {
    const r = parseSessionFile(text, 'v1-0.1.0.json');
    assert.ok(r.ok, r.ok ? '' : r.message);
    if (!r.ok) return;
    assert.equal(r.migrated, true);
    assert.equal(r.file.v, SESSION_FORMAT_VERSION);
    const s = replay(r.file.events);
    assert.deepEqual(s.rejected, [], 'a migrated log breaks no rule');
    const name = (id: string) => s.members.find((m) => m.id === id)?.name;
    assert.equal(s.phase, expected['phase']);
    assert.equal(s.depth, expected['depth']);
    assert.equal(s.endedAt, expected['endedAt']);
    assert.deepEqual(s.members.map((m) => ({ name: m.name, present: m.present, joinedLate: m.joinedLate })), expected.members);
    assert.equal(name(s.facilitatorId!), expected['facilitator']);
    assert.deepEqual(
      s.contributions.map((c) => ({ id: c.id, member: name(c.memberId), phase: c.phase, depth: c.depth, pass: c.pass, words: c.words, seconds: c.seconds ?? null })),
      expected.contributions,
    );
    assert.deepEqual(s.stageMoves.map((m) => ({ from: m.from, to: m.to, kind: m.kind, override: m.override })), expected.stageMoves);
    assert.deepEqual(s.skippedPhases, expected['skippedPhases']);
    assert.equal(s.votes.length, (expected['votes'] as unknown[]).length);
    assert.equal(s.actions.length, (expected['actions'] as unknown[]).length);
    assert.equal(s.checkouts.length, (expected['checkouts'] as unknown[]).length);
  });

  it('v1ToV2 is pure: it leaves its input alone and gives the same output twice', () => {
    const raw = JSON.parse(text) as Record<string, unknown>;
    const frozen = JSON.stringify(raw);
    const a = v1ToV2(raw);
    assert.equal(JSON.stringify(raw), frozen);
    assert.deepEqual(v1ToV2(JSON.parse(text) as Record<string, unknown>), a);
    assert.equal(a['v'], 2);
  });

  it('v1ToV2 fills each derived fact from the v1 order', () => {
    const at = (type: string, extra: Record<string, unknown> = {}) => ({ id: `${type}-${Math.random()}`, at: 1, type, ...extra });
    const out = v1ToV2({
      id: 'f',
      events: [
        at('session.created'),
        at('member.added', { memberId: 'a', name: 'A' }),
        at('facilitator.set', { memberId: null }),
        at('contribution.added', { memberId: 'a', depth: 1, pass: false }),
        at('member.added', { memberId: 'b', name: 'B' }),
        at('phase.changed', { phase: 'gather', skipped: [] }),
        at('stage.moved', { to: 2 }),
        at('contribution.added', { memberId: 'b', depth: 2, pass: false }),
        at('facilitator.set', { memberId: 'b' }),
        at('session.ended'),
        'not an event',
      ],
    })['events'] as Record<string, unknown>[];
    assert.deepEqual(out.map((e) => e['type'] ?? e), ['session.created', 'member.added', 'contribution.added', 'member.added', 'phase.changed', 'stage.moved', 'contribution.added', 'facilitator.set', 'session.ended', 'not an event']);
    assert.deepEqual(out.map((e) => e['actor']), ['f-facilitator', 'f-facilitator', 'f-facilitator', 'f-facilitator', 'f-facilitator', 'f-facilitator', 'f-facilitator', 'f-facilitator', 'b', undefined]);
    assert.deepEqual([out[1]!['joinedLate'], out[3]!['joinedLate']], [false, true]);
    assert.deepEqual([out[2]!['phase'], out[6]!['phase']], ['check-in', 'gather']);
    assert.deepEqual([out[4]!['from'], out[5]!['from']], ['check-in', 1]);
  });
});
