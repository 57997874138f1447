// Types for fixtures.mjs. The views follow src/protocol.ts RetroView.
import type { RetroView } from '../../src/protocol.js';

export function retroView(overrides?: Partial<RetroView>): RetroView;
export function bigView(members?: number, count?: number): RetroView;
/** bigView as code for a page to run (the harness's snapshotSource). */
export function bigViewSource(members?: number, count?: number): string;
export function withOneMore(view: RetroView): RetroView;
