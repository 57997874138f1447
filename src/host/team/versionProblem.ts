// A team retro whose host speaks another protocol than this Reciprocity (src/sync/wire.ts,
// PROTOCOL_VERSION). The member, or a facilitator on a team server, is told why in an error
// message with one way forward: Reciprocity's page in the Extensions view, to update it.
import * as vscode from 'vscode';
import type { Said } from '../../domain/said';
import { plainMessage } from '../plainMessage';

const VERSION_KEYS: ReadonlySet<Said['key']> = new Set<Said['key']>(['hostNewer', 'hostOlder', 'hostUnversioned']);

/** Whether a connection's problem is a protocol version that does not match. */
export function isVersionProblem(said: Said | null | undefined): boolean {
  return said !== null && said !== undefined && VERSION_KEYS.has(said.key);
}

/** Shows why (already in the display language) and opens Reciprocity in the Extensions view if asked. */
export async function showVersionProblem(text: string, extensionId: string): Promise<void> {
  const show = vscode.l10n.t('Show Extension');
  const pick = await vscode.window.showErrorMessage(plainMessage(text), show);
  if (pick === show) await vscode.commands.executeCommand('extension.open', extensionId);
}
