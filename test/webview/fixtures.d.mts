// Types for fixtures.mjs. The views follow src/protocol.ts RetroView.
import type { RetroView } from '../../src/protocol.js';

export function retroView(overrides?: Partial<RetroView>): RetroView;
/** With `newest`: a first snapshot, the newest contributions and how many are left out. */
export function bigView(members?: number, count?: number, newest?: number): RetroView;
/** bigView as code for a page to run (the harness's snapshotSource), with `newest` in scope. */
export function bigViewSource(members?: number, count?: number): string;
export function withOneMore(view: RetroView): RetroView;
