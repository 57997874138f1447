// A stand-in for a vscode.WebviewPanel, for RetroPanel's tests: what the host posts is kept
// in `posted`, and `say` plays the webview. By default both directions are checked against
// the protocol, as the real webview and host would; `checked: false` keeps whatever is
// posted, for a test whose source stands a bare object in for the snapshot.
import { strict as assert } from 'node:assert';
import { FakeEmitter } from './fakeVscode';
import { parseHostMessage, parseWebviewMessage, type HostToWebview } from '../../../src/protocol';

export function fakePanel({ checked = true }: { checked?: boolean } = {}) {
  const received = new FakeEmitter<unknown>();
  const disposed = new FakeEmitter<void>();
  const viewState = new FakeEmitter<void>();
  const posted: HostToWebview[] = [];
  const panel = {
    visible: true,
    title: '',
    iconPath: undefined as unknown,
    webview: {
      options: {},
      html: '',
      cspSource: 'vscode-resource:',
      asWebviewUri: (u: unknown) => u,
      onDidReceiveMessage: received.event,
      postMessage: (m: unknown) => {
        if (!checked) {
          posted.push(m as HostToWebview);
          return Promise.resolve(true);
        }
        // What the webview would accept, or the test fails here.
        const parsed = parseHostMessage(m);
        if (!parsed.ok) throw new Error(parsed.error);
        posted.push(parsed.value);
        return Promise.resolve(true);
      },
    },
    onDidChangeViewState: viewState.event,
    onDidDispose: disposed.event,
  };
  const say = (m: unknown) => {
    if (checked) assert.ok(parseWebviewMessage(m).ok, `the host accepts ${JSON.stringify(m)}`);
    received.fire(m);
  };
  const hide = () => {
    panel.visible = false;
    viewState.fire();
  };
  return { panel, posted, say, hide, close: () => disposed.fire() };
}
