// Prompt rotation: fresh prompts first, then whichever was used least recently, so a
// team meeting every sprint does not hear the same questions each time.
import type { Deck, Depth, Prompt } from '../types';

export interface PickHistory {
  /** Prompt ids shown in this session, in the order shown. */
  shownInSession: readonly string[];
  /** Prompt ids shown in the team's recent retros, oldest first. */
  recentlyUsed: readonly string[];
  /** Chooses among equally fresh prompts; without it the deck order decides. */
  random?: () => number;
}

/** The freshest prompt at `depth`, or null when the deck has none at that depth. */
export function pickPrompt(deck: Deck, depth: Depth, history: PickHistory): Prompt | null {
  const candidates = deck.prompts.filter((p) => p.depth === depth);
  if (candidates.length === 0) return null;
  const lastUse = lastUseIndex(history);
  let best: Prompt[] = [];
  let bestScore = Infinity;
  for (const prompt of candidates) {
    const score = lastUse.get(prompt.id) ?? -1;
    if (score < bestScore) {
      bestScore = score;
      best = [prompt];
    } else if (score === bestScore) best.push(prompt);
  }
  const i = history.random ? Math.min(best.length - 1, Math.floor(history.random() * best.length)) : 0;
  return best[i] ?? null;
}

/** One timeline: recent retros first, then this session, so this session always counts as most recent. */
function lastUseIndex(history: PickHistory): Map<string, number> {
  const last = new Map<string, number>();
  history.recentlyUsed.forEach((id, i) => last.set(id, i));
  const offset = history.recentlyUsed.length;
  history.shownInSession.forEach((id, i) => last.set(id, offset + i));
  return last;
}

/** How many prompts at `depth` have not been shown in this session yet. */
export function promptsLeftAtDepth(deck: Deck, depth: Depth, shownInSession: readonly string[]): number {
  const shown = new Set(shownInSession);
  return deck.prompts.filter((p) => p.depth === depth && !shown.has(p.id)).length;
}
