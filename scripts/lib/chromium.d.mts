export const CHROMIUM_ARGS: string[];
export function findChromium(): string | undefined;
export function requireChromium(): string;
/** `args` are added to CHROMIUM_ARGS. */
export function launchChromium(options?: { headless?: boolean; args?: string[] }): Promise<import('playwright-core').Browser>;
