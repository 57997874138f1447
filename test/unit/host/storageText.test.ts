// Issue 12 (l10n): the session store's and locks' messages reach people in the display
// language. They are written once in English for the modules that run without VS Code
// (storageText.ts) and once through vscode.l10n.t (storageTextL10n.ts), installed at activation.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fakeVscode } from './fakeVscode';
import { builtinDecks } from '../../../src/domain/decks/builtin';
import { serializeSession, sessionFileFromEvents } from '../../../src/domain/persistence';
import { PHASES, type Contribution, type SessionEvent } from '../../../src/domain/types';
import { listRetro } from '../../../src/host/retroListing';
import { parseJoinCode } from '../../../src/host/team/joinCode';
import { SessionLock } from '../../../src/host/sessionLock';
import { SessionStore } from '../../../src/host/sessionStore';
import { ENGLISH_STORAGE_TEXT, storageText, useStorageText, type StorageText } from '../../../src/host/storageText';
import { L10N_STORAGE_TEXT, L10N_VIEW_TEXT } from '../../../src/host/storageTextL10n';
import { buildRetroView } from '../../../src/host/retroView';
import { ENGLISH_VIEW_TEXT, useViewText, viewText } from '../../../src/host/viewText';
import { analyseLog } from '../../../src/domain/replica';
import { replay } from '../../../src/domain/session';

/** Sample arguments for each message, so every one is called. */
const SAMPLES: { [K in keyof StorageText]: Parameters<StorageText[K]> } = {
  readOnlyFolder: ['/srv/retros', 'EACCES'],
  heldHere: [],
  heldOn: ['build-box'],
  heldBy: ['a VS Code window on build-box'],
  newerVersion: ['s1.json', 3],
  unreadableLeft: ['s1.json', 'line 1: not JSON', 'EROFS'],
  unreadableKept: ['s1.json', 'line 1: not JSON', 's1.damaged-x.json'],
  fileProblem: [{ key: 'newer', file: 's1.json', version: 3, reads: 2 }],
  saveOverNewer: ['s1.json', 3, 2],
  saveRefused: ['s1.json', 's1.json: no migration from format v-1.'],
  diskFull: ['s1.json'],
  folderReadOnly: ['s1.json', '/srv/retros', 'EROFS'],
  folderGone: ['s1.json', '/srv/retros'],
  saveBusy: ['s1.json', 10],
  unsavable: ['events[1].future[0][0]', 64],
};

const call = (text: StorageText, key: keyof StorageText): string => (text[key] as (...a: unknown[]) => string)(...SAMPLES[key]);

function created(): SessionEvent {
  return {
    id: 'e0', at: 1000, actor: 'fac', type: 'session.created', sessionId: 's1', title: 'Retro', teamId: 'team',
    deck: builtinDecks()[0], settings: { turnSoftCapSeconds: 90, maxTextLength: 2000 },
  };
}

describe('storage messages in the display language (l10n)', () => {
  let dir: string;
  let before: StorageText;
  const realT = fakeVscode.l10n.t;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'recip-text-'));
    before = storageText();
  });
  afterEach(() => {
    useStorageText(before);
    fakeVscode.l10n.t = realT;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('says the same English through vscode.l10n.t as without VS Code, for every message', () => {
    for (const key of Object.keys(SAMPLES) as (keyof StorageText)[]) {
      assert.equal(call(L10N_STORAGE_TEXT, key), call(ENGLISH_STORAGE_TEXT, key), key);
    }
  });

  it('gives every message to vscode.l10n.t, with its arguments as placeholders', () => {
    const seen: string[] = [];
    fakeVscode.l10n.t = (message: string, ...args: unknown[]) => {
      seen.push(message);
      return `⟦${realT(message, ...args)}⟧`;
    };
    for (const key of Object.keys(SAMPLES) as (keyof StorageText)[]) {
      const text = call(L10N_STORAGE_TEXT, key);
      assert.match(text, /^⟦.*⟧$/s, key);
      // A problem (data) shows its values; its key is which sentence, not shown.
      const shown = (SAMPLES[key] as unknown[]).flatMap((arg) => (typeof arg === 'object' && arg !== null ? Object.entries(arg).filter(([k]) => k !== 'key').map(([, v]) => v) : [arg]));
      for (const arg of shown) assert.ok(text.includes(String(arg)), `${key} shows ${String(arg)}`);
    }
    assert.ok(seen.every((m) => !/\$\{/.test(m)), 'placeholders, not templates');
  });

  it('once installed, the lock and the store speak the translation', async () => {
    fakeVscode.l10n.t = (message: string, ...args: unknown[]) => `⟦${realT(message, ...args)}⟧`;
    useStorageText(L10N_STORAGE_TEXT);
    const store = new SessionStore(() => dir);
    // Held by another window (a live lock of this process, another owner).
    const p = store.pathFor('s1');
    const a = await SessionLock.acquire(p, 'window-a');
    assert.ok(a.acquired);
    const b = await SessionLock.acquire(p, 'window-b');
    assert.ok(!b.acquired);
    assert.match(b.reason, /^⟦This retro is open for editing in ⟦another VS Code window on this machine⟧\. .*⟧$/);
    if (a.acquired) await a.lock.release();
    // A file from a newer version opens read-only, with the reason translated.
    const file = sessionFileFromEvents([created()]);
    fs.writeFileSync(p, serializeSession(file).replace('"v": 2', '"v": 3'));
    const opened = await new SessionStore(() => dir).open('s1');
    assert.match(opened.readOnlyReason ?? '', /^⟦s1\.json was saved by a newer version of Reciprocity \(format v3\)\..*⟧$/s);
  });
});

describe("the panel view's own sentences in the display language (l10n)", () => {
  const realT = fakeVscode.l10n.t;
  let before: ReturnType<typeof viewText>;
  beforeEach(() => {
    before = viewText();
  });
  afterEach(() => {
    useViewText(before);
    fakeVscode.l10n.t = realT;
  });

  it('says the same English through vscode.l10n.t', () => {
    assert.equal(L10N_VIEW_TEXT.ended(), ENGLISH_VIEW_TEXT.ended());
    assert.equal(L10N_VIEW_TEXT.formerMember(), ENGLISH_VIEW_TEXT.formerMember());
    assert.equal(L10N_VIEW_TEXT.listingEnded(), ENGLISH_VIEW_TEXT.listingEnded());
    assert.equal(L10N_VIEW_TEXT.listingOpen(), ENGLISH_VIEW_TEXT.listingOpen());
    for (const n of [0, 1, 2, 40]) assert.equal(L10N_VIEW_TEXT.people(n), ENGLISH_VIEW_TEXT.people(n));
    for (const key of ['joinEmpty', 'joinTooLong', 'joinLinkDamaged', 'joinNotACode', 'joinBadCharacters', 'joinCutShort'] as const) {
      assert.equal(L10N_VIEW_TEXT[key](), ENGLISH_VIEW_TEXT[key](), key);
    }
    assert.equal(L10N_VIEW_TEXT.joinInvalid('u: too short'), ENGLISH_VIEW_TEXT.joinInvalid('u: too short'));
    for (const [where, issue] of [
      ['u.0', 'address'],
      ['', 'address'],
      ['t', { label: 'format', expected: '/^[A-Za-z0-9_-]{20,100}$/', received: '"short"' }],
      ['', { label: 'type', expected: 'Object', received: '3' }],
      ['n', { text: 'a message of its own' }],
    ] as const) {
      assert.equal(L10N_VIEW_TEXT.joinField(where, issue), ENGLISH_VIEW_TEXT.joinField(where, issue), `${where} ${JSON.stringify(issue)}`);
    }
    for (const phase of PHASES) {
      for (const team of [false, true]) assert.equal(L10N_VIEW_TEXT.listingRunning(team, phase), ENGLISH_VIEW_TEXT.listingRunning(team, phase));
    }
  });

  it("once installed, the join code's checks are translated", () => {
    fakeVscode.l10n.t = (message: string, ...args: unknown[]) => `⟦${realT(message, ...args)}⟧`;
    useViewText(L10N_VIEW_TEXT);
    for (const input of ['', 'hello', 'rcp1.***', 'rcp1.eyJ1Ijpb', 'x'.repeat(3000)]) {
      const parsed = parseJoinCode(input);
      assert.ok(!parsed.ok && /^⟦.*⟧$/s.test(parsed.error), `${input.slice(0, 20)}: ${parsed.ok ? 'ok' : parsed.error}`);
    }
  });

  it("once installed, the retro list's detail line is translated", () => {
    fakeVscode.l10n.t = (message: string, ...args: unknown[]) => `⟦${realT(message, ...args)}⟧`;
    useViewText(L10N_VIEW_TEXT);
    const file = sessionFileFromEvents([created()]);
    const detail = listRetro(file, { open: true, team: false }).detail;
    assert.match(detail, /^⟦in progress, ⟦set the stage⟧⟧ · ⟦0 people⟧ · .+ · ⟦open⟧$/);
  });

  it("once installed, an ended retro's reason and a former member's name are translated", () => {
    fakeVscode.l10n.t = (message: string, ...args: unknown[]) => `⟦${realT(message, ...args)}⟧`;
    useViewText(L10N_VIEW_TEXT);
    const at = (n: number) => 2000 + n;
    const events: SessionEvent[] = [
      created(),
      { id: 'e1', at: at(1), actor: 'fac', type: 'member.added', memberId: 'u1', name: 'Ada', joinedLate: false },
      { id: 'e2', at: at(2), actor: 'fac', type: 'member.added', memberId: 'u2', name: 'Bo', joinedLate: false },
    ];
    const state = replay(events);
    // A contribution by someone the state no longer lists, and the retro over.
    const ended = { ...state, endedAt: at(9), contributions: [{ ...blankContribution(), memberId: 'gone' }] };
    const view = buildRetroView(ended, analyseLog(events).balance, { readOnly: true, dismissedNudges: new Set(), suggestedNext: null });
    assert.equal(view.readOnlyReason, '⟦This retro has ended.⟧');
    assert.equal(view.contributions[0].memberName, '⟦Former member⟧');
  });
});

function blankContribution(): Contribution {
  return { id: 'c1', memberId: 'u1', promptId: null, phase: 'check-in', depth: 1, topic: '', text: 'Hi', words: 1, pass: false, at: 2100, seq: 3 };
}
