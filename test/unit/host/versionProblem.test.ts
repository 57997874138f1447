// Issue 9, protocol versions: a member whose Reciprocity does not match the host's is told
// why, in the display language, with a way to update (Reciprocity in the Extensions view).
import { strict as assert } from 'node:assert';
import { fakeVscode } from './fakeVscode';
import { saidEnglish, type Said } from '../../../src/domain/said';
import { TeamRetro } from '../../../src/host/team/teamRetro';
import type { SyncModule } from '../../../src/host/team/syncModule';
import { isVersionProblem, showVersionProblem } from '../../../src/host/team/versionProblem';

/** Stands in for the sync bundle's TeamClient: a test refuses it as the real one would be. */
class RefusableClient {
  status = 'connecting';
  problemSaid: Said | null = null;
  problem: string | null = null;
  constructor(private readonly o: { onChange?: (c: RefusableClient) => void }) {}
  refuse(said: Said): void {
    this.status = 'refused';
    this.problemSaid = said;
    this.problem = saidEnglish(said);
    this.o.onChange?.(this);
  }
  announce(): void {}
  destroy(): void {}
}

function memberRetro(told: string[]): { retro: TeamRetro; client: RefusableClient } {
  const sync = { TeamClient: RefusableClient } as unknown as SyncModule;
  const retro = new TeamRetro({ sync, role: 'member', urls: ['ws://127.0.0.1:4123'], retro: 'retro-1', token: 'T'.repeat(43), balance: {}, onVersionProblem: (text) => told.push(text) });
  return { retro, client: retro.client as unknown as RefusableClient };
}

describe('a host of another protocol version (issue 9)', () => {
  const { t } = fakeVscode.l10n;
  const { showErrorMessage } = fakeVscode.window;
  const { executeCommand } = fakeVscode.commands;
  afterEach(() => {
    fakeVscode.l10n.t = t;
    fakeVscode.window.showErrorMessage = showErrorMessage;
    fakeVscode.commands.executeCommand = executeCommand;
  });

  it('says which side to update, in the words the member reads', () => {
    assert.equal(saidEnglish({ key: 'hostNewer', protocol: 3 }), "This retro's host runs a newer Reciprocity (protocol 3); update Reciprocity to join.");
    assert.equal(saidEnglish({ key: 'hostOlder', protocol: 2 }), "This retro's host runs an older Reciprocity (protocol 2); ask the host to update Reciprocity.");
    assert.equal(saidEnglish({ key: 'hostUnversioned' }), "This retro's host runs an older Reciprocity; ask the host to update Reciprocity.");
    assert.equal(isVersionProblem({ key: 'hostNewer', protocol: 3 }), true);
    assert.equal(isVersionProblem({ key: 'hostUnversioned' }), true);
    assert.equal(isVersionProblem({ key: 'connectionRefused', reason: 'permission-denied' }), false);
    assert.equal(isVersionProblem(null), false);
  });

  it('shows an error with "Show Extension", which opens Reciprocity in the Extensions view', async () => {
    const shown: { message: string; items: string[] }[] = [];
    const ran: unknown[][] = [];
    fakeVscode.commands.executeCommand = (command: string, ...args: unknown[]) => {
      ran.push([command, ...args]);
      return Promise.resolve(undefined);
    };
    fakeVscode.window.showErrorMessage = (message: string, ...items: string[]) => {
      shown.push({ message, items });
      return Promise.resolve(items[0]);
    };
    const text = saidEnglish({ key: 'hostNewer', protocol: 3 });
    await showVersionProblem(text, 'reciprocity.reciprocity');
    assert.deepEqual(shown, [{ message: text, items: ['Show Extension'] }]);
    assert.deepEqual(ran, [['extension.open', 'reciprocity.reciprocity']]);

    fakeVscode.window.showErrorMessage = () => Promise.resolve(undefined); // dismissed
    await showVersionProblem(text, 'reciprocity.reciprocity');
    assert.equal(ran.length, 1, 'nothing opens when the message is dismissed');
  });

  it('the action goes through l10n', async () => {
    fakeVscode.l10n.t = (message: string, ...args: unknown[]) => `⟦${t(message, ...args)}⟧`;
    let items: string[] = [];
    fakeVscode.window.showErrorMessage = (_message: string, ...offered: string[]) => {
      items = offered;
      return Promise.resolve(undefined);
    };
    await showVersionProblem('x', 'reciprocity.reciprocity');
    assert.deepEqual(items, ['⟦Show Extension⟧']);
  });

  it("a member's window tells once, in the display language, when its host speaks another protocol; other refusals are not told this way", () => {
    fakeVscode.l10n.t = (message: string, ...args: unknown[]) => `⟦${t(message, ...args)}⟧`;
    const told: string[] = [];
    const { retro, client } = memberRetro(told);
    assert.equal(retro.versionProblem, false);
    client.refuse({ key: 'hostNewer', protocol: 4 });
    client.refuse({ key: 'hostNewer', protocol: 4 }); // a reconnect refused again
    assert.deepEqual(told, ["⟦This retro's host runs a newer Reciprocity (protocol 4); update Reciprocity to join.⟧"]);
    assert.equal(retro.versionProblem, true);
    retro.dispose();

    const other = memberRetro(told);
    other.client.refuse({ key: 'connectionRefused', reason: 'permission-denied' });
    assert.equal(told.length, 1);
    assert.equal(other.retro.versionProblem, false);
    other.retro.dispose();
  });
});
