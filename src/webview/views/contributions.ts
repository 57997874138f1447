// The running list of contributions, newest last. Keyed by id, so recording one more
// appends a row instead of rebuilding two thousand. One flat template per row keeps the
// cost of a row to a single template clone.
import * as l10n from '@vscode/l10n';
import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { guard } from 'lit/directives/guard.js';
import { live } from 'lit/directives/live.js';
import type { ContributionView } from '../../protocol';
import { phaseName } from '../names';
import { isOpen, short, type ViewContext } from './context';

export function contributions(ctx: ViewContext): TemplateResult {
  const all = ctx.view.contributions;
  // Removed here and sent: hidden until the host's next view no longer has them.
  const list = ctx.edits.anyHidden() ? all.filter((c) => !ctx.edits.hidden(c.id)) : all;
  const from = Math.min(ctx.hiddenOlder, list.length);
  const shown = from > 0 ? list.slice(from) : list;
  // The host's count: a first snapshot of a long retro leaves its older rows out.
  const left = ctx.view.omittedContributions ?? 0;
  const waiting = from + left;
  return html`<details class="section contributions" data-section="contributions"
      ?open=${isOpen(ctx, 'contributions')} @toggle=${ctx.h.onSection}>
    <summary><h2 class="small-h">${l10n.t('Contributions')} <span class="muted">(${left + list.length})</span></h2></summary>
    <p class="muted" ?hidden=${left + list.length > 0}>${l10n.t('Nothing recorded yet.')}</p>
    <p class="muted" ?hidden=${waiting === 0}>${l10n.t('Loading {0} earlier contributions…', waiting)}</p>
    <ol class="contrib-list" aria-label=${l10n.t('Contributions')} aria-busy=${waiting > 0 ? 'true' : 'false'}>
      ${repeat(shown, (c) => c.id, (c) => rowOnce(ctx, c))}
    </ol>
  </details>`;
}

/**
 * A row is rebuilt only when what it shows changed: the app hands over the same object for an
 * unchanged contribution (App.reuseRows), so a new snapshot touches one new row, not 2,000.
 */
function rowOnce(ctx: ViewContext, c: ContributionView) {
  const editing = ctx.edits.editing?.id === c.id;
  const removing = ctx.edits.removing?.id === c.id;
  return guard([c, ctx.ro, ctx.facilitator, ctx.view.viewer?.memberId, editing, removing], () =>
    removing ? removedRow(ctx, c) : row(ctx, c));
}

function row(ctx: ViewContext, c: ContributionView): TemplateResult {
  const note = c.pass ? ` ${l10n.t('— a choice, not silence')}` : c.truncated ? ` ${l10n.t('(shortened)')}` : '';
  const mine = ctx.facilitator || c.memberId === ctx.view.viewer?.memberId;
  const editing = mine && ctx.edits.editing?.kind === 'contribution' && ctx.edits.editing.id === c.id;
  return html`<li class=${c.pass ? 'contrib pass' : 'contrib'}>
    <div class="contrib-head">
      <bdi class="name" title=${c.memberName}>${c.memberName}</bdi>
      <span class="tag">${l10n.t('Layer {0}', c.depth)}</span>
      <span class="tag" ?hidden=${c.phase === 'check-in'}>${c.phase === 'check-in' ? '' : phaseName(c.phase)}</span>
      <span class="contrib-prompt muted">${c.promptText ?? ''}</span>
      ${mine && !c.pass && c.text === '' && !editing
        ? html`<button class="btn link" data-kind="contribution" data-id=${c.id} ?disabled=${ctx.ro}
            aria-label=${l10n.t("Add words to {0}'s turn", c.memberName)} @click=${ctx.h.onEditStart}>${l10n.t('Add words')}</button>`
        : nothing}
      ${mine
        ? html`<button class="btn link" data-id=${c.id} data-label=${c.pass ? l10n.t("{0}'s pass", c.memberName) : l10n.t("{0}'s turn", c.memberName)} ?disabled=${ctx.ro}
            aria-label=${l10n.t('Remove contribution by {0}', c.memberName)} @click=${ctx.h.onRemoveContribution}>${l10n.t('Remove')}</button>`
        : nothing}
    </div>
    ${editing ? wordsForm(ctx, c) : html`<p class=${c.pass ? 'contrib-text passed' : 'contrib-text'} dir="auto">${c.pass ? l10n.t('passed') : c.text === '' ? html`<span class="muted">${c.seconds !== undefined ? l10n.t('spoke for {0} s (no words recorded)', c.seconds) : l10n.t('spoke (no words recorded)')}</span>` : c.text}<span class="muted">${note}</span></p>`}
  </li>`;
}

/** What was said in a tallied turn, added afterwards, in place of "no words recorded". */
function wordsForm(ctx: ViewContext, c: ContributionView): TemplateResult {
  const key = `edit:contribution:${c.id}`;
  return html`<form class="row edit-form" data-kind="contribution" data-id=${c.id} @submit=${ctx.h.onEditSave}>
    <input id="edit-text" class="input" name="text" type="text" dir="auto" ?disabled=${ctx.ro}
      aria-label=${l10n.t('What {0} said', c.memberName)} data-draft=${key} .value=${live(ctx.ui.drafts[key] ?? '')}
      @input=${ctx.h.onDraftInput} @keydown=${ctx.h.onEditKeydown} />
    <button class="btn" type="submit" ?disabled=${ctx.ro}>${l10n.t('Save words')}</button>
    <button class="btn secondary" type="button" data-kind="contribution" data-id=${c.id} @click=${ctx.h.onEditCancel}>${l10n.t('Cancel')}</button>
  </form>`;
}

/** Removed on screen, not sent yet: Undo brings it back, as if nothing happened. */
function removedRow(ctx: ViewContext, c: ContributionView): TemplateResult {
  return html`<li class="contrib removed">
    <p class="contrib-text muted" role="status">${c.pass ? l10n.t("Removed {0}'s pass.", short(c.memberName, 40)) : l10n.t("Removed {0}'s turn.", short(c.memberName, 40))}
      <button id="undo-remove" class="btn link" data-id=${c.id} @click=${ctx.h.onUndoRemove}>${l10n.t('Undo remove')}</button></p>
  </li>`;
}
