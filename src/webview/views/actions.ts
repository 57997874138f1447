// Decide what to do: action items with an owner; and close: a one-line check-out with a
// return-on-time rating per member.
import * as l10n from '@vscode/l10n';
import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { live } from 'lit/directives/live.js';
import type { RetroView } from '../../protocol';
import { short, type ViewContext } from './context';

type Action = RetroView['actions'][number];

function ownerOptions(ctx: ViewContext, selected: string | null): TemplateResult[] {
  return [
    html`<option value="" ?selected=${selected === null}>${l10n.t('No owner yet')}</option>`,
    ...ctx.view.members.map((m) => html`<option value=${m.id} ?selected=${m.id === selected}>${m.name}</option>`),
  ];
}

export function decide(ctx: ViewContext): TemplateResult {
  const d = ctx.ui.drafts;
  const actions = ctx.edits.anyHidden() ? ctx.view.actions.filter((a) => !ctx.edits.hidden(a.id)) : ctx.view.actions;
  return html`<section class="phase decide" aria-labelledby="decide-h">
    <h2 id="decide-h">${l10n.t('Decide what to do')}</h2>
    <form class="action-form" @submit=${ctx.h.onAddAction}>
      <span class="stack"><label for="action-text">${l10n.t('Action item')}</label>
        <input id="action-text" class="input" name="text" type="text" ?disabled=${ctx.ro} data-draft="action:text"
          .value=${live(d['action:text'] ?? '')} @input=${ctx.h.onDraftInput} /></span>
      <span class="stack"><label for="action-owner">${l10n.t('Owner')}</label>
        <select id="action-owner" class="select" name="owner" ?disabled=${ctx.ro}>${ownerOptions(ctx, null)}</select></span>
      <span class="stack"><label for="action-due">${l10n.t('Due')}</label>
        <input id="action-due" class="input short" name="due" type="text" maxlength="40" placeholder=${l10n.t('e.g. next sprint')}
          ?disabled=${ctx.ro} data-draft="action:due" .value=${live(d['action:due'] ?? '')} @input=${ctx.h.onDraftInput} /></span>
      <button class="btn" type="submit" ?disabled=${ctx.ro}>${l10n.t('Add action item')}</button>
    </form>
    <ul class="actions" aria-label=${l10n.t('Action items')}>
      ${repeat(actions, (a) => a.id, (a) => actionRow(ctx, a))}
    </ul>
    ${actions.length === 0 ? html`<p class="muted">${l10n.t('No action items yet.')}</p>` : nothing}
    ${topVoted(ctx)}
  </section>`;
}

/** What the group voted for, next to the actions it leads to. */
export function topVoted(ctx: ViewContext): TemplateResult | typeof nothing {
  const top = [...ctx.view.notes].filter((n) => n.votes > 0).sort((a, b) => b.votes - a.votes).slice(0, 3);
  if (top.length === 0) return nothing;
  return html`<div class="top-voted" aria-labelledby="top-voted-h">
    <h3 class="small-h" id="top-voted-h">${l10n.t('Top-voted insights')}</h3>
    <ol class="plain" aria-label=${l10n.t('Top-voted insights')}>
      ${top.map((n) => html`<li><span class="note-text" dir="auto">${n.text}</span> <span class="muted">${n.votes === 1 ? l10n.t('1 vote') : l10n.t('{0} votes', n.votes)} · ${n.column}</span></li>`)}
    </ol>
  </div>`;
}

function actionRow(ctx: ViewContext, a: Action): TemplateResult {
  const label = short(a.text);
  if (ctx.edits.removing?.id === a.id) {
    // Removed on screen, not sent yet: Undo brings it back, as if nothing happened.
    return html`<li class="action removed"><span class="muted" role="status">${l10n.t('Removed the action item “{0}”.', short(a.text, 40))}</span>
      <button id="undo-remove" class="btn link" data-id=${a.id} @click=${ctx.h.onUndoRemove}>${l10n.t('Undo remove')}</button></li>`;
  }
  return html`<li class=${a.done ? 'action done' : 'action'}>
    <label class="check">
      <input type="checkbox" data-id=${a.id} .checked=${a.done} ?disabled=${ctx.ro}
        aria-label=${l10n.t('Done: {0}', label)} @change=${ctx.h.onActionDone} />
      <span aria-hidden="true">${l10n.t('Done')}</span>
    </label>
    <span class="action-text" dir="auto">${a.text}</span>
    ${a.due ? html`<span class="muted">${l10n.t('due')} <bdi>${a.due}</bdi></span>` : nothing}
    <select class="select" data-id=${a.id} ?disabled=${ctx.ro} aria-label=${l10n.t('Owner of: {0}', label)} @change=${ctx.h.onActionOwner}>
      ${ownerOptions(ctx, a.ownerId)}
    </select>
    <button class="btn link" data-id=${a.id} data-label=${l10n.t('the action item “{0}”', short(a.text, 40))} ?disabled=${ctx.ro}
      aria-label=${l10n.t('Remove action item: {0}', label)}
      @click=${ctx.h.onRemoveAction}>${l10n.t('Remove')}</button>
  </li>`;
}

/** Made at render time, so the texts come from the loaded l10n bundle. */
const roti = (): string[] => ['', l10n.t('1 — not worth the time'), '2', l10n.t('3 — fair'), '4', l10n.t('5 — very worth it')];

export function closePhase(ctx: ViewContext): TemplateResult {
  const present = ctx.view.members.filter((m) => m.present);
  return html`<section class="phase close" aria-labelledby="close-h">
    <h2 id="close-h">${l10n.t('Close')}</h2>
    <p class="muted">${l10n.t('One line each to check out, and how worth the time this retro was (1–5).')}</p>
    <ul class="checkouts" aria-label=${l10n.t('Check-outs')}>
      ${repeat(present, (m) => m.id, (m) => {
        const saved = ctx.view.checkouts.find((c) => c.memberId === m.id);
        return html`<li>
          <form class="row" data-id=${m.id} @submit=${ctx.h.onCheckout}>
            <bdi class="name" title=${m.name}>${m.name}</bdi>
            <input class="input" name="text" type="text" ?disabled=${ctx.ro} aria-label=${l10n.t('Check-out for {0}', m.name)}
              data-draft=${`checkout:${m.id}`} .value=${live(ctx.ui.drafts[`checkout:${m.id}`] ?? saved?.text ?? '')}
              @input=${ctx.h.onDraftInput} />
            <select class="select" name="roti" ?disabled=${ctx.ro} aria-label=${l10n.t('Return on time for {0}', m.name)}>
              ${roti().map((label, i) => html`<option value=${i === 0 ? '' : String(i)} ?selected=${(saved?.roti ?? 0) === i}>${label || l10n.t('Rating…')}</option>`)}
            </select>
            <button class="btn secondary" type="submit" ?disabled=${ctx.ro} aria-label=${l10n.t('Save check-out for {0}', m.name)}>${l10n.t('Save')}</button>
            ${saved ? html`<span class="tag">${l10n.t('saved')}</span>` : nothing}
          </form>
        </li>`;
      })}
    </ul>
    ${ctx.confirmingEnd
      ? html`<div class="confirm" role="group" aria-labelledby="end-q">
          <p id="end-q"><strong>${l10n.t('End the retro now?')}</strong> ${l10n.t('It becomes read-only for everyone, and the summary is ready for the lead.')}</p>
          <div class="row">
            <button type="button" class="vsc-button" id="end-now" data-kind="endRetro" ?disabled=${ctx.ro} aria-disabled=${String(ctx.ro)} @click=${ctx.h.onSimple}>${l10n.t('End retro now')}</button>
            <button type="button" class="vsc-button secondary" @click=${ctx.h.cancelEnd}>${l10n.t('Keep going')}</button>
          </div>
        </div>`
      : html`<button type="button" class="vsc-button" ?disabled=${ctx.ro} aria-disabled=${String(ctx.ro)} @click=${ctx.h.askEnd}>${l10n.t('End retro')}</button>`}
  </section>`;
}
