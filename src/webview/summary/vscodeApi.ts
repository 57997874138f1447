// The one owner of acquireVsCodeApi() in the summary webview (it may be called only once).
import { parseSummaryWebviewMessage, type SummaryWebviewMessage, type SummaryWebviewState } from '../../summaryProtocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();

/** Sends a message after checking it against the same schema the host uses. */
export function post(message: SummaryWebviewMessage): boolean {
  const checked = parseSummaryWebviewMessage(message);
  if (checked.ok) api.postMessage(checked.value);
  else if (message.type !== 'log') log('error', `summary webview did not send ${message.type}: ${checked.error}`);
  return checked.ok;
}

export function saveState(state: SummaryWebviewState): void {
  api.setState(state);
}

export function log(level: 'info' | 'warn' | 'error', message: string): void {
  api.postMessage({ type: 'log', level, message: message.slice(0, 2000) });
}
