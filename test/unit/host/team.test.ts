import { strict as assert } from 'node:assert';
import * as v from 'valibot';
import { defaultDeck } from '../../../src/domain/decks/builtin';
import { sequentialIds, steppingClock } from '../../../src/domain/ids';
import { analyseLog } from '../../../src/domain/replica';
import { decide, startSession } from '../../../src/domain/retro';
import { replay } from '../../../src/domain/session';
import type { SessionEvent } from '../../../src/domain/types';
import { buildRetroView } from '../../../src/host/retroView';
import { encodeJoinCode, joinLink, keepJoinCodeCurrent, parseJoinCode, serverLabel } from '../../../src/host/team/joinCode';
import { describeWaiting, memberMayRequest, memberOnlyView } from '../../../src/host/team/teamView';
import { RetroViewSchema, type Intent } from '../../../src/protocol';

const TOKEN = 'A'.repeat(43);

describe('team join codes', () => {
  const info = { urls: ['ws://127.0.0.1:4123'], retro: 'retro-1', token: TOKEN, title: 'Sprint 12' };

  it('round-trips through the code and through the vscode:// link', () => {
    const code = encodeJoinCode(info);
    assert.match(code, /^rcp1\.[A-Za-z0-9_-]+$/);
    assert.deepEqual(parseJoinCode(code), { ok: true, value: info });
    const link = joinLink('vscode', 'reciprocity.reciprocity', code);
    assert.equal(link, `vscode://reciprocity.reciprocity/join?code=${code}`);
    assert.deepEqual(parseJoinCode(`  ${link}\n`), { ok: true, value: info });
  });

  it('follows a rename: the code shared after it carries the new title, and the record is told once', () => {
    let title = 'Sprint 12';
    const listeners: (() => void)[] = [];
    const shared: { code: string; link: string }[] = [];
    const retitled: string[] = [];
    const retro = {
      get state() {
        return { title };
      },
      onDidChange: (l: () => void) => {
        listeners.push(l);
        return { dispose: () => listeners.splice(listeners.indexOf(l), 1) };
      },
      shareJoin: (join: { code: string; link: string }) => {
        shared.push(join);
        listeners.forEach((l) => l()); // the real one fires a change, as here
      },
    };
    const sub = keepJoinCodeCurrent(retro, info, (code) => joinLink('vscode', 'reciprocity.reciprocity', code), (t) => retitled.push(t));
    const titleOf = (code: string) => {
      const parsed = parseJoinCode(code);
      assert.ok(parsed.ok);
      return parsed.value.title;
    };
    assert.equal(shared.length, 1);
    assert.equal(titleOf(shared[0].code), 'Sprint 12');
    listeners.forEach((l) => l()); // a change that is not a rename shares nothing new
    assert.equal(shared.length, 1);
    title = 'Sprint 12 — the rough one';
    listeners.forEach((l) => l());
    assert.equal(shared.length, 2);
    assert.equal(titleOf(shared[1].code), 'Sprint 12 — the rough one');
    assert.equal(titleOf(decodeURIComponent(shared[1].link.split('code=')[1])), 'Sprint 12 — the rough one');
    assert.deepEqual(retitled, ['Sprint 12 — the rough one']);
    // Before the log has loaded the title reads empty: that is not a rename.
    title = '';
    listeners.forEach((l) => l());
    assert.equal(shared.length, 2);
    sub.dispose();
    title = 'After';
    listeners.forEach((l) => l());
    assert.equal(shared.length, 2);
  });

  it('refuses what is not a join code, with a reason and without throwing', () => {
    const bad = (input: string, reason: RegExp) => {
      const r = parseJoinCode(input);
      assert.equal(r.ok, false, input);
      if (!r.ok) assert.match(r.error, reason);
    };
    bad('', /Paste the join code/);
    bad('hello', /not a Reciprocity join code/);
    bad('rcp1.%%%', /damaged/);
    bad('rcp1.' + Buffer.from('{not json').toString('base64url'), /damaged or cut short/);
    bad('rcp1.' + 'A'.repeat(3000), /too long/);
    const evil = (patch: object) => 'rcp1.' + Buffer.from(JSON.stringify({ u: info.urls, r: info.retro, t: info.token, n: 'x', ...patch })).toString('base64url');
    bad(evil({ u: ['http://127.0.0.1:1'] }), /ws:\/\/ or wss:\/\//);
    bad(evil({ u: ['ws://user:pw@127.0.0.1:1'] }), /ws:\/\/ or wss:\/\//);
    bad(evil({ u: [] }), /u/);
    bad(evil({ r: '../../etc/passwd' }), /r/);
    bad(evil({ t: 'short' }), /t/);
    bad(evil({ extra: 1 }), /extra/);
  });

  it('labels a server by host and port', () => {
    assert.equal(serverLabel('wss://retro.example.com:4444/x'), 'retro.example.com:4444');
    assert.equal(serverLabel('ws://[::1]:80'), '[::1]');
  });
});

function retro() {
  const newId = sequentialIds('t');
  const clock = steppingClock();
  const events: SessionEvent[] = startSession({
    title: 'Sprint 12', teamId: 'team', members: ['Ada', 'Grace', 'Linus'], deck: defaultDeck(),
    settings: { turnSoftCapSeconds: 90, maxTextLength: 2000 }, now: clock(), newId, recentPromptIds: [],
  });
  const act = (intent: Intent, actor?: string) => {
    const state = replay(events);
    const d = decide(state, intent, { actor: actor ?? state.facilitatorId!, now: clock(), newId, gate: () => analyseLog(events).balance.gate, recentPromptIds: [] });
    if (!d.ok) throw new Error(d.error);
    events.push(...d.events);
  };
  return { events, act, state: () => replay(events) };
}

describe("a member's view in team mode", () => {
  it("holds the member's own numbers and nobody else's", () => {
    const r = retro();
    const [ada, grace] = r.state().members;
    r.act({ kind: 'contribute', memberId: ada!.id, text: 'one two three four', pass: false }, ada!.id);
    r.act({ kind: 'contribute', memberId: grace!.id, text: 'five six', pass: false }, grace!.id);
    r.act({ kind: 'contribute', memberId: grace!.id, text: '', pass: true }, grace!.id);
    const full = buildRetroView(r.state(), analyseLog(r.events).balance, { readOnly: false, dismissedNudges: new Set(), suggestedNext: null });
    const mine = memberOnlyView(full, grace!.id);
    assert.ok(v.safeParse(RetroViewSchema, mine).success, 'still a valid snapshot');
    const me = mine.members.find((m) => m.id === grace!.id)!;
    // Grace: two turns (an answer of 2 words and a pass), counted by hand.
    assert.equal(me.words, 2);
    assert.equal(me.passes, 1);
    for (const other of mine.members.filter((m) => m.id !== grace!.id)) {
      assert.deepEqual([other.turns, other.words, other.passes, other.share, other.deepest, other.flag, other.answeredAtDepth], [0, 0, 0, 0, 0, null, false], other.name);
    }
    // The full view did know Ada's words: the member's view dropped them.
    assert.equal(full.members.find((m) => m.id === ada!.id)!.words, 4);
    assert.ok(mine.contributions.filter((c) => c.memberId !== grace!.id).every((c) => c.words === 0 && c.seconds === undefined));
    assert.deepEqual(mine.nudges, []);
    assert.equal(mine.balance.sampleReady, false);
    assert.deepEqual(mine.viewer, { role: 'member', memberId: grace!.id });
  });

  it("a member's first snapshot: the newest rows, their own numbers, and how many are left out", () => {
    const r = retro();
    const [ada, grace] = r.state().members;
    for (let i = 0; i < 30; i++) {
      const who = i % 2 === 0 ? ada! : grace!;
      r.act({ kind: 'contribute', memberId: who.id, text: `answer ${i} said`, pass: false }, who.id);
    }
    const balance = analyseLog(r.events).balance;
    const whole = memberOnlyView(buildRetroView(r.state(), balance, { readOnly: false, dismissedNudges: new Set(), suggestedNext: null, now: 0 }), grace!.id);
    const first = memberOnlyView(buildRetroView(r.state(), balance, { readOnly: false, dismissedNudges: new Set(), suggestedNext: null, now: 0, newestContributions: 20 }), grace!.id);
    assert.ok(v.safeParse(RetroViewSchema, first).success, 'still a valid snapshot');
    assert.equal(first.omittedContributions, 10, '30 said, 20 carried');
    assert.deepEqual(first.contributions, whole.contributions.slice(-20), "the newest, with others' words dropped as in the whole view");
    assert.deepEqual(first.members, whole.members, "Grace's numbers count all 15 of her answers");
    assert.equal(first.members.find((m) => m.id === grace!.id)!.turns, 15);
  });

  it('lets a member ask only for things about themselves', () => {
    const me = 'm1';
    assert.equal(memberMayRequest({ kind: 'contribute', memberId: me, text: 'x', pass: false }, me), true);
    assert.equal(memberMayRequest({ kind: 'contribute', memberId: 'm2', text: 'x', pass: false }, me), false);
    assert.equal(memberMayRequest({ kind: 'vote', memberId: me, noteId: 'n', retract: false }, me), true);
    assert.equal(memberMayRequest({ kind: 'addNote', text: 'x', column: 'c', memberId: null }, me), false);
    assert.equal(memberMayRequest({ kind: 'stage', move: 'deeper' }, me), false);
    assert.equal(memberMayRequest({ kind: 'endRetro' }, me), false);
    assert.equal(memberMayRequest({ kind: 'startTurn', memberId: me }, me), false);
  });

  it('describes what waits to be sent', () => {
    assert.deepEqual(describeWaiting({ kind: 'contribute', memberId: 'm', text: 'hello', pass: false }), { kind: 'Answer', text: 'hello' });
    assert.deepEqual(describeWaiting({ kind: 'contribute', memberId: 'm', text: '', pass: true }), { kind: 'Pass', text: '' });
    assert.deepEqual(describeWaiting({ kind: 'vote', memberId: 'm', noteId: 'n', retract: true }), { kind: 'Vote taken back', text: '' });
  });
});
