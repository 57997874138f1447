// Issue 11 (destructive steps ask first): the palette's End Retro and Delete Retro ask with a
// modal before they act, and do nothing when the question is dismissed. The commands are
// registered against the vscode stand-in, which records each handler and each question.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fakeVscode } from './fakeVscode';
import { newSession } from './storageHarness';
import { Commands } from '../../../src/host/commandIds';
import { registerRetroCommands } from '../../../src/host/retroCommands';
import { SessionStore } from '../../../src/host/sessionStore';
import type { RetroSessions } from '../../../src/host/retroSessions';
import type { RetrosTree } from '../../../src/host/retrosTree';
import type { LazyHost } from '../../../src/host/core';

interface Question {
  message: string;
  options: { modal?: boolean; detail?: string } | undefined;
  items: string[];
}

type Handler = (...args: unknown[]) => unknown;

const win = fakeVscode.window as Record<string, unknown>;
const cmds = fakeVscode.commands as Record<string, unknown>;

describe('retro commands: End Retro and Delete Retro ask first', () => {
  let handlers: Map<string, Handler>;
  let questions: Question[];
  let errors: string[];
  /** The button the person presses in the next modal; undefined dismisses it (Cancel, Escape). */
  let answer: (q: Question) => string | undefined;
  let saved: Record<string, unknown>;

  beforeEach(() => {
    handlers = new Map();
    questions = [];
    errors = [];
    answer = () => undefined;
    saved = { registerCommand: cmds.registerCommand, showWarningMessage: win.showWarningMessage, showErrorMessage: win.showErrorMessage };
    cmds.registerCommand = (id: string, run: Handler) => {
      handlers.set(id, run);
      return { dispose() {} };
    };
    win.showWarningMessage = (message: string, options: Question['options'], ...items: string[]) => {
      const q = { message, options, items };
      questions.push(q);
      return Promise.resolve(answer(q));
    };
    win.showErrorMessage = (message: string) => {
      errors.push(message);
      return Promise.resolve(undefined);
    };
  });

  afterEach(() => {
    cmds.registerCommand = saved.registerCommand;
    win.showWarningMessage = saved.showWarningMessage;
    win.showErrorMessage = saved.showErrorMessage;
  });

  const host: LazyHost = {
    uriHandler: () => ({ dispose() {} }),
    serializer: () => ({ dispose() {} }),
    tree: () => ({ dispose() {} }),
  };

  function register(sessions: Partial<RetroSessions>, store: SessionStore, tree: Partial<RetrosTree> = { refresh() {} }): void {
    registerRetroCommands(sessions as RetroSessions, store, tree as RetrosTree, host);
  }

  function run(id: string, ...args: unknown[]): Promise<unknown> {
    const h = handlers.get(id);
    assert.ok(h, `${id} is registered`);
    return Promise.resolve(h(...args));
  }

  function tempStore(): { store: SessionStore; dir: string } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'recip-cmds-'));
    return { store: new SessionStore(() => dir), dir };
  }

  describe('End Retro from the palette', () => {
    it('asks with a modal worded like the panel, and ends the retro only on "End retro"', async () => {
      const { store } = tempStore();
      const ended: string[] = [];
      register({ active: {} as RetroSessions['active'], endActive: () => { ended.push('end'); return Promise.resolve(); } }, store);
      answer = (q) => q.items.find((i) => i === 'End retro');
      await run(Commands.endRetro);
      assert.equal(questions.length, 1, 'one question');
      const [q] = questions;
      assert.equal(q.options?.modal, true, 'a modal question');
      assert.equal(q.message, 'End the retro now?');
      assert.equal(q.options?.detail, 'It becomes read-only for everyone, and the summary is ready for the lead.');
      assert.deepEqual(q.items, ['End retro']);
      assert.deepEqual(ended, ['end']);
      assert.deepEqual(errors, []);
    });

    it('does nothing when the question is dismissed', async () => {
      const { store } = tempStore();
      const ended: string[] = [];
      register({ active: {} as RetroSessions['active'], endActive: () => { ended.push('end'); return Promise.resolve(); } }, store);
      answer = () => undefined;
      await run(Commands.endRetro);
      assert.equal(questions.length, 1, 'it asked');
      assert.deepEqual(ended, [], 'the retro goes on');
      assert.deepEqual(errors, []);
    });

    it('with no retro open, says so without asking', async () => {
      const { store } = tempStore();
      register({ active: undefined, endActive: () => Promise.reject(new Error('No retro is open in this window.')) }, store);
      await run(Commands.endRetro);
      assert.deepEqual(questions, []);
      assert.deepEqual(errors, ['Reciprocity: No retro is open in this window.']);
    });
  });

  describe('Delete Retro', () => {
    it('on Cancel leaves the file and the listing as they were', async () => {
      const { store } = tempStore();
      await store.save(newSession('keep-me'));
      const closed: string[] = [];
      let refreshed = 0;
      register({ close: (id: string) => void closed.push(id) }, store, { refresh: () => void refreshed++ });
      answer = () => undefined;
      await run(Commands.deleteRetro, 'keep-me');
      assert.equal(questions.length, 1, 'it asked');
      assert.equal(questions[0].options?.modal, true, 'a modal question');
      assert.match(questions[0].message, /^Delete this retro\?/);
      assert.deepEqual(questions[0].items, ['Delete']);
      assert.equal(await store.exists('keep-me'), true, 'the file is still there');
      assert.ok(fs.existsSync(store.pathFor('keep-me')));
      assert.deepEqual((await store.list()).sessions.map((s) => s.file.id), ['keep-me'], 'still listed');
      assert.deepEqual(closed, [], 'its panel stays open');
      assert.equal(refreshed, 0);
      assert.deepEqual(errors, []);
    });

    it('on Delete removes the file, closes its panel and refreshes the listing', async () => {
      const { store } = tempStore();
      await store.save(newSession('bin-me'));
      await store.save(newSession('other'));
      const closed: string[] = [];
      let refreshed = 0;
      register({ close: (id: string) => void closed.push(id) }, store, { refresh: () => void refreshed++ });
      answer = (q) => q.items.find((i) => i === 'Delete');
      await run(Commands.deleteRetro, 'bin-me');
      assert.equal(questions.length, 1);
      assert.equal(await store.exists('bin-me'), false, 'the file is gone');
      assert.ok(!fs.existsSync(store.pathFor('bin-me')));
      assert.deepEqual((await store.list()).sessions.map((s) => s.file.id), ['other'], 'the other retro is untouched');
      assert.deepEqual(closed, ['bin-me']);
      assert.equal(refreshed, 1);
      assert.deepEqual(errors, []);
    });
  });
});
