// Types for harness.mjs, so the TypeScript benchmark can use it.
import type { Browser, BrowserContext, Page } from 'playwright-core';

export const ROOT: string;
/** Features the suite's browser runs without, merged with Playwright's own list. */
export const TEST_DISABLED_FEATURES: string[];
export function buildWebview(): Promise<void>;
export function launch(): Promise<Browser>;

export interface PanelOptions {
  theme?: 'light' | 'dark' | 'hc';
  snapshot?: unknown;
  /**
   * Instead of snapshot: a JS expression that builds it in the page, posted by window.postMessage:
   * on `ready` with `newest` = 20 (a first snapshot), on `history` with `newest` undefined.
   */
  snapshotSource?: string;
  uiState?: unknown;
  viewport?: { width: number; height: number };
  /** A clockPool to take the page from (a test that installs Playwright's clock). */
  pool?: PagePool;
  /** Without a pool: a page in a browser context of its own, closed with the panel. */
  isolated?: boolean;
  /** false: the page without the early script (src/webview/early.ts), as an older host's page. */
  early?: boolean;
  /** A translation bundle placed in the page as the host does. */
  l10n?: unknown;
  /**
   * The same page with an empty panel's bundle instead of dist/webview.js: it renders one heading
   * and marks boot and interactive after one layout (the webview bench's baseline).
   */
  blank?: boolean;
}
/** Pages in a browser context of their own, where Playwright's clock may be installed. */
export interface PagePool {
  context: BrowserContext;
}
export function clockPool(): Promise<PagePool>;
export interface Server {
  origin: string;
  page(options?: PanelOptions): string;
  close(): Promise<void>;
}
export interface Panel {
  page: Page;
  errors: string[];
  /** Closes the panel; a pooled page goes back to the pool unless `discard`. */
  close(how?: { discard?: boolean }): Promise<void>;
  sent(): Promise<unknown[]>;
  intents(): Promise<unknown[]>;
  clearSent(): Promise<void>;
  push(message: unknown): Promise<void>;
  snapshot(view: unknown): Promise<void>;
  violations(): Promise<string[]>;
}
export function startServer(): Promise<Server>;
export function openPanel(browser: Browser, server: Server, options?: PanelOptions): Promise<Panel>;
/** The run's shared browser, page server and page pool (closed by setup.mjs). */
export function sharedBrowser(): Promise<Browser>;
export function sharedServer(): Promise<Server>;
export function closeShared(): Promise<void>;
export function acquirePage(viewport?: { width: number; height: number }, pool?: PagePool): Promise<{ page: Page; context: BrowserContext; release(how?: { discard?: boolean }): Promise<void> }>;
