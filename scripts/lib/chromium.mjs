// Debian's chromium, driven by playwright-core (which downloads no browser).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
 *
 * `disableFeatures` / `enableFeatures` are merged with Playwright's own lists into a single
 * `--disable-features` / `--enable-features` switch. Chromium reads only the last of repeated
 * switches, and Playwright passes its own (background services, paint holding, HTTPS upgrades:
 * playwrightSwitches), before the caller's `args`: a `--disable-features=` in `args` replaced
 * Playwright's list (read back from chrome://version and a renderer's command line). So such a
 * switch in `args` is folded into the merged one too, and Playwright's own switch is left out
 * (`ignoreDefaultArgs`): the browser gets exactly one of each.
 */
export async function launchChromium({ headless = true, args = [], shell = false, disableFeatures = [], enableFeatures = [] } = {}) {
  const { chromium } = await import('playwright-core');
  const executablePath = (shell && headless && findHeadlessShell()) || requireChromium();
  const features = { disable: [...disableFeatures], enable: [...enableFeatures] };
  const rest = [];
  for (const arg of [...CHROMIUM_ARGS, ...args]) {
    const switched = FEATURE_SWITCH.exec(arg);
    if (switched) features[switched[1]].push(...switched[2].split(','));
    else rest.push(arg);
  }
  if (!features.disable.length && !features.enable.length) return chromium.launch({ executablePath, headless, args: rest });
  const ignoreDefaultArgs = [];
  const merged = [];
  for (const kind of /** @type {const} */ (['disable', 'enable'])) {
    if (!features[kind].length) continue;
    const theirs = (await playwrightSwitches()).filter((arg) => arg.startsWith(`--${kind}-features=`));
    ignoreDefaultArgs.push(...theirs);
    const names = [...theirs.flatMap((arg) => arg.slice(`--${kind}-features=`.length).split(',')), ...features[kind]];
    merged.push(`--${kind}-features=${[...new Set(names.filter(Boolean))].join(',')}`);
  }
  return chromium.launch({ executablePath, headless, args: [...rest, ...merged], ignoreDefaultArgs });
}

const FEATURE_SWITCH = /^--(disable|enable)-features=(.*)$/;

let ownSwitches;

/**
 * The switches Playwright itself passes to a headless Chromium it launches (its own
 * --disable-features and --enable-features among them), once per process. playwright-core
 * bundles the list (chromiumSwitches in lib/coreBundle.js) without exporting it, so it is read
 * from a dry run instead of a browser: Playwright launches a stub executable that writes its
 * arguments to a file and exits (~0.1 s; a probe browser and its chrome://version ~0.5-2.5 s,
 * and the headless shell has no chrome://version).
 */
export function playwrightSwitches() {
  ownSwitches ??= readPlaywrightSwitches().catch((e) => {
    ownSwitches = undefined;
    throw e;
  });
  return ownSwitches;
}

async function readPlaywrightSwitches() {
  const { chromium } = await import('playwright-core');
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'reciprocity-playwright-switches-'));
  const stub = path.join(dir, 'chromium');
  const out = path.join(dir, 'args');
  try {
    await fs.promises.writeFile(stub, `#!/bin/sh\nprintf '%s\\n' "$@" > "$RECIPROCITY_SWITCHES_OUT"\n`, { mode: 0o755 });
    // The launch fails once the stub has exited: what it wrote is the point.
    await chromium.launch({ executablePath: stub, headless: true, timeout: 15000, env: { ...process.env, RECIPROCITY_SWITCHES_OUT: out } }).then(
      (browser) => browser.close(),
      () => undefined,
    );
    const written = await fs.promises.readFile(out, 'utf8').catch(() => '');
    const switches = written.split('\n').filter((arg) => arg.startsWith('--'));
    if (!switches.length) throw new Error(`Playwright's dry run to ${stub} wrote no arguments: cannot merge --disable-features with Playwright's own`);
    return switches;
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}
