// The extension as VS Code loads it: activation, the manifest's commands and the
// workspace's settings, checked against the real `vscode` API. (Setting defaults are
// checked in test/unit: package.json against src/host/settings.ts and what the code reads.)
'use strict';

const assert = require('node:assert/strict');
const vscode = require('vscode');

const EXTENSION_ID = 'reciprocity.reciprocity';

function extension() {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is installed`);
  return ext;
}

describe('Reciprocity in the extension host', () => {
  it('activates without throwing', async () => {
    const ext = extension();
    await ext.activate();
    assert.equal(ext.isActive, true);
  });

  it('registers every command that package.json contributes', async () => {
    await extension().activate();
    const contributed = extension().packageJSON.contributes.commands.map((c) => c.command);
    assert.ok(contributed.length > 0, 'package.json contributes commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], 'contributed but not registered');
  });

  it('registers no reciprocity.* command that package.json leaves out', async () => {
    await extension().activate();
    const contributed = new Set(extension().packageJSON.contributes.commands.map((c) => c.command));
    const ours = (await vscode.commands.getCommands(true)).filter((id) => id.startsWith('reciprocity.'));
    // VS Code adds focus/visibility commands for contributed views (e.g. reciprocity.retros.focus).
    const viewIds = Object.values(extension().packageJSON.contributes.views ?? {}).flat().map((v) => v.id);
    const extra = ours.filter((id) => !contributed.has(id) && !viewIds.some((v) => id.startsWith(`${v}.`)));
    assert.deepEqual(extra, [], 'registered but not in package.json');
  });

  it('sees the workspace roster from .vscode/settings.json', () => {
    const roster = vscode.workspace.getConfiguration('reciprocity').get('roster');
    assert.deepEqual(roster, ['Ada', 'Grace', 'Linus', 'Margaret']);
  });
});
