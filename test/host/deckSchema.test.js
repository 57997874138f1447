// The deck JSON Schema the extension contributes through `jsonValidation`, checked by VS
// Code's own JSON language service: a deck file with a mistake gets a diagnostic on the
// field as the person types, and a good one gets none.
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const vscode = require('vscode');

function deckFile(name, value) {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the host tests run with a workspace folder');
  const file = path.join(folder.uri.fsPath, '.reciprocity', 'decks', `${name}-${crypto.randomUUID()}.json`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(value, null, 2));
  return vscode.Uri.file(file);
}

async function diagnosticsFor(uri, until, timeoutMs = 30_000) {
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc, { preview: false });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = vscode.languages.getDiagnostics(uri);
    if (until(found) || Date.now() > deadline) return found;
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('Deck files are checked by the contributed JSON Schema', function () {
  this.timeout(60_000);
  const created = [];
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const uri of created) fs.rmSync(uri.fsPath, { force: true });
  });

  it('flags a prompt whose depth is outside 1–4', async () => {
    const uri = deckFile('bad', {
      id: 'bad-deck',
      name: 'Bad deck',
      prompts: [{ id: 'p1', depth: 7, topic: 'sprint', text: 'One word for your sprint.' }],
    });
    created.push(uri);
    const found = await diagnosticsFor(uri, (d) => d.length > 0);
    assert.ok(found.length > 0, 'VS Code reports the mistake');
    const doc = await vscode.workspace.openTextDocument(uri);
    const flagged = found.map((d) => doc.getText(d.range));
    assert.ok(flagged.some((t) => t.includes('7')), `the depth value is the flagged range, got ${JSON.stringify(flagged)}`);
  });

  it('accepts a well-formed deck', async () => {
    const uri = deckFile('good', {
      id: 'good-deck',
      name: 'Good deck',
      prompts: [
        { id: 'p1', depth: 1, topic: 'sprint', text: 'One word for your sprint.' },
        { id: 'p2', depth: 2, topic: 'surprise', text: 'What surprised you this sprint?' },
      ],
    });
    created.push(uri);
    // Give the language service time to have answered; a good file stays clean.
    const found = await diagnosticsFor(uri, () => false, 4000);
    assert.deepEqual(found.map((d) => d.message), []);
  });
});
