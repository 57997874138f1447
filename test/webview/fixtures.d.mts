// Types for fixtures.mjs. The views follow src/protocol.ts RetroView.
import type { RetroView } from '../../src/protocol.js';

export function retroView(overrides?: Partial<RetroView>): RetroView;
export function bigView(members?: number, count?: number): RetroView;
export function withOneMore(view: RetroView): RetroView;
