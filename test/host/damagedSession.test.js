// A session file that cannot be read, opened through the real command inside the
// extension host: the command fails with a message instead of throwing, the damaged
// file is moved aside byte for byte (never overwritten), and no panel opens. A file
// from a newer version is refused but left exactly where it is.
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const vscode = require('vscode');

const EXTENSION_ID = 'reciprocity.reciprocity';
const FOLDER = '.reciprocity/host-test-sessions';

function sessionsDir() {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the host tests run with a workspace folder');
  return path.join(folder.uri.fsPath, FOLDER);
}

function retroTabs() {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('reciprocity.retro'));
}

function writeSession(text) {
  const id = `host-test-${crypto.randomUUID()}`;
  const file = path.join(sessionsDir(), `${id}.json`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return { id, file };
}

function keptAside(id) {
  return fs.readdirSync(sessionsDir()).filter((n) => n.startsWith(`${id}.damaged-`) && n.endsWith('.json'));
}

describe('A damaged session file, opened with reciprocity.resumeRetro', function () {
  this.timeout(20_000);
  const config = () => vscode.workspace.getConfiguration('reciprocity');

  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID).activate();
    // Sessions in a workspace folder, so this test can put files where the store reads them.
    await config().update('storage', 'workspaceFolder', vscode.ConfigurationTarget.Workspace);
    await config().update('storageFolder', FOLDER, vscode.ConfigurationTarget.Workspace);
  });

  after(async () => {
    await config().update('storage', undefined, vscode.ConfigurationTarget.Workspace);
    await config().update('storageFolder', undefined, vscode.ConfigurationTarget.Workspace);
    fs.rmSync(sessionsDir(), { recursive: true, force: true });
  });

  it('keeps corrupt JSON aside, byte for byte, and opens no panel', async () => {
    const text = '{"v":1,"kind":"reciprocity-session","id":"x","events":[{"type":"session.crea';
    const { id, file } = writeSession(text);
    const before = retroTabs().length;
    // A failable command: the error reaches the user as a message, the promise resolves.
    await vscode.commands.executeCommand('reciprocity.resumeRetro', id);
    assert.equal(fs.existsSync(file), false, 'the damaged file is no longer where the store would overwrite it');
    const aside = keptAside(id);
    assert.equal(aside.length, 1, `one .damaged-*.json next to it (found ${aside.join(', ')})`);
    assert.equal(fs.readFileSync(path.join(sessionsDir(), aside[0]), 'utf8'), text, 'kept unchanged');
    assert.equal(retroTabs().length, before, 'no retro panel opened');
  });

  it('keeps valid JSON that is not a session aside too', async () => {
    const text = JSON.stringify({ v: 1, kind: 'reciprocity-session', id: 'nope', events: 'not a list' });
    const { id, file } = writeSession(text);
    await vscode.commands.executeCommand('reciprocity.resumeRetro', id);
    assert.equal(fs.existsSync(file), false);
    assert.equal(keptAside(id).length, 1);
  });

  it('refuses a file from a newer version but leaves it exactly where it is', async () => {
    const text = JSON.stringify({ v: 99, kind: 'reciprocity-session', id: 'future', events: [] });
    const { id, file } = writeSession(text);
    await vscode.commands.executeCommand('reciprocity.resumeRetro', id);
    assert.equal(fs.readFileSync(file, 'utf8'), text, 'untouched');
    assert.equal(keptAside(id).length, 0, 'not moved aside');
  });

  it('lists a damaged file in Past Retros without touching it', async () => {
    const { id, file } = writeSession('not json at all');
    // The tree reads the folder through the same store; it must not move or rewrite files.
    await vscode.commands.executeCommand('reciprocity.refreshRetros');
    await vscode.commands.executeCommand('reciprocity.retros.focus');
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(fs.readFileSync(file, 'utf8'), 'not json at all');
    assert.equal(keptAside(id).length, 0);
  });
});
