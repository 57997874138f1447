// Types for harness.mjs, so the TypeScript benchmark can use it.
import type { Browser, Page } from 'playwright-core';

export const ROOT: string;
export const CHROMIUM: string;
export const LAUNCH_ARGS: string[];
export function buildWebview(): Promise<void>;
export function chromiumPath(): string;
export function launch(): Promise<Browser>;

export interface PanelOptions {
  theme?: 'light' | 'dark' | 'hc';
  snapshot?: unknown;
  uiState?: unknown;
  viewport?: { width: number; height: number };
}
export interface Server {
  origin: string;
  page(options?: PanelOptions): string;
  close(): Promise<void>;
}
export interface Panel {
  page: Page;
  errors: string[];
  close(): Promise<void>;
  sent(): Promise<unknown[]>;
  intents(): Promise<unknown[]>;
  clearSent(): Promise<void>;
  push(message: unknown): Promise<void>;
  snapshot(view: unknown): Promise<void>;
  violations(): Promise<string[]>;
}
export function startServer(): Promise<Server>;
export function openPanel(browser: Browser, server: Server, options?: PanelOptions): Promise<Panel>;
