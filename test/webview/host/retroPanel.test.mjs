// RetroPanel + RetroController + SessionStore against the stub `vscode` module, with a real
// session built by the domain code and saved to a temp dir. Bundled with esbuild in one
// entry (so every module shares one copy of the domain code); the stub stays external, so
// the test drives the same `vscode` objects the host code sees.
import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleHost } from './bundleHost.mjs';
import * as vscode from '../summary/vscodeStub.mjs';

const EXT = vscode.Uri.file('/ext');
const XSS = '<img src=x onerror=alert(1)>';
const REASON = 'This retro is open for editing in a VS Code window on ada-laptop. You are seeing it read-only.';
const tick = () => new Promise((r) => setTimeout(r, 0));

async function waitFor(what, predicate, ms = 5000) {
  const until = Date.now() + ms;
  for (;;) {
    const value = predicate();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

function bundle() {
  return bundleHost('retro-host', [
        "export { RetroPanel } from './src/host/retroPanel';",
        "export { RetroController } from './src/host/retroController';",
        "export { SessionStore } from './src/host/sessionStore';",
        "export { SessionLock } from './src/host/sessionLock';",
        "export { startSession } from './src/domain/retro';",
        "export { replay } from './src/domain/session';",
        "export { sessionFileFromEvents, parseSessionFile } from './src/domain/persistence';",
        "export { defaultDeck } from './src/domain/decks/builtin';",
        "export { parseHostMessage, MAX_TEXT } from './src/protocol';",
  ]);
}

describe('retro host: RetroPanel and RetroController', function () {
  this.timeout(20_000);
  let mod;
  let H;
  let dir; // session folder for the current test
  let store;
  let open; // { lock, controller, panel } to clean up after each test

  let SAVE_RETRY_MS;
  before(async () => {
    mod = await bundle();
    H = mod.host;
    SAVE_RETRY_MS = H.RetroController.saveRetryMs;
  });
  after(() => rmSync(mod.dir, { recursive: true, force: true }));

  const quiet = ['log', 'warn', 'error'].map((k) => [k, console[k]]);
  beforeEach(() => {
    vscode.reset();
    for (const [k] of quiet) console[k] = () => {};
    dir = mkdtempSync(path.join(os.tmpdir(), 'retro-sessions-'));
    store = new H.SessionStore(() => dir);
    open = [];
  });
  afterEach(async () => {
    H.RetroController.saveRetryMs = SAVE_RETRY_MS;
    for (const o of open) {
      o.panel?.dispose();
      o.controller?.dispose();
      await o.lock?.release();
    }
    vscode.calls.panels.forEach((p) => p.dispose());
    await tick();
    for (const [k, fn] of quiet) console[k] = fn;
    rmSync(dir, { recursive: true, force: true });
  });

  /** A started retro (Ada, Bo; default deck), saved to disk as the extension would. */
  async function savedSession(names = ['Ada', 'Bo']) {
    const events = H.startSession({
      title: 'Sprint 18',
      teamId: 'core',
      members: names,
      deck: H.defaultDeck(),
      settings: { turnSoftCapSeconds: 90, maxTextLength: 2000 },
      now: Date.now(),
      newId: () => globalThis.crypto.randomUUID(),
      recentPromptIds: [],
    });
    const file = await store.save(H.sessionFileFromEvents(events));
    const members = Object.fromEntries(events.filter((e) => e.type === 'member.added').map((e) => [e.name, e.memberId]));
    return { file, members, path: store.pathFor(file.id) };
  }

  /** Opens a panel on a writable controller holding a real lock, or a read-only one. */
  async function openRetro({ readOnly = false, reason, names } = {}) {
    const s = await savedSession(names);
    let lock = null;
    if (!readOnly) {
      const got = await H.SessionLock.acquire(s.path, 'test-window');
      assert.equal(got.acquired, true);
      lock = got.lock;
    }
    const controller = new H.RetroController(s.file, store, {}, [], lock, reason);
    const summaries = [];
    const panel = H.RetroPanel.create(EXT, controller, { openSummary: (id) => summaries.push(id) });
    open.push({ lock, controller, panel });
    const fake = vscode.calls.panels.at(-1);
    return { ...s, lock, controller, panel, fake, summaries };
  }

  const onDisk = (p) => JSON.parse(readFileSync(p, 'utf8'));
  const snapshots = (fake) => fake.posted.filter((m) => m.type === 'snapshot');
  const intent = (requestId, i) => ({ type: 'intent', requestId, intent: i });
  function assertValidHostMessage(m) {
    const r = H.parseHostMessage(m);
    assert.equal(r.ok, true, `host message fails the protocol: ${r.ok ? '' : r.error}`);
  }

  it('opens a retro webview with a strict CSP page', async () => {
    const { fake } = await openRetro();
    assert.equal(fake.viewType, 'reciprocity.retro');
    // The title and the time it started: two retros on one day differ.
    assert.match(fake.title, /^Retro: Sprint 18 · \d{2}:\d{2}$/);
    assert.equal(fake.webview.options.enableScripts, true);
    assert.deepEqual(fake.webview.options.localResourceRoots.map((u) => u.path), ['/ext/dist', '/ext/media']);
    assert.match(fake.webview.html, /default-src 'none'; script-src 'nonce-[A-Za-z0-9]+'/);
    assert.match(fake.webview.html, /src="https:\/\/fake\.vscode-cdn\.net\/ext\/dist\/webview\.js"/);
  });

  it('sends nothing before ready, then one valid snapshot of the latest state', async () => {
    const { controller, fake, members } = await openRetro();
    await tick();
    assert.deepEqual(fake.posted, [], 'nothing before ready');
    // Two changes while the webview is loading: only the latest state matters.
    assert.equal((await controller.handle({ kind: 'startTurn', memberId: members.Ada })).ok, true);
    assert.equal((await controller.handle({ kind: 'startTurn', memberId: members.Bo })).ok, true);
    await tick();
    assert.deepEqual(fake.posted, [], 'still nothing before ready');

    fake.receive({ type: 'ready' });
    await tick();
    // One snapshot, and the heartbeat that arms the webview's watch for a lost host at once.
    assert.deepEqual(fake.posted.map((m) => m.type), ['snapshot', 'alive'], 'exactly one snapshot after ready, then a heartbeat');
    const [snap] = fake.posted;
    assert.equal(snap.type, 'snapshot');
    assertValidHostMessage(snap);
    assert.equal(snap.view.sessionId, controller.id);
    assert.equal(snap.view.readOnly, false);
    assert.equal(snap.view.turn.memberId, members.Bo, 'the snapshot reflects the latest change');
    assert.deepEqual(snap.view.members.map((m) => m.name).sort(), ['Ada', 'Bo']);

    // Hidden: the webview is torn down, so nothing is sent until it says ready again.
    fake.setVisible(false);
    await controller.handle({ kind: 'startTurn', memberId: members.Ada });
    fake.setVisible(true);
    await tick();
    assert.equal(fake.posted.length, 2, 'nothing to a torn-down webview');
    fake.receive({ type: 'ready' });
    await tick();
    assert.deepEqual(fake.posted.slice(2).map((m) => m.type), ['snapshot', 'alive']);
    assertValidHostMessage(fake.posted[2]);
    assert.equal(fake.posted[2].view.turn.memberId, members.Ada);
  });

  it('delivers an ack queued before ready after the snapshot', async () => {
    const { fake, members, path: file, controller } = await openRetro();
    // The ack is queued once the controller has handled the intent, which can be well after the
    // save reaches the disk on a loaded machine (it then came after ready, and after the beat).
    const handle = controller.handle.bind(controller);
    const handled = new Promise((resolve) => {
      controller.handle = (...args) => handle(...args).finally(resolve);
    });
    fake.receive(intent(7, { kind: 'startTurn', memberId: members.Ada }));
    await waitFor('the save', () => onDisk(file).events.some((e) => e.type === 'turn.started'));
    await handled;
    await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(fake.posted, [], 'nothing before ready');
    fake.receive({ type: 'ready' });
    await tick();
    assert.deepEqual(
      fake.posted.map((m) => m.type),
      ['snapshot', 'ack', 'alive'],
    );
    assert.equal(fake.posted[0].view.turn.memberId, members.Ada);
    assert.deepEqual(fake.posted[1], { type: 'ack', requestId: 7 });
    fake.posted.forEach(assertValidHostMessage);
  });

  it('rejects malformed webview messages with an error naming the path, and writes nothing', async () => {
    const { controller, fake, members, path: file } = await openRetro();
    fake.receive({ type: 'ready' });
    await tick();
    const before = readFileSync(file, 'utf8');
    const logLength = controller.log.length;
    const sent = fake.posted.length;

    const contribute = { kind: 'contribute', memberId: members.Ada, text: 'hello', pass: false };
    const cases = [
      [{ type: 'shout', text: 'hi' }, /^Message rejected: type: /],
      [{ type: 'ready', extra: 1 }, /^Message rejected: extra: /],
      [intent(1, { ...contribute, extra: true }), /^Message rejected: intent\.extra: /],
      [intent(2, { ...contribute, kind: 'rewriteHistory' }), /^Message rejected: intent\.kind: /],
      [intent(3, { ...contribute, text: 'x'.repeat(H.MAX_TEXT * 2 + 1) }), /^Message rejected: intent\.text: /],
      [intent(4, { ...contribute, text: 'y'.repeat(5_000_000) }), /^Message rejected: intent\.text: /],
      [intent(-1, contribute), /^Message rejected: requestId: /],
      [intent(1.5, contribute), /^Message rejected: requestId: /],
      [intent('5', contribute), /^Message rejected: requestId: /],
      [intent(6, { ...contribute, pass: 'no' }), /^Message rejected: intent\.pass: /],
      [intent(7, { ...contribute, memberId: '' }), /^Message rejected: intent\.memberId: /],
      [{ type: 'log', level: 'info', message: 'z'.repeat(2001) }, /^Message rejected: message: /],
      [{ type: 'intent', requestId: 8 }, /^Message rejected: intent: /],
      [null, /^Message rejected: \(message\): /],
      [42, /^Message rejected: \(message\): /],
      ['ready', /^Message rejected: \(message\): /],
      [[{ type: 'ready' }], /^Message rejected: type: /],
      [undefined, /^Message rejected: \(message\): /],
    ];
    for (const [bad] of cases) fake.receive(bad);
    await new Promise((r) => setTimeout(r, 50));

    const replies = fake.posted.slice(sent);
    assert.equal(replies.length, cases.length, `one reply per message: ${JSON.stringify(replies.map((m) => m.message))}`);
    replies.forEach((m, i) => {
      assert.equal(m.type, 'error', `case ${i}`);
      assert.match(m.message, cases[i][1], `case ${i}: ${m.message}`);
      assert.ok(m.message.length < 1000, `case ${i}: the error does not echo a huge input back`);
      assertValidHostMessage(m);
    });
    assert.equal(readFileSync(file, 'utf8'), before, 'the session file is unchanged');
    assert.equal(controller.log.length, logLength, 'no events were made');
    assert.deepEqual(vscode.calls.errors, []);

    // Still alive: a valid message afterwards is served (a snapshot, then the heartbeat).
    fake.receive({ type: 'ready' });
    await tick();
    assert.deepEqual(fake.posted.slice(-2).map((m) => m.type), ['snapshot', 'alive']);
  });

  it('turns a valid contribute intent into an ack, a snapshot with the text verbatim, and an event on disk', async () => {
    const { fake, members, path: file } = await openRetro();
    fake.receive({ type: 'ready' });
    await tick();

    fake.receive(intent(1, { kind: 'startTurn', memberId: members.Ada }));
    await waitFor('ack 1', () => fake.posted.find((m) => m.type === 'ack' && m.requestId === 1));
    assert.equal(snapshots(fake).at(-1).view.turn.memberId, members.Ada);

    let diskAtAck;
    fake.receive(intent(2, { kind: 'contribute', memberId: members.Ada, text: XSS, pass: false }));
    await waitFor('ack 2', () => {
      const ack = fake.posted.find((m) => m.type === 'ack' && m.requestId === 2);
      if (ack) diskAtAck = onDisk(file); // read the moment the ack is seen
      return ack;
    });
    assert.equal(fake.posted.filter((m) => m.type === 'error').length, 0, JSON.stringify(fake.posted.filter((m) => m.type === 'error')));
    fake.posted.forEach(assertValidHostMessage);

    const snap = snapshots(fake).at(-1);
    const [c] = snap.view.contributions;
    assert.equal(snap.view.contributions.length, 1);
    assert.equal(c.text, XSS, 'text reaches the webview verbatim (escaping is the renderer’s job)');
    assert.equal(c.memberId, members.Ada);
    assert.equal(c.memberName, 'Ada');
    assert.equal(c.pass, false);
    assert.equal(snap.view.turn.memberId, null, 'contributing ends the turn');
    assert.equal(snap.view.members.find((m) => m.name === 'Ada').turns, 1);

    const added = diskAtAck.events.filter((e) => e.type === 'contribution.added');
    assert.equal(added.length, 1, 'the event is on disk when the ack is sent');
    assert.equal(added[0].text, XSS);
    assert.equal(added[0].memberId, members.Ada);
    assert.equal(added[0].contributionId, c.id);
    assert.equal(diskAtAck.events.at(-1).type, 'contribution.added', "Ada's answer ends her own turn: no separate turn.ended");
    assert.equal(added[0].actor, H.replay(diskAtAck.events).facilitatorId, 'recorded by the facilitator, on her behalf');
    assert.equal(H.parseSessionFile(readFileSync(file, 'utf8'), 'x.json').ok, true, 'the file still parses');
    assert.deepEqual(vscode.calls.errors, []);
  });

  it('Go deeper → override → Step back through the panel: one count everywhere, and the guard fires after the override', async () => {
    const { fake, members, path: file } = await openRetro({ names: ['Ada', 'Bo', 'Cy', 'Di', 'Ed'] });
    fake.receive({ type: 'ready' });
    let n = 0;
    const send = async (i) => {
      const requestId = ++n;
      fake.receive(intent(requestId, i));
      await waitFor(`ack ${requestId}`, () => fake.posted.find((m) => m.type === 'ack' && m.requestId === requestId));
      return snapshots(fake).at(-1).view;
    };
    const say = (name, text, pass = false) => send({ kind: 'contribute', memberId: members[name], text, pass });
    for (const name of ['Ada', 'Bo', 'Cy']) await say(name, 'fine');
    let view = await send({ kind: 'stage', move: 'deeper' });
    assert.equal(view.depth, 2);
    await say('Ada', 'the freeze surprised me');
    view = await say('Di', '', true);
    assert.equal(view.gate.open, false);
    view = await send({ kind: 'stage', move: 'deeper' }); // an override: 1 of 5 answered at 2
    assert.equal(view.depth, 3);
    view = await say('Bo', 'I felt stuck for days and did not ask for help');
    assert.deepEqual(view.nudges.map((x) => x.kind), ['hold-depth', 'slow-down'], 'Bo went two layers past what the group matched');
    assert.ok(!view.nudges.some((x) => /Bo/.test(x.text)), 'the one who disclosed is never named');
    view = await send({ kind: 'stage', move: 'back' });
    assert.equal(view.depth, 2);
    const ticks = view.members.filter((m) => m.answeredAtDepth).map((m) => m.name);
    assert.deepEqual(ticks, ['Ada', 'Bo']);
    assert.deepEqual(view.members.filter((m) => m.passedAtDepth).map((m) => m.name), ['Di']);
    assert.equal(view.gate.reciprocated, ticks.length, 'the Depth box and the Team header count the same people');
    assert.equal(view.gate.reason, '2 of 5 have answered at this depth (1 passed)');
    const moves = H.replay(onDisk(file).events).stageMoves;
    assert.deepEqual(moves.map((m) => [m.from, m.to, m.override]), [[1, 1, false], [1, 2, false], [2, 3, true], [3, 2, false]]);
    fake.posted.forEach(assertValidHostMessage);
  });

  it('a rename reaches the tab, the snapshot and the file header, and still works once the retro has ended', async () => {
    const { controller, fake, path: file } = await openRetro();
    fake.receive({ type: 'ready' });
    await controller.handle({ kind: 'endRetro' });
    const result = await controller.handle({ kind: 'renameRetro', title: 'Planning fallout' });
    assert.deepEqual(result, { ok: true });
    await waitFor('the renamed tab', () => /^Retro: Planning fallout · \d{2}:\d{2}$/.test(fake.title));
    await waitFor('a snapshot with the new title', () => snapshots(fake).at(-1)?.view.title === 'Planning fallout');
    const json = onDisk(file);
    assert.equal(json.title, 'Planning fallout');
    assert.equal(json.events.at(-1).type, 'session.renamed');
    assert.equal(H.replay(json.events).phase, 'ended');
  });

  it('answers an intent the domain refuses with an error for that request and writes nothing', async () => {
    const { controller, fake, path: file } = await openRetro();
    fake.receive({ type: 'ready' });
    await tick();
    const before = readFileSync(file, 'utf8');
    const sent = fake.posted.length;

    fake.receive(intent(9, { kind: 'contribute', memberId: 'nobody', text: 'hi', pass: false }));
    const err = await waitFor('error 9', () => fake.posted.find((m) => m.type === 'error'));
    await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(err, { type: 'error', requestId: 9, message: 'No member with id nobody' });
    assertValidHostMessage(err);
    assert.equal(fake.posted.length, sent + 1, 'no snapshot and no ack');
    assert.equal(readFileSync(file, 'utf8'), before, 'the session file is unchanged');
    assert.equal(controller.state.contributions.length, 0);
  });

  it('read-only: refuses every changing intent with the reason, and says so in the snapshot', async () => {
    const { controller, fake, members, path: file, summaries } = await openRetro({ readOnly: true, reason: REASON });
    assert.equal(controller.readOnly, true);
    assert.match(fake.title, /^Retro: Sprint 18 · \d{2}:\d{2} \(read-only\)$/);
    fake.receive({ type: 'ready' });
    await tick();
    const [snap] = fake.posted;
    assertValidHostMessage(snap);
    assert.equal(snap.view.readOnly, true);
    assert.equal(snap.view.readOnlyReason, REASON);
    const before = readFileSync(file, 'utf8');
    const sent = fake.posted.length;

    const changing = [
      { kind: 'contribute', memberId: members.Ada, text: 'hi', pass: false },
      { kind: 'removeContribution', contributionId: 'c1' },
      { kind: 'startTurn', memberId: members.Ada },
      { kind: 'nextSpeaker' },
      { kind: 'stage', move: 'deeper' },
      { kind: 'nextPrompt' },
      { kind: 'setPhase', phase: 'gather', skip: false },
      { kind: 'addMember', name: 'Cy' },
      { kind: 'setPresence', memberId: members.Bo, present: false },
      { kind: 'addNote', text: 'n', column: 'Ideas', memberId: null },
      { kind: 'groupNote', noteId: 'n1', groupId: null },
      { kind: 'vote', memberId: members.Ada, noteId: 'n1', retract: false },
      { kind: 'addAction', text: 'a', ownerId: null },
      { kind: 'updateAction', actionId: 'a1', done: true },
      { kind: 'removeAction', actionId: 'a1' },
      { kind: 'checkout', memberId: members.Ada, text: 'bye', roti: 4 },
      { kind: 'endRetro' },
    ];
    changing.forEach((i, n) => fake.receive(intent(100 + n, i)));
    await waitFor('all replies', () => fake.posted.length >= sent + changing.length);
    await new Promise((r) => setTimeout(r, 50));
    const replies = fake.posted.slice(sent);
    assert.equal(replies.length, changing.length, 'one reply each, no snapshots');
    replies.forEach((m, n) => {
      assert.deepEqual(m, { type: 'error', requestId: 100 + n, message: REASON }, changing[n].kind);
      assertValidHostMessage(m);
    });
    assert.equal(readFileSync(file, 'utf8'), before, 'the session file is unchanged');

    // Viewing is still allowed.
    fake.receive(intent(200, { kind: 'openSummary' }));
    fake.receive(intent(201, { kind: 'dismissNudge', nudgeId: 'quiet-x' }));
    await waitFor('acks', () => fake.posted.filter((m) => m.type === 'ack').length === 2);
    assert.deepEqual(summaries, [controller.id]);
    assert.equal(readFileSync(file, 'utf8'), before);
  });

  it('read-only without a reason still refuses changes with a message', async () => {
    const { fake, members } = await openRetro({ readOnly: true });
    fake.receive({ type: 'ready' });
    await tick();
    assert.equal(fake.posted[0].view.readOnly, true);
    assert.equal(fake.posted[0].view.readOnlyReason, undefined);
    fake.receive(intent(1, { kind: 'startTurn', memberId: members.Ada }));
    const err = await waitFor('error', () => fake.posted.find((m) => m.type === 'error'));
    assert.equal(err.requestId, 1);
    assert.match(err.message, /read-only/);
  });

  it('read-only: follows the other window’s saves through the file watcher', async () => {
    const { controller, fake, members, file } = await openRetro({ readOnly: true, reason: REASON });
    fake.receive({ type: 'ready' });
    await tick();
    const [watcher] = vscode.calls.watchers;
    assert.ok(watcher, 'a read-only controller watches its file');
    assert.equal(watcher.pattern.pattern, `${controller.id}.json`);
    // The other window (the lock holder) saves a contribution.
    const other = { id: 'other-1', at: Date.now(), actor: members.Bo, type: 'contribution.added', contributionId: 'oc1', memberId: members.Bo, phase: 'check-in', promptId: null, depth: 1, topic: 't', text: XSS, pass: false };
    await store.save({ ...file, events: [...file.events, other] });
    watcher.onDidChange.fire(vscode.Uri.file(store.pathFor(controller.id)));
    const snap = await waitFor('a fresh snapshot', () => snapshots(fake).find((m) => m.view.contributions.length === 1));
    assertValidHostMessage(snap);
    assert.equal(snap.view.contributions[0].text, XSS);
    assert.equal(snap.view.readOnly, true);
  });

  it('applies changed balance thresholds at once: the gate follows the quorum setting', async () => {
    const { fake, members } = await openRetro();
    fake.receive({ type: 'ready' });
    fake.receive(intent(1, { kind: 'startTurn', memberId: members.Ada }));
    fake.receive(intent(2, { kind: 'contribute', memberId: members.Ada, text: 'Calm', pass: false }));
    await waitFor('ack 2', () => fake.posted.find((m) => m.type === 'ack' && m.requestId === 2));
    const before = snapshots(fake).at(-1).view.gate;
    assert.deepEqual([before.open, before.reciprocated, before.present], [false, 1, 2], '1 of 2 is not more than half');
    vscode.setConfig({ 'reciprocity.balance.reciprocityQuorum': 0.4 });
    const after = snapshots(fake).at(-1);
    assertValidHostMessage(after);
    assert.equal(after.view.gate.open, true, '1 of 2 is more than 40%');
  });

  it('re-sends the snapshot when the nudges setting changes', async () => {
    const { fake } = await openRetro();
    fake.receive({ type: 'ready' });
    await tick();
    const sent = fake.posted.length;
    vscode.setConfig({ 'reciprocity.turnSoftCapSeconds': 30 });
    assert.equal(fake.posted.length, sent, 'unrelated settings do not re-send');
    vscode.setConfig({ 'reciprocity.nudges.show': 'off' });
    assert.equal(fake.posted.length, sent + 1);
    assertValidHostMessage(fake.posted.at(-1));
    assert.deepEqual(fake.posted.at(-1).view.nudges, []);
  });

  it('reports a failed save, keeps the change and retries until it is on disk', async () => {
    // Retries every 100 ms instead of 3 s, so the test does not wait for the real delay
    // (afterEach puts the delay back).
    H.RetroController.saveRetryMs = 100;
    const { fake, members, path: file } = await openRetro();
    fake.receive({ type: 'ready' });
    await tick();
    // The session folder becomes unusable (a file where a folder should be).
    const blocked = path.join(dir, 'not-a-folder');
    writeFileSync(blocked, 'x');
    const real = dir;
    dir = path.join(blocked, 'sessions');
    try {
      fake.receive(intent(3, { kind: 'startTurn', memberId: members.Ada }));
      const err = await waitFor('save error', () => fake.posted.find((m) => m.type === 'error'));
      assert.equal(err.requestId, undefined, 'not an error of the request: the webview must not offer the text again');
      assert.match(err.message, /ENOTDIR|not a directory/);
      assertValidHostMessage(err);
      assert.match(vscode.calls.errors[0], /^Reciprocity could not save the retro: /);
      assert.ok(fake.posted.find((m) => m.type === 'ack' && m.requestId === 3), 'the request itself succeeded');
    } finally {
      dir = real;
    }
    // Once the folder is usable again, the retry writes the change without further input.
    await waitFor('retried save', () => JSON.parse(readFileSync(file, 'utf8')).events.some((e) => e.type === 'turn.started'), 8000);
    fake.receive(intent(4, { kind: 'contribute', memberId: members.Ada, text: 'after the outage', pass: false }));
    await waitFor('ack 4', () => fake.posted.find((m) => m.type === 'ack' && m.requestId === 4));
    const types = JSON.parse(readFileSync(file, 'utf8')).events.map((e) => e.type);
    assert.ok(types.includes('turn.started'), 'the change made while saving failed reached the disk with the next save');
    assert.ok(types.includes('contribution.added'));
  });

  it('disposing after a failed save releases the lock without an unhandled rejection', async () => {
    const { controller, members, path: file } = await openRetro();
    const real = dir;
    writeFileSync(path.join(dir, 'blocked'), 'x');
    dir = path.join(real, 'blocked', 'sessions');
    const result = await controller.handle({ kind: 'startTurn', memberId: members.Ada });
    assert.match(result.saveError ?? '', /ENOTDIR/);
    dir = real;
    const unhandled = [];
    const onUnhandled = (reason) => unhandled.push(reason);
    const mochaHandlers = process.listeners('unhandledRejection');
    process.removeAllListeners('unhandledRejection');
    process.on('unhandledRejection', onUnhandled);
    try {
      controller.dispose();
      // The lock goes asynchronously: wait for it (a fixed 50 ms was not always enough on a
      // loaded machine), then as long again for a rejection to surface.
      await waitFor('the lock released', () => !existsSync(`${file}.lock`)).catch(() => {});
      await new Promise((r) => setTimeout(r, 50));
    } finally {
      process.off('unhandledRejection', onUnhandled);
      mochaHandlers.forEach((h) => process.on('unhandledRejection', h));
    }
    assert.equal(existsSync(`${file}.lock`), false, 'the lock is released');
    assert.deepEqual(unhandled.map((e) => e.message), []);
  });

  it('disposes safely twice, drops its listeners and releases the lock', async () => {
    const { controller, panel, fake, members, path: file, lock } = await openRetro();
    fake.receive({ type: 'ready' });
    fake.receive(intent(1, { kind: 'startTurn', memberId: members.Ada }));
    await waitFor('ack', () => fake.posted.find((m) => m.type === 'ack'));
    assert.equal(existsSync(`${file}.lock`), true);

    let closed = 0;
    panel.onDidClose(() => closed++);
    panel.dispose();
    panel.dispose();
    controller.dispose();
    controller.dispose();
    assert.equal(fake.listenerCount(), 0, 'no webview listeners left');
    await waitFor('lock release', () => !existsSync(`${file}.lock`));

    // Late events after disposal are ignored, not crashes.
    const sent = fake.posted.length;
    fake.receive({ type: 'ready' });
    vscode.setConfig({ 'reciprocity.nudges.show': 'panel' });
    await tick();
    assert.equal(fake.posted.length, sent);
    // The user closing the (already disposed) panel is harmless too.
    fake.dispose();
    assert.equal(closed, 0, 'disposing the RetroPanel is not the user closing it');
    await lock.release(); // releasing again is safe
  });

  it('closing the webview fires onDidClose once and disposes the panel', async () => {
    const { panel, fake } = await openRetro();
    let closed = 0;
    panel.onDidClose(() => closed++);
    fake.dispose();
    fake.dispose();
    panel.dispose();
    assert.equal(closed, 1);
    assert.equal(fake.listenerCount(), 0);
  });
});
