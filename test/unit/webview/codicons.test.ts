// src/webview/codicons.ts is generated from @vscode/codicons' SVG sources by
// scripts/codicons.mjs. The oracle here is the package's own files, read with a pattern of the
// test's own, not the generator's parser.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as codicons from '../../../src/webview/codicons';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const ICONS_DIR = path.join(ROOT, 'node_modules', '@vscode', 'codicons', 'src', 'icons');

interface ParsedPath {
  d: string;
  evenodd?: true;
}
interface Generator {
  ICONS: string[];
  parseIcon(this: void, name: string, source: string): ParsedPath[];
}
// The generator is an ES module run by node; mocha runs this file as CommonJS.
const generator = (): Promise<Generator> => import(path.join(ROOT, 'scripts', 'codicons.mjs')) as Promise<Generator>;

const exported = Object.values(codicons) as codicons.Codicon[];

describe('codicons (generated from @vscode/codicons)', () => {
  it('draws each icon with the path data and fill rule of the package\'s own SVG', () => {
    assert.ok(exported.length >= 9, `only ${exported.length} icons`);
    for (const icon of exported) {
      const source = readFileSync(path.join(ICONS_DIR, `${icon.name}.svg`), 'utf8');
      const paths = [...source.matchAll(/<path\s([^>]*)>/g)].map((m) => ({
        d: /\bd="([^"]*)"/.exec(m[1])?.[1],
        evenodd: /fill-rule="evenodd"/.test(m[1]),
      }));
      assert.ok(paths.length > 0, icon.name);
      assert.deepEqual(
        icon.paths.map((p) => ({ d: p.d, evenodd: p.evenodd === true })),
        paths,
        icon.name,
      );
    }
  });

  it('holds exactly the icons the generator lists, and the file is what it would write now', async () => {
    const { ICONS } = await generator();
    assert.deepEqual(exported.map((i) => i.name).sort(), [...ICONS].sort());
    const check = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'codicons.mjs'), '--check'], { encoding: 'utf8' });
    assert.equal(check.status, 0, check.stderr);
  });

  it('refuses an SVG it would draw wrong, naming the icon', async () => {
    const { parseIcon } = await generator();
    const head = '<svg width="16" height="16" viewBox="0 0 16 16" xmlns="http://www.w3.org/2000/svg" fill="currentColor">';
    assert.deepEqual(parseIcon('ok', `${head}<path fill-rule="evenodd" clip-rule="evenodd" d="M1 1H2Z"/></svg>`), [{ d: 'M1 1H2Z', evenodd: true }]);
    assert.throws(() => parseIcon('grouped', `${head}<g><path d="M1 1H2Z"/></g></svg>`), /codicon grouped: not a 16x16 SVG of paths/);
    assert.throws(() => parseIcon('round', `${head}<circle cx="8" cy="8" r="4"/></svg>`), /codicon round: not a 16x16 SVG/);
    assert.throws(() => parseIcon('big', '<svg width="24" height="24" viewBox="0 0 24 24" xmlns="http://www.w3.org/2000/svg" fill="currentColor"><path d="M1 1Z"/></svg>'), /codicon big/);
    assert.throws(() => parseIcon('moved', `${head}<path d="M1 1Z" transform="scale(2)"/></svg>`), /codicon moved: path attribute transform is not drawn/);
    assert.throws(() => parseIcon('script', `${head}<path d="javascript:alert(1)"/></svg>`), /codicon script: path data .* is not path data/);
  });
});
