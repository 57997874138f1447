// The one owner of acquireVsCodeApi() in the summary webview (it may be called only once).
import type { SummaryWebviewMessage, SummaryWebviewState } from '../../summaryProtocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();

export function post(message: SummaryWebviewMessage): void {
  api.postMessage(message);
}

export function saveState(state: SummaryWebviewState): void {
  api.setState(state);
}

export function log(level: 'info' | 'warn' | 'error', message: string): void {
  post({ type: 'log', level, message: message.slice(0, 2000) });
}
