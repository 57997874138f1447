// Messages in and out of the webview. Everything is validated with the shared schemas in
// src/protocol.ts before it is used or sent, so a bad message is reported, never acted on.
import * as l10n from '@vscode/l10n';
import * as v from 'valibot';
import { WebviewToHostSchema, parseHostMessage, type HostToWebview, type Intent, type TeamAction } from '../protocol';
import { vscodeApi } from './vscodeApi';

let nextRequestId = 1;
/** Why nothing is sent: the extension host stopped answering (liveness.ts); null while it answers. */
let hostLost: string | null = null;

export function setHostLost(reason: string | null): void {
  hostLost = reason;
}

export type SendResult = { ok: true; requestId: number } | { ok: false; error: string };

export function postReady(): void {
  vscodeApi().postMessage({ type: 'ready' });
}

/** The first frame is up: the older contributions the first snapshot left out, please. */
export function postHistory(): void {
  vscodeApi().postMessage({ type: 'history' });
}

export function postLog(level: 'info' | 'warn' | 'error', message: string): void {
  vscodeApi().postMessage({ type: 'log', level, message: message.slice(0, 2000) });
}

export function postTeamAction(action: TeamAction): void {
  if (hostLost !== null) return;
  vscodeApi().postMessage({ type: 'team', action });
}

export function sendIntent(intent: Intent): SendResult {
  // Sent to a host that is gone, it would be lost without a word; said instead.
  if (hostLost !== null) return { ok: false, error: hostLost };
  const message = { type: 'intent' as const, requestId: nextRequestId, intent };
  const checked = v.safeParse(WebviewToHostSchema, message);
  if (!checked.success) {
    const issue = checked.issues[0];
    const detail = `${intent.kind}: ${v.getDotPath(issue) ?? 'message'}: ${issue.message}`;
    postLog('error', `Not sent (${detail})`);
    return { ok: false, error: l10n.t('Not sent ({0})', detail) };
  }
  nextRequestId += 1;
  vscodeApi().postMessage(checked.output);
  return { ok: true, requestId: message.requestId };
}

export type Incoming = { ok: true; message: HostToWebview } | { ok: false; error: string };

export function readHostMessage(data: unknown): Incoming {
  const parsed = parseHostMessage(data);
  if (parsed.ok) return { ok: true, message: parsed.value };
  postLog('error', `Ignored a malformed message from the extension (${parsed.error})`);
  return { ok: false, error: l10n.t('Ignored a malformed message from the extension ({0})', parsed.error) };
}
