import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Commands } from '../../src/host/commandIds';

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

function* sources(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* sources(p);
    else if (p.endsWith('.ts')) yield readFileSync(p, 'utf8');
  }
}

function registeredCommandIds(): Set<string> {
  const keys = new Set<string>();
  for (const text of sources(join(root, 'src'))) {
    for (const m of text.matchAll(/registerFailableCommand\(\s*Commands\.(\w+)/g)) keys.add(m[1]);
  }
  return new Set([...keys].map((k) => (Commands as Record<string, string>)[k]).filter(Boolean));
}

describe('manifest', () => {
  const contributed: { command: string; title: string; category: string }[] = pkg.contributes.commands;

  it('has the public identity', () => {
    assert.equal(pkg.name, 'reciprocity');
    assert.equal(pkg.displayName, 'Reciprocity — balanced team retros');
    assert.ok(pkg.bin.reciprocity, 'declares the reciprocity CLI in bin');
  });

  it('registers every contributed command in code, and contributes every registered one', () => {
    const registered = registeredCommandIds();
    const ids = new Set(contributed.map((c) => c.command));
    assert.deepEqual([...ids].filter((id) => !registered.has(id)), [], 'contributed but not registered');
    assert.deepEqual([...registered].filter((id) => !ids.has(id)), [], 'registered but not contributed');
    assert.deepEqual(new Set(Object.values(Commands)), ids, 'commandIds.ts and package.json list the same ids');
  });

  it('puts every command under the Reciprocity category with a reciprocity. id', () => {
    for (const c of contributed) {
      assert.equal(c.category, 'Reciprocity', c.command);
      assert.match(c.command, /^reciprocity\./);
    }
    const titles = contributed.map((c) => `${c.category}: ${c.title}`);
    for (const t of ['Reciprocity: Start Retro', 'Reciprocity: Open Participation Summary', 'Reciprocity: Import Meeting Transcript']) {
      assert.ok(titles.includes(t), t);
    }
  });

  it('keeps @types/vscode no newer than the engine floor', () => {
    const floor = String(pkg.engines.vscode).replace(/^[^\d]*/, '');
    const types = String(pkg.devDependencies['@types/vscode']).replace(/^[^\d]*/, '');
    const [a, b] = [floor, types].map((v) => v.split('.').map(Number));
    assert.ok(b[0] < a[0] || (b[0] === a[0] && b[1] <= a[1]), `@types/vscode ${types} is newer than engines.vscode ${floor}`);
  });

  it('ships only bundles and media in the .vsix allow-list', () => {
    const ignore = readFileSync(join(root, '.vscodeignore'), 'utf8');
    assert.match(ignore, /^\*\*$/m);
    assert.doesNotMatch(ignore, /node_modules/);
  });
});
