export const CHROMIUM_ARGS: string[];
export function findChromium(): string | undefined;
export function findHeadlessShell(): string | undefined;
export function requireChromium(): string;
/**
 * `args` are added to CHROMIUM_ARGS. `disableFeatures` / `enableFeatures` (and any
 * `--disable-features=` / `--enable-features=` in `args`) are merged with Playwright's own lists
 * into one switch each: Chromium reads only the last of repeated switches.
 */
export function launchChromium(options?: {
  headless?: boolean;
  args?: string[];
  shell?: boolean;
  disableFeatures?: string[];
  enableFeatures?: string[];
}): Promise<import('playwright-core').Browser>;
/** The switches Playwright passes to a headless Chromium it launches, read once per process. */
export function playwrightSwitches(): Promise<string[]>;
