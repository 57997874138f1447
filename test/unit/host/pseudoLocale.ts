// A pseudo-locale for l10n tests: every message through vscode.l10n.t is wrapped in ⟦…⟧ and
// every argument in ‹…›, so English that skipped l10n shows as words outside the wrappers.
import { fakeVscode } from './fakeVscode';

export const realT = fakeVscode.l10n.t;
export const pseudoT = (message: string, ...args: unknown[]) => `⟦${realT(message, ...args.map((a) => `‹${String(a)}›`))}⟧`;

/** The words left once wrapped messages and data are taken out (two letters in a row, any script). */
export function unwrapped(text: string, data: readonly string[]): string[] {
  const known = [...new Set(data)].filter((d) => d.length > 0).sort((a, b) => b.length - a.length);
  const found: string[] = [];
  const all = [text];
  for (let i = 0; i < all.length; i++) {
    let s = all[i] ?? '';
    for (let before = ''; before !== s; ) {
      before = s;
      s = s.replace(/‹([^‹›]*)›/g, (_, value: string) => {
        all.push(value);
        return ' ';
      });
    }
    for (let before = ''; before !== s; ) {
      before = s;
      s = s.replace(/⟦[^⟦⟧]*⟧/g, ' ');
    }
    for (const d of known) s = s.split(d).join(' ');
    for (const m of s.matchAll(/\p{L}{2,}/gu)) found.push(`${m[0]} (in "${(all[i] ?? '').slice(0, 100)}")`);
  }
  return found;
}

export const wrapped = (s: string) => /^⟦[\s\S]*⟧$/u.test(s);
