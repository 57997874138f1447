import * as vscode from 'vscode';
import { MAX_TITLE } from '../domain/commands';
import type { Deck } from '../domain/types';
import { recentGitAuthors } from './roster';
import { plainLabel } from './plainLabel';

interface PersonItem extends vscode.QuickPickItem {
  person?: string;
  addMore?: boolean;
}

/**
 * Who is in this retro: the roster from settings (preselected), recent git authors as
 * suggestions, and an entry to type more names. Returns undefined when cancelled.
 */
export async function pickRoster(
  roster: readonly string[],
  lastUsed: readonly string[],
  cwd: string | undefined,
): Promise<string[] | undefined> {
  const authors = cwd ? await recentGitAuthors(cwd) : [];
  const seen = new Set<string>();
  const fresh = (name: string) => {
    const key = name.toLocaleLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  };
  const chosen = [...roster, ...lastUsed].filter(fresh);
  const suggestions = authors.filter(fresh);
  if (chosen.length === 0 && suggestions.length === 0) return askNames([]);
  const described = (name: string) => (roster.includes(name) ? vscode.l10n.t('roster') : vscode.l10n.t('last retro'));
  const items: PersonItem[] = [
    ...chosen.map((r) => ({ label: plainLabel(r), person: r, description: described(r) })),
    ...(suggestions.length ? [{ label: vscode.l10n.t('Recent git authors'), kind: vscode.QuickPickItemKind.Separator }] : []),
    ...suggestions.map((a) => ({ label: plainLabel(a), person: a, description: vscode.l10n.t('recent commits') })),
    { label: '', kind: vscode.QuickPickItemKind.Separator },
    { label: `$(add) ${vscode.l10n.t('Add people by name…')}`, addMore: true, alwaysShow: true },
  ];
  const picked = await multiPick(items, items.slice(0, chosen.length));
  if (!picked) return undefined;
  const people = picked.filter((p) => p.person).map((p) => p.person as string);
  if (picked.some((p) => p.addMore) || people.length === 0) return askNames(people);
  return people;
}

function multiPick(items: PersonItem[], selected: PersonItem[]): Promise<readonly PersonItem[] | undefined> {
  return new Promise((resolve) => {
    const qp = vscode.window.createQuickPick<PersonItem>();
    qp.title = vscode.l10n.t('Start Retro (1/3): who is here?');
    qp.placeholder = vscode.l10n.t('Pick the people taking part, then press Enter');
    qp.canSelectMany = true;
    qp.items = items;
    qp.selectedItems = selected;
    qp.ignoreFocusOut = true;
    let done = false;
    qp.onDidAccept(() => {
      done = true;
      resolve(qp.selectedItems);
      qp.hide();
    });
    qp.onDidHide(() => {
      if (!done) resolve(undefined);
      qp.dispose();
    });
    qp.show();
  });
}

async function askNames(already: string[]): Promise<string[] | undefined> {
  const typed = await vscode.window.showInputBox({
    title: vscode.l10n.t('Start Retro: who is here?'),
    prompt: vscode.l10n.t('Names separated by commas. Tip: set reciprocity.roster in settings to skip this step.'),
    placeHolder: vscode.l10n.t('Ada, Grace, Linus'),
    ignoreFocusOut: true,
    validateInput: (v) => (already.length || splitNames(v).length ? undefined : vscode.l10n.t('Add at least one name.')),
  });
  if (typed === undefined) return undefined;
  return [...already, ...splitNames(typed)];
}

export function splitNames(text: string): string[] {
  return text
    .split(/[,;\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

interface DeckItem extends vscode.QuickPickItem {
  deck: Deck;
}

export async function pickDeck(decks: readonly Deck[], defaultId: string): Promise<Deck | undefined> {
  const sorted = [...decks].sort((a, b) => Number(b.id === defaultId) - Number(a.id === defaultId));
  const items: DeckItem[] = sorted.map((d) => ({
    label: plainLabel(d.name),
    description: d.id === defaultId ? vscode.l10n.t('default') : d.source && d.source !== 'builtin' ? plainLabel(d.source) : vscode.l10n.t('built-in'),
    detail: d.description !== undefined ? plainLabel(d.description) : vscode.l10n.t('{0} prompts', d.prompts.length),
    deck: d,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Start Retro (2/3): which deck?'),
    placeHolder: vscode.l10n.t('Prompts deepen layer by layer; press Enter for the default deck'),
    ignoreFocusOut: true,
    matchOnDetail: true,
  });
  return picked?.deck;
}

/** The retro's name, so people can find it again; Enter keeps the offered default. */
export async function askTitle(fallback: string): Promise<string | undefined> {
  const typed = await vscode.window.showInputBox({
    title: vscode.l10n.t('Start Retro (3/3): what is this retro called?'),
    prompt: vscode.l10n.t('A title people will recognise in Past Retros, e.g. the sprint or the event. Press Enter to keep this one.'),
    value: fallback,
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() === '' ? vscode.l10n.t('A retro needs a title.') : v.trim().length > MAX_TITLE ? vscode.l10n.t('A title has at most {0} characters.', MAX_TITLE) : undefined),
  });
  return typed === undefined ? undefined : typed.trim();
}
