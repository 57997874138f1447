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
 * `args` are added to CHROMIUM_ARGS.
 */
export async function launchChromium({ headless = true, args = [] } = {}) {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: requireChromium(), headless, args: [...CHROMIUM_ARGS, ...args] });
}
