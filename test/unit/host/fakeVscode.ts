// A small stand-in for the `vscode` module, for host code whose logic is worth a plain mocha
// test (the status bar's clock, the configuration reader). Only what those modules touch is
// here; anything else is undefined, so a new dependency on the API fails loudly.
import Module from 'node:module';

type Listener<T> = (e: T) => void;

export class FakeEmitter<T> {
  private listeners: Listener<T>[] = [];
  readonly event = (listener: Listener<T>) => {
    this.listeners.push(listener);
    return { dispose: () => { this.listeners = this.listeners.filter((l) => l !== listener); } };
  };
  fire(e: T): void {
    for (const l of [...this.listeners]) l(e);
  }
}

export class FakeStatusBarItem {
  text = '';
  tooltip: unknown;
  name: string | undefined;
  command: unknown;
  backgroundColor: unknown;
  visible = false;
  disposed = false;
  constructor(readonly id: string) {}
  show(): void { this.visible = true; }
  hide(): void { this.visible = false; }
  dispose(): void { this.disposed = true; }
}

/** Settings by scope, as `inspect()` reports them. Keys are full ids ("reciprocity.team.port"). */
export interface FakeSettings {
  user?: Record<string, unknown>;
  workspace?: Record<string, unknown>;
  folder?: Record<string, unknown>;
}

export const fake = {
  statusBarItems: [] as FakeStatusBarItem[],
  settings: {} as FakeSettings,
  /** What package.json would give VS Code as the default of each key; none unless a test says. */
  defaults: {} as Record<string, unknown>,
  isTrusted: true,
  configChanged: new FakeEmitter<{ affectsConfiguration(section: string): boolean }>(),
  reset(): void {
    this.statusBarItems = [];
    this.settings = {};
    this.defaults = {};
    this.isTrusted = true;
    this.configChanged = new FakeEmitter();
  },
};

function configuration(section?: string) {
  const full = (key: string) => (section ? `${section}.${key}` : key);
  const inspect = (key: string) => {
    const k = full(key);
    return {
      key: k,
      defaultValue: fake.defaults[k],
      globalValue: fake.settings.user?.[k],
      workspaceValue: fake.settings.workspace?.[k],
      workspaceFolderValue: fake.settings.folder?.[k],
    };
  };
  return {
    inspect,
    has: (key: string) => inspect(key).defaultValue !== undefined,
    get: (key: string, fallback?: unknown) => {
      const i = inspect(key);
      // VS Code's precedence: folder over workspace over user over the default.
      const v = i.workspaceFolderValue ?? i.workspaceValue ?? i.globalValue ?? i.defaultValue;
      return v === undefined ? fallback : v;
    },
  };
}

/** vscode.EventEmitter: an emitter that can be disposed (the retro controller registers them). */
class FakeDisposableEmitter<T> extends FakeEmitter<T> {
  dispose(): void {}
}

export const fakeVscode = {
  EventEmitter: FakeDisposableEmitter,
  StatusBarAlignment: { Left: 1, Right: 2 },
  ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
  ThemeColor: class { constructor(readonly id: string) {} },
  window: {
    createStatusBarItem(id: string) {
      const item = new FakeStatusBarItem(id);
      fake.statusBarItems.push(item);
      return item;
    },
    createOutputChannel: () => ({ info() {}, warn() {}, error() {}, dispose() {} }),
    /** Dismissed unless a test puts its own answer here. */
    showErrorMessage: (_message: string, ..._items: string[]): Promise<string | undefined> => Promise.resolve(undefined),
  },
  commands: {
    executeCommand: (_command: string, ..._args: unknown[]): Promise<unknown> => Promise.resolve(undefined),
  },
  workspace: {
    getConfiguration: configuration,
    get isTrusted() { return fake.isTrusted; },
    onDidChangeConfiguration: (l: Listener<{ affectsConfiguration(section: string): boolean }>) => fake.configChanged.event(l),
  },
  env: { language: 'en' },
  Uri: {
    joinPath: (base: { path: string }, ...parts: string[]) => ({ path: [base.path, ...parts].join('/'), toString: () => `file://${[base.path, ...parts].join('/')}` }),
  },
  l10n: {
    /** VS Code's bundle for the display language; undefined in English. */
    bundle: undefined as Record<string, string> | undefined,
    t: (message: string, ...args: unknown[]) => message.replace(/\{(\d+)\}/g, (m, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : m)),
  },
};

// `import * as vscode from 'vscode'` in the code under test resolves to the object above.
type Loader = (request: string, parent: unknown, isMain: boolean) => unknown;
const mod = Module as unknown as { _load: Loader };
const load = mod._load;
mod._load = function (request: string, parent: unknown, isMain: boolean) {
  return request === 'vscode' ? fakeVscode : load.call(this, request, parent, isMain);
};
