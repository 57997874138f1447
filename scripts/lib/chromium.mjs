// Debian's chromium, driven by playwright-core (which downloads no browser).
import fs from 'node:fs';
import { which } from './proc.mjs';
import { MissingPrerequisite } from './prereqs.mjs';

/** Without the networking flags Chromium fills a closed network with refused connections. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** CHROMIUM_PATH, else `command -v chromium` / `chromium-browser`, else undefined. */
export function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv && fs.existsSync(fromEnv)) return fromEnv;
  return which('chromium') ?? which('chromium-browser');
}

/**
 * Chromium's headless shell (Debian's `chromium-headless-shell`: the same engine and version
 * as `chromium`, without the browser's own window, tab strip and omnibox): CHROMIUM_PATH
 * when set (an explicit choice wins), else CHROMIUM_HEADLESS_SHELL, else
 * `command -v chromium-headless-shell`, else undefined. Full Chromium's headless mode draws
 * its own UI as pages load (a throbber animating in a tab, frames composited for it, an
 * omnibox WebUI started after launch): the same webview test file cost 22-27 s of CPU with
 * the shell and 38-43 s with chromium, run alternately at load 17-20.
 */
export function findHeadlessShell() {
  if (process.env.CHROMIUM_PATH && fs.existsSync(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH;
  const fromEnv = process.env.CHROMIUM_HEADLESS_SHELL;
  if (fromEnv && fs.existsSync(fromEnv)) return fromEnv;
  return which('chromium-headless-shell');
}

export function requireChromium() {
  const found = findChromium();
  if (found) return found;
  throw new MissingPrerequisite(
    'Chromium (for playwright-core; set CHROMIUM_PATH to use another build)',
    'apt-get update && apt-get install -y chromium',
  );
}

/**
 * Launches headless Chromium; `playwright-core` is imported lazily so the lib loads without it.
 * `args` are added to CHROMIUM_ARGS. With `shell`, the headless shell when there is one
 * (findHeadlessShell), else chromium.
 */
export async function launchChromium({ headless = true, args = [], shell = false } = {}) {
  const { chromium } = await import('playwright-core');
  const executablePath = (shell && headless && findHeadlessShell()) || requireChromium();
  return chromium.launch({ executablePath, headless, args: [...CHROMIUM_ARGS, ...args] });
}
