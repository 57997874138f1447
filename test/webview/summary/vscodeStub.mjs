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

export const calls = { errors: [], warnings: [], panels: [] };

export function reset() {
  calls.errors.length = 0;
  calls.warnings.length = 0;
  calls.panels.length = 0;
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

export const Uri = {
  file: (p) => ({ path: p, fsPath: p, toString: () => `file://${p}` }),
  joinPath: (base, ...parts) => ({ path: [base.path, ...parts].join('/'), toString: () => `file://${[base.path, ...parts].join('/')}` }),
};

export const window = {
  createWebviewPanel(viewType, title, _column, options) {
    const panel = new FakePanel(viewType, title, options);
    calls.panels.push(panel);
    return panel;
  },
  showErrorMessage: async (m) => void calls.errors.push(m),
  showWarningMessage: async (m) => void calls.warnings.push(m),
};
