import type { Page } from 'playwright-core';
export function runCommand(page: Page, title: string, options?: { timeoutMs?: number }): Promise<void>;
