// Gather data (notes by the deck's columns) and generate insights (grouping, dot votes).
import * as l10n from '@vscode/l10n';
import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { live } from 'lit/directives/live.js';
import type { RetroView } from '../../protocol';
import { memberName, short, type ViewContext } from './context';
import { phaseName } from '../names';

type Note = RetroView['notes'][number];

export function actingAs(ctx: ViewContext, purpose: string): TemplateResult {
  const selected = ctx.ui.selectedMemberId ?? '';
  return html`<p class="row">
    <label for="acting-as">${purpose}</label>
    <select id="acting-as" class="select" ?disabled=${ctx.ro} @change=${ctx.h.onSelectMember}>
      <option value="" ?selected=${selected === ''}>${l10n.t('Anonymous')}</option>
      ${ctx.view.members.map((m) => html`<option value=${m.id} ?selected=${m.id === selected}>${m.name}</option>`)}
    </select>
  </p>`;
}

/**
 * Team mode: the facilitator's switch for anonymous notes and dots, and the reveal. While
 * it is on, notes wait on the team server and nobody (the facilitator included) sees them
 * or how many there are until the reveal.
 */
export function anonymity(ctx: ViewContext): TemplateResult | typeof nothing {
  if (!ctx.view.team || !ctx.facilitator) return nothing;
  const on = ctx.view.anonymous === true;
  return html`<div class="anonymity" role="group" aria-labelledby="anon-h">
    <h3 class="small-h" id="anon-h">${l10n.t('Anonymity')}</h3>
    <label class="check">
      <input type="checkbox" .checked=${on} ?disabled=${ctx.ro} @change=${ctx.h.onAnonymity} aria-describedby="anon-hint" />
      <span>${l10n.t('Anonymous notes and votes')}</span>
    </label>
    ${on
      ? html`<button type="button" class="vsc-button" data-kind="revealNotes" ?disabled=${ctx.ro} aria-disabled=${String(ctx.ro)} @click=${ctx.h.onSimple}>${l10n.t('Reveal notes')}</button>`
      : nothing}
    <p class="hint" id="anon-hint">${on
      ? l10n.t('Notes are held on the team server, without names, until you reveal them all at once in a shuffled order. Only vote totals are shared.')
      : l10n.t('Turn on before people write, so nobody can tell who wrote which note or who voted for what.')}</p>
  </div>`;
}

export function gather(ctx: ViewContext): TemplateResult {
  const { columns, notes } = ctx.view;
  return html`<section class="phase gather" aria-labelledby="gather-h">
    <h2 id="gather-h">${phaseName('gather')}</h2>
    ${anonymity(ctx)}
    ${actingAs(ctx, l10n.t('Writing as'))}
    <div class="columns">
      ${columns.map((col, i) => html`<div class="column" role="group" aria-labelledby=${`col-h-${i}`}>
        <h3 id=${`col-h-${i}`}>${col}</h3>
        <ul class="notes" aria-label=${l10n.t('Notes: {0}', col)}>
          ${repeat(notes.filter((n) => n.column === col && !ctx.edits.hidden(n.id)), (n) => n.id, (n) => gatherNote(ctx, n))}
        </ul>
        <form class="row" data-column=${col} @submit=${ctx.h.onAddNote}>
          <input class="input" name="text" type="text" ?disabled=${ctx.ro} aria-label=${l10n.t('Add note: {0}', col)}
            data-draft=${`note:${col}`} .value=${live(ctx.ui.drafts[`note:${col}`] ?? '')} @input=${ctx.h.onDraftInput} />
          <button class="btn" type="submit" ?disabled=${ctx.ro} aria-label=${l10n.t('Add note to {0}', col)}>${l10n.t('Add note')}</button>
        </form>
      </div>`)}
    </div>
  </section>`;
}

/** A member may change their own notes; the facilitator any note, anonymous ones included. */
function mayChange(ctx: ViewContext, n: Note): boolean {
  if (ctx.facilitator) return true;
  const me = ctx.view.viewer?.memberId;
  return !!me && n.memberId === me;
}

/** One note on the gather board, with Edit and Delete for whoever may change it. */
export function gatherNote(ctx: ViewContext, n: Note, showAuthor = true): TemplateResult {
  const label = short(n.text);
  if (ctx.edits.removing?.id === n.id) {
    return html`<li class="note removed"><span class="muted" role="status">${l10n.t('Deleted the note “{0}”.', short(n.text, 40))}</span>
      <button id="undo-remove" class="btn link" data-id=${n.id} @click=${ctx.h.onUndoRemove}>${l10n.t('Undo delete')}</button></li>`;
  }
  const author = showAuthor && n.memberId ? html`<span class="muted"> — <bdi>${memberName(ctx, n.memberId)}</bdi></span>` : nothing;
  if (!mayChange(ctx, n)) return html`<li class="note"><span class="note-text" dir="auto">${n.text}</span>${author}</li>`;
  if (ctx.edits.editing?.kind === 'note' && ctx.edits.editing.id === n.id) {
    const key = `edit:note:${n.id}`;
    return html`<li class="note editing"><form class="row edit-form" data-kind="note" data-id=${n.id} @submit=${ctx.h.onEditSave}>
      <input id="edit-text" class="input" name="text" type="text" dir="auto" ?disabled=${ctx.ro} aria-label=${l10n.t('Note text: {0}', label)}
        data-draft=${key} .value=${live(ctx.ui.drafts[key] ?? n.text)} @input=${ctx.h.onDraftInput} @keydown=${ctx.h.onEditKeydown} />
      <button class="btn" type="submit" ?disabled=${ctx.ro}>${l10n.t('Save note')}</button>
      <button class="btn secondary" type="button" data-kind="note" data-id=${n.id} @click=${ctx.h.onEditCancel}>${l10n.t('Cancel')}</button>
    </form></li>`;
  }
  return html`<li class="note">
    <span class="note-text" dir="auto">${n.text}</span>${author}
    <span class="note-tools">
      <button class="btn link" data-kind="note" data-id=${n.id} ?disabled=${ctx.ro} aria-label=${l10n.t('Edit note: {0}', label)} @click=${ctx.h.onEditStart}>${l10n.t('Edit')}</button>
      <button class="btn link" data-id=${n.id} data-label=${l10n.t('the note “{0}”', short(n.text, 40))} ?disabled=${ctx.ro}
        aria-label=${l10n.t('Delete note: {0}', label)} @click=${ctx.h.onRemoveNote}>${l10n.t('Delete')}</button>
    </span>
  </li>`;
}

/** Who votes here: a member (votes are always someone's), chosen, never a silent default. */
function voterOf(ctx: ViewContext): string | null {
  const id = ctx.ui.selectedMemberId;
  return id && ctx.members.has(id) ? id : null;
}

/** Dots a member has placed (named) and the cap. */
export function dotsLeft(ctx: ViewContext, memberId: string): number {
  const cap = ctx.view.dotsPerMember ?? 3;
  const placed = ctx.view.notes.reduce((n, note) => n + (note.voters ?? []).filter((v) => v === memberId).length, 0);
  return Math.max(0, cap - placed);
}

function voterPicker(ctx: ViewContext): TemplateResult {
  const voter = voterOf(ctx);
  const cap = ctx.view.dotsPerMember ?? 3;
  const left = voter ? dotsLeft(ctx, voter) : 0;
  return html`<div class="row voter">
    <label for="acting-as">${l10n.t('Voting as')}</label>
    <select id="acting-as" class="select" ?disabled=${ctx.ro} @change=${ctx.h.onSelectMember}>
      <option value="" disabled ?selected=${voter === null}>${l10n.t('Choose who is voting…')}</option>
      ${ctx.view.members.map((m) => html`<option value=${m.id} ?selected=${m.id === voter}>${m.name}</option>`)}
    </select>
    <span class=${voter && left === 0 ? 'hint warn' : 'hint'} id="dots-left" role="status">${voter
      ? left === 0
        ? l10n.t('No dots left ({0} placed): take one back to move it.', cap)
        : l10n.t('{0} of {1} dots left.', left, cap)
      : l10n.t('Each person has {0} dots. Choose who is voting.', cap)}</span>
  </div>
  ${dotsEveryone(ctx)}`;
}

/** In the room one screen shows the board: everyone present sees how many dots they have left. */
function dotsEveryone(ctx: ViewContext): TemplateResult {
  const present = ctx.view.members.filter((m) => m.present);
  return html`<div class="dots-everyone">
    <span class="muted" id="dots-everyone-h">${l10n.t('Dots left:')}</span>
    <ul class="inline-list" aria-labelledby="dots-everyone-h">
      ${repeat(present, (m) => m.id, (m) => html`<li><bdi class="name" title=${m.name}>${m.name}</bdi>: ${dotsLeft(ctx, m.id)}</li>`)}
    </ul>
  </div>`;
}

export function insights(ctx: ViewContext): TemplateResult {
  const { notes } = ctx.view;
  const anchors = notes.filter((n) => n.groupId === null);
  const ordered = orderForInsights(notes, ctx.view.columns);
  return html`<section class="phase insights" aria-labelledby="insights-h">
    <h2 id="insights-h">${phaseName('insights')}</h2>
    <p class="muted">${l10n.t('Group notes that belong together, then vote on what matters most.')}</p>
    ${anonymity(ctx)}
    ${ctx.view.anonymous ? html`<p class="hint">${l10n.t('Votes are anonymous: each member votes from their own editor, and only totals are shared.')}</p>` : voterPicker(ctx)}
    <ul class="notes insight-list grouping" aria-label=${l10n.t('Notes to group and vote on')}>
      ${repeat(ordered, (n) => n.id, (n) => insightRow(ctx, n, anchors))}
    </ul>
  </section>`;
}

/**
 * By column (in the deck's order), then by votes; a grouped note sits right after the note
 * it is grouped with.
 */
export function orderForInsights(notes: readonly Note[], deckColumns: readonly string[]): Note[] {
  const byId = new Map(notes.map((n) => [n.id, n]));
  const anchorOf = (n: Note): Note => (n.groupId && byId.get(n.groupId)) || n;
  const columns: string[] = [...deckColumns];
  for (const n of notes) if (!columns.includes(n.column)) columns.push(n.column);
  const groupVotes = (a: Note) => notes.filter((n) => anchorOf(n).id === a.id).reduce((s, n) => s + n.votes, 0);
  const anchors = notes.filter((n) => anchorOf(n) === n);
  anchors.sort((a, b) => columns.indexOf(a.column) - columns.indexOf(b.column) || groupVotes(b) - groupVotes(a));
  return anchors.flatMap((a) => [a, ...notes.filter((n) => n !== a && anchorOf(n).id === a.id).sort((x, y) => y.votes - x.votes)]);
}

/**
 * Vote, while the voter has dots left; Take back, only where the voter has a dot. Its cell is
 * there either way, so every row has the same columns (media/retro.css, .insight-list).
 */
function voteButtons(ctx: ViewContext, n: Note, label: string): TemplateResult {
  const voter = ctx.view.anonymous ? null : voterOf(ctx);
  const off = ctx.ro || ctx.view.anonymous === true || voter === null || dotsLeft(ctx, voter) === 0;
  const mine = voter !== null && (n.voters ?? []).includes(voter);
  return html`<button class="btn secondary" data-id=${n.id} data-retract="false" ?disabled=${off} aria-describedby="dots-left"
      aria-label=${n.votes === 1 ? l10n.t('Vote for note: {0} (1 vote)', label) : l10n.t('Vote for note: {0} ({1} votes)', label, n.votes)} @click=${ctx.h.onVote}>${l10n.t('Vote')}</button>
    <span class="take-back">${mine
      ? html`<button class="btn link" data-id=${n.id} data-retract="true" ?disabled=${ctx.ro}
          aria-label=${l10n.t('Take back a vote for note: {0}', label)} @click=${ctx.h.onVote}>${l10n.t('Take back')}</button>`
      : nothing}</span>`;
}

function insightRow(ctx: ViewContext, n: Note, anchors: Note[]): TemplateResult {
  const label = short(n.text);
  return html`<li class=${n.groupId ? 'note grouped' : 'note'}>
    <span class="note-text" dir="auto">${n.text}</span>
    <span class="muted">${n.column}</span>
    <label class="inline">
      <span aria-hidden="true">${l10n.t('Group')}</span>
      <select class="select" data-id=${n.id} ?disabled=${ctx.ro} aria-label=${l10n.t('Group for note: {0}', label)} @change=${ctx.h.onGroupNote}>
        <option value="" ?selected=${n.groupId === null}>${l10n.t('On its own')}</option>
        ${anchors.filter((a) => a.id !== n.id).map((a) => html`<option value=${a.id} ?selected=${n.groupId === a.id}>${l10n.t('With: {0}', short(a.text, 40))}</option>`)}
      </select>
    </label>
    <span class="votes"><vscode-badge aria-hidden="true">${n.votes}</vscode-badge></span>
    ${voteButtons(ctx, n, label)}
  </li>`;
}
