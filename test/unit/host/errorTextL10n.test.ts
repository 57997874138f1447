// Issue 12 (l10n): Node's own error text ("EACCES: permission denied, open '…'") inside a
// translated sentence is English in the middle of the display language. The common codes are
// worded through vscode.l10n, with the path (or address) kept as data; anything else falls
// back to the raw message. The log keeps the raw error for diagnosis.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fakeVscode } from './fakeVscode';
import { loadDecks } from '../../../src/host/deckLoader';
import { errorText } from '../../../src/host/errorText';
import { log } from '../../../src/host/log';
import { registerFailableCommand } from '../../../src/host/registerCommand';
import { RetroController } from '../../../src/host/retroController';
import type { SessionStore } from '../../../src/host/sessionStore';
import type { CommandId } from '../../../src/host/commandIds';
import { newSession } from './storageHarness';
import { realT, pseudoT, unwrapped, wrapped } from './pseudoLocale';

/** What Node makes for a failed system call (fs, net): a code, the call and what it was about. */
function systemError(code: string, syscall: string, about: { path?: string; address?: string; port?: number } = {}): NodeJS.ErrnoException {
  const where = about.path !== undefined ? `, ${syscall} '${about.path}'` : about.address !== undefined ? ` ${about.address}:${about.port}` : '';
  return Object.assign(new Error(`${code}: ${code.toLowerCase()} failed${where}`), { errno: -1, code, syscall, ...about });
}

/** Errors as Node really makes them, where this machine can make them (it runs as root: no EACCES). */
async function realErrors(dir: string): Promise<{ err: NodeJS.ErrnoException; data: string[] }[]> {
  const caught = (p: Promise<unknown>) => p.then(() => assert.fail('expected a failure'), (e: NodeJS.ErrnoException) => e);
  const missing = path.join(dir, 'missing.json');
  const file = path.join(dir, 'file.json');
  fs.writeFileSync(file, '{}');
  fs.mkdirSync(path.join(dir, 'full'));
  fs.writeFileSync(path.join(dir, 'full', 'x'), '');
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  const inUse = await new Promise<NodeJS.ErrnoException>((resolve) => {
    const s = net.createServer();
    s.once('error', resolve);
    s.listen(port, '127.0.0.1');
  });
  await new Promise<void>((resolve) => server.close(() => resolve()));
  const refused = await new Promise<NodeJS.ErrnoException>((resolve) => net.connect(port, '127.0.0.1').once('error', resolve));
  return [
    { err: await caught(fs.promises.readFile(missing)), data: [missing] },
    { err: await caught(fs.promises.readFile(dir)), data: [] },
    { err: await caught(fs.promises.mkdir(dir)), data: [dir] },
    { err: await caught(fs.promises.readFile(path.join(file, 'x'))), data: [path.join(file, 'x')] },
    { err: await caught(fs.promises.rmdir(path.join(dir, 'full'))), data: [path.join(dir, 'full')] },
    { err: inUse, data: [`127.0.0.1:${port}`] },
    { err: refused, data: [`127.0.0.1:${port}`] },
  ];
}

const p = '/home/ada/.reciprocity/retros/s1.json';
/** The codes Node gives where this machine cannot make them, shaped as Node shapes them. */
const MADE_UP: NodeJS.ErrnoException[] = [
  systemError('EACCES', 'open', { path: p }),
  systemError('EPERM', 'rename', { path: p }),
  systemError('EROFS', 'open', { path: p }),
  systemError('ENOSPC', 'write', { path: p }),
  systemError('EDQUOT', 'write', { path: p }),
  systemError('EMFILE', 'open', { path: p }),
  systemError('ENFILE', 'open', { path: p }),
  systemError('EBUSY', 'rename', { path: p }),
  systemError('EIO', 'read', { path: p }),
  systemError('ENAMETOOLONG', 'open', { path: p }),
  systemError('ETIMEDOUT', 'connect', { address: '10.0.0.9', port: 4000 }),
  systemError('ECONNRESET', 'read'),
  systemError('EHOSTUNREACH', 'connect', { address: '10.0.0.9', port: 4000 }),
  systemError('ENETUNREACH', 'connect', { address: '10.0.0.9', port: 4000 }),
  systemError('EADDRNOTAVAIL', 'listen', { address: '10.0.0.9', port: 4000 }),
  Object.assign(new Error('getaddrinfo ENOTFOUND retro.example.test'), { errno: -3008, code: 'ENOTFOUND', syscall: 'getaddrinfo', hostname: 'retro.example.test' }),
  Object.assign(new Error('getaddrinfo EAI_AGAIN retro.example.test'), { errno: -3001, code: 'EAI_AGAIN', syscall: 'getaddrinfo', hostname: 'retro.example.test' }),
];

describe("Node's error text in the display language (issue 12, l10n)", () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'recip-errors-'))));
  afterEach(() => {
    fakeVscode.l10n.t = realT;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('words each common code through vscode.l10n, keeping the path or address', async () => {
    const cases = [...(await realErrors(dir)), ...MADE_UP.map((err) => ({ err, data: [err.path ?? `${(err as { address?: string }).address ?? ''}`] }))];
    const codes = new Set(cases.map((c) => c.err.code));
    for (const code of ['ENOENT', 'EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'EISDIR', 'ENOTDIR', 'EEXIST', 'ENOTEMPTY', 'EMFILE', 'EBUSY', 'ETIMEDOUT', 'ECONNREFUSED', 'EADDRINUSE', 'ENOTFOUND']) {
      assert.ok(codes.has(code), `${code} is among the cases`);
    }
    fakeVscode.l10n.t = pseudoT;
    for (const { err, data } of cases) {
      const text = errorText(err);
      const about = [err.path, (err as { hostname?: string }).hostname].filter((x): x is string => x !== undefined);
      assert.ok(wrapped(text), `${err.code}: ${text}`);
      assert.deepEqual(unwrapped(text, [...data, ...about, err.code ?? '']), [], `${err.code}: ${err.message}`);
      for (const d of [...data, ...about]) assert.ok(text.includes(d), `${err.code} keeps ${d}: ${text}`);
    }
  });

  it('falls back to the raw message for another code, an error of our own and a thrown string', () => {
    fakeVscode.l10n.t = pseudoT;
    const exdev = systemError('EXDEV', 'rename', { path: p });
    assert.equal(errorText(exdev), exdev.message);
    // An error the extension already worded (a save's, with its code for the retry) is left as it is.
    const worded = Object.assign(new Error('⟦Could not save s1.json: the disk is full.⟧'), { code: 'ENOSPC' });
    assert.equal(errorText(worded), worded.message);
    assert.equal(errorText(new Error('plain')), 'plain');
    assert.equal(errorText('thrown text'), 'thrown text');
  });

  describe('where the extension shows an error', () => {
    let logged: string[];
    let shown: string[];
    const window = fakeVscode.window as Record<string, unknown>;
    const commands = fakeVscode.commands as Record<string, unknown>;
    beforeEach(() => {
      logged = [];
      shown = [];
      log.dispose();
      window['createOutputChannel'] = () => ({ info: (m: string) => logged.push(m), warn: (m: string) => logged.push(m), error: (m: string) => logged.push(m), dispose() {} });
      window['showErrorMessage'] = (m: string) => (shown.push(m), Promise.resolve(undefined));
    });
    afterEach(() => {
      log.dispose();
      window['createOutputChannel'] = () => ({ info() {}, warn() {}, error() {}, dispose() {} });
      window['showErrorMessage'] = () => Promise.resolve(undefined);
      delete commands['registerCommand'];
    });

    it("a failed command: the message in the display language, Node's own text in the log", async () => {
      let run: ((...args: unknown[]) => Promise<unknown>) | undefined;
      commands['registerCommand'] = (_id: string, fn: (...args: unknown[]) => Promise<unknown>) => ((run = fn), { dispose() {} });
      const err = systemError('EISDIR', 'read', { path: dir });
      registerFailableCommand('reciprocity.exportSummary' as CommandId, () => Promise.reject(err));
      fakeVscode.l10n.t = pseudoT;
      await run!();
      assert.equal(shown.length, 1);
      assert.ok(wrapped(shown[0]!), shown[0]);
      assert.deepEqual(unwrapped(shown[0]!, [dir, 'EISDIR']), [], shown[0]);
      assert.ok(logged.some((l) => l.includes(err.message)), 'the log keeps the raw error');
    });

    it("a deck file VS Code could not read: why, in the display language; VS Code's own text in the log", async () => {
      // What vscode.workspace.fs throws: a FileSystemError, named by its reason, with VS Code's code and English text.
      const unreadable = Object.assign(new Error("Unable to read file '/w/.reciprocity/decks/team.json' (Error: Unable to resolve nonexistent file)"), { code: 'FileNotFound' });
      unreadable.name = 'EntryNotFound (FileSystemError)';
      const ws = fakeVscode.workspace as Record<string, unknown>;
      ws['findFiles'] = () => Promise.resolve([{ fsPath: '/w/.reciprocity/decks/team.json' }]);
      ws['asRelativePath'] = () => '.reciprocity/decks/team.json';
      ws['fs'] = { readFile: () => Promise.reject(unreadable) };
      try {
        fakeVscode.l10n.t = pseudoT;
        const { errors } = await loadDecks();
        assert.equal(errors.length, 1);
        assert.ok(wrapped(errors[0]!), errors[0]);
        assert.deepEqual(unwrapped(errors[0]!, ['.reciprocity/decks/team.json', 'FileNotFound']), [], errors[0]);
        assert.ok(logged.some((l) => l.includes(unreadable.message)), 'the log keeps the raw error');
      } finally {
        for (const k of ['findFiles', 'asRelativePath', 'fs']) delete ws[k];
      }
    });

    it("a save that failed: the retro panel's error in the display language, Node's own text in the log", async () => {
      const err = systemError('EMFILE', 'open', { path: p });
      const store = { folder: '/nowhere', pathFor: (id: string) => `/nowhere/${id}.json`, save: () => Promise.reject(err) };
      const lock = { release: () => Promise.resolve() };
      const c = new RetroController(newSession(), store as unknown as SessionStore, {}, [], lock as never);
      fakeVscode.l10n.t = pseudoT;
      const r = await c.handle({ kind: 'renameRetro', title: 'Renamed' });
      c.dispose();
      const saveError = (r as { saveError?: string }).saveError ?? '';
      assert.ok(wrapped(saveError), saveError);
      assert.deepEqual(unwrapped(saveError, [p, 'EMFILE']), [], saveError);
      assert.ok(logged.some((l) => l.includes(err.message)), 'the log keeps the raw error');
    });
  });
});
