export const CHROMIUM_ARGS: string[];
export function findChromium(): string | undefined;
export function requireChromium(): string;
/** CHROMIUM_PATH, else CHROMIUM_HEADLESS_SHELL, else `command -v chromium-headless-shell`, else undefined. */
export function findHeadlessShell(): string | undefined;
/** `args` are added to CHROMIUM_ARGS; with `shell`, the headless shell when there is one. */
export function launchChromium(options?: { headless?: boolean; args?: string[]; shell?: boolean }): Promise<import('playwright-core').Browser>;
