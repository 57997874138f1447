// The slice of the `vscode` API that SummaryPanel uses, recorded for assertions.
const listeners = () => {
  const fns = new Set();
  const event = (fn) => {
    fns.add(fn);
    return { dispose: () => fns.delete(fn) };
  };
  event.fire = (v) => [...fns].forEach((fn) => fn(v));
  event.count = () => fns.size;
  return event;
};

export const calls = { errors: [], warnings: [], panels: [], infos: [], watchers: [], logs: [] };

export function reset() {
  calls.errors.length = 0;
  calls.warnings.length = 0;
  calls.panels.length = 0;
  calls.infos.length = 0;
  calls.logs.length = 0;
  calls.watchers.length = 0;
  config.clear();
}

export class FakePanel {
  constructor(viewType, title, options) {
    this.viewType = viewType;
    this.title = title;
    this.visible = true;
    this.disposed = false;
    this.revealed = 0;
    this.posted = [];
    this.onDidDispose = listeners();
    this.onDidChangeViewState = listeners();
    const received = listeners();
    this.webview = {
      options,
      html: '',
      cspSource: 'https://fake.vscode-cdn.net',
      asWebviewUri: (u) => ({ toString: () => `https://fake.vscode-cdn.net${u.path}` }),
      postMessage: async (m) => {
        this.posted.push(JSON.parse(JSON.stringify(m)));
        return true;
      },
      onDidReceiveMessage: received,
    };
    /** What the webview would send. */
    this.receive = (m) => received.fire(m);
    this.listenerCount = () => received.count() + this.onDidDispose.count() + this.onDidChangeViewState.count();
  }
  reveal() {
    this.revealed += 1;
  }
  setVisible(visible) {
    this.visible = visible;
    this.onDidChangeViewState.fire({ webviewPanel: this });
  }
  dispose() {
    if (this.disposed) return;
    this.disposed = true;
    this.onDidDispose.fire();
  }
}

export const ViewColumn = { Active: -1, One: 1 };

/** English, as VS Code runs without a language pack: no bundle, the message with its {0} filled in. */
export const l10n = {
  bundle: undefined,
  t: (message, ...args) => message.replace(/\{(\d+)\}/g, (m, i) => (Number(i) < args.length ? String(args[Number(i)]) : m)),
};

export const env = { language: 'en' };

export const Uri = {
  file: (p) => ({ path: p, fsPath: p, toString: () => `file://${p}` }),
  joinPath: (base, ...parts) => { const p = [base.path, ...parts].join('/'); return { path: p, fsPath: p, toString: () => `file://${p}` }; },
};

export const window = {
  createWebviewPanel(viewType, title, _column, options) {
    const panel = new FakePanel(viewType, title, options);
    calls.panels.push(panel);
    return panel;
  },
  showErrorMessage: async (m) => void calls.errors.push(m),
  showInformationMessage: async (m) => void calls.infos.push(m),
  showWarningMessage: async (m) => void calls.warnings.push(m),
  /** The extension's LogOutputChannel (src/host/log.ts): lines are kept in calls.logs. */
  createOutputChannel: (name) => {
    const line = (level) => (m) => void calls.logs.push(`${level} ${name}: ${m}`);
    return { info: line('info'), warn: line('warn'), error: line('error'), debug: line('debug'), trace: line('trace'), dispose() {} };
  },
};

// ---------------------------------------------------------------------------------
// Added for the retro host (RetroController/RetroPanel): events, settings, file watchers.

export class EventEmitter {
  constructor() {
    this.event = listeners();
    this.disposed = false;
  }
  fire(v) {
    if (!this.disposed) this.event.fire(v);
  }
  dispose() {
    this.disposed = true;
  }
}

export class RelativePattern {
  constructor(base, pattern) {
    this.base = base;
    this.baseUri = base;
    this.pattern = pattern;
  }
}

/** Settings as `section.key` -> value; `workspace.getConfiguration` reads from here. */
export const config = new Map();
const configChanged = listeners();

/** What VS Code does when the user edits settings: store the values and fire the event. */
export function setConfig(values) {
  for (const [k, v] of Object.entries(values)) config.set(k, v);
  const keys = Object.keys(values);
  configChanged.fire({ affectsConfiguration: (section) => keys.some((k) => k === section || k.startsWith(`${section}.`)) });
}

export const workspace = {
  workspaceFolders: undefined,
  isTrusted: true,
  getConfiguration(section) {
    const full = (key) => (section ? `${section}.${key}` : key);
    return {
      get: (key, fallback) => (config.has(full(key)) ? config.get(full(key)) : fallback),
      has: (key) => config.has(full(key)),
      // Settings here are the user's own (src/host/config.ts reads them through inspect).
      inspect: (key) => ({ key: full(key), ...(config.has(full(key)) ? { globalValue: config.get(full(key)) } : {}) }),
    };
  },
  onDidChangeConfiguration: configChanged,
  createFileSystemWatcher(pattern) {
    const watcher = {
      pattern,
      disposed: false,
      onDidChange: listeners(),
      onDidCreate: listeners(),
      onDidDelete: listeners(),
      dispose() {
        watcher.disposed = true;
      },
    };
    calls.watchers.push(watcher);
    return watcher;
  },
};
