// The packaged extension: reciprocity-<version>.vsix at the repo root.
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './paths.mjs';
import { runInherited } from './proc.mjs';

export function readManifest() {
  return JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
}

export function vsixPath() {
  const { name, version } = readManifest();
  return path.join(repoRoot, `${name}-${version}.vsix`);
}

/** The folder `code-server --install-extension` unpacks the vsix into. */
export function installedExtensionDir(extensionsDir) {
  const { publisher, name, version } = readManifest();
  return path.join(extensionsDir, `${publisher}.${name}-${version}`.toLowerCase());
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, fs.statSync(path.join(entry.parentPath ?? entry.path, entry.name)).mtimeMs);
  }
  return newest;
}

/** Why the vsix must be (re)built, or undefined when it is up to date. */
export function vsixStaleReason(file = vsixPath()) {
  if (!fs.existsSync(file)) return `${path.basename(file)} does not exist`;
  const built = fs.statSync(file).mtimeMs;
  const inputs = ['src', 'media'].map((d) => path.join(repoRoot, d)).filter((d) => fs.existsSync(d));
  const newest = Math.max(fs.statSync(path.join(repoRoot, 'package.json')).mtimeMs, ...inputs.map(newestMtime));
  return newest > built ? `${path.basename(file)} is older than its sources` : undefined;
}

/**
 * `npm run package` unless the vsix is up to date; returns its path.
 * E2E_USE_EXISTING_VSIX=1 takes an existing vsix as it is (e.g. one CI just built).
 */
export async function ensureVsix({ log = console.log } = {}) {
  const file = vsixPath();
  const reason = process.env.E2E_USE_EXISTING_VSIX && fs.existsSync(file) ? undefined : vsixStaleReason(file);
  if (reason) {
    log(`${reason}: running npm run package`);
    const code = await runInherited('npm', ['run', 'package'], { cwd: repoRoot });
    if (code !== 0 || !fs.existsSync(file)) throw new Error(`npm run package failed (exit ${code}); no ${path.basename(file)}`);
  }
  return file;
}
