// Decide what to do: action items with an owner; and close: a one-line check-out with a
// return-on-time rating per member.
import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { live } from 'lit/directives/live.js';
import type { RetroView } from '../../protocol';
import { short, type ViewContext } from './context';

type Action = RetroView['actions'][number];

function ownerOptions(ctx: ViewContext, selected: string | null): TemplateResult[] {
  return [
    html`<option value="" ?selected=${selected === null}>No owner yet</option>`,
    ...ctx.view.members.map((m) => html`<option value=${m.id} ?selected=${m.id === selected}>${m.name}</option>`),
  ];
}

export function decide(ctx: ViewContext): TemplateResult {
  const d = ctx.ui.drafts;
  return html`<section class="phase decide" aria-labelledby="decide-h">
    <h2 id="decide-h">Decide what to do</h2>
    <form class="action-form" @submit=${ctx.h.onAddAction}>
      <span class="stack"><label for="action-text">Action item</label>
        <input id="action-text" class="input" name="text" type="text" ?disabled=${ctx.ro} data-draft="action:text"
          .value=${live(d['action:text'] ?? '')} @input=${ctx.h.onDraftInput} /></span>
      <span class="stack"><label for="action-owner">Owner</label>
        <select id="action-owner" class="select" name="owner" ?disabled=${ctx.ro}>${ownerOptions(ctx, null)}</select></span>
      <span class="stack"><label for="action-due">Due</label>
        <input id="action-due" class="input short" name="due" type="text" maxlength="40" placeholder="e.g. next sprint"
          ?disabled=${ctx.ro} data-draft="action:due" .value=${live(d['action:due'] ?? '')} @input=${ctx.h.onDraftInput} /></span>
      <button class="btn" type="submit" ?disabled=${ctx.ro}>Add action item</button>
    </form>
    <ul class="actions" aria-label="Action items">
      ${repeat(ctx.view.actions, (a) => a.id, (a) => actionRow(ctx, a))}
    </ul>
    ${ctx.view.actions.length === 0 ? html`<p class="muted">No action items yet.</p>` : nothing}
    ${topVoted(ctx)}
  </section>`;
}

/** What the group voted for, next to the actions it leads to. */
export function topVoted(ctx: ViewContext): TemplateResult | typeof nothing {
  const top = [...ctx.view.notes].filter((n) => n.votes > 0).sort((a, b) => b.votes - a.votes).slice(0, 3);
  if (top.length === 0) return nothing;
  return html`<div class="top-voted" aria-labelledby="top-voted-h">
    <h3 class="small-h" id="top-voted-h">Top-voted insights</h3>
    <ol class="plain" aria-label="Top-voted insights">
      ${top.map((n) => html`<li><span class="note-text" dir="auto">${n.text}</span> <span class="muted">${n.votes} ${n.votes === 1 ? 'vote' : 'votes'} · ${n.column}</span></li>`)}
    </ol>
  </div>`;
}

function actionRow(ctx: ViewContext, a: Action): TemplateResult {
  const label = short(a.text);
  return html`<li class=${a.done ? 'action done' : 'action'}>
    <label class="check">
      <input type="checkbox" data-id=${a.id} .checked=${a.done} ?disabled=${ctx.ro}
        aria-label=${`Done: ${label}`} @change=${ctx.h.onActionDone} />
      <span aria-hidden="true">Done</span>
    </label>
    <span class="action-text" dir="auto">${a.text}</span>
    ${a.due ? html`<span class="muted">due <bdi>${a.due}</bdi></span>` : nothing}
    <select class="select" data-id=${a.id} ?disabled=${ctx.ro} aria-label=${`Owner of: ${label}`} @change=${ctx.h.onActionOwner}>
      ${ownerOptions(ctx, a.ownerId)}
    </select>
    <button class="btn link" data-id=${a.id} ?disabled=${ctx.ro} aria-label=${`Remove action item: ${label}`}
      @click=${ctx.h.onRemoveAction}>Remove</button>
  </li>`;
}

const ROTI = ['', '1 — not worth the time', '2', '3 — fair', '4', '5 — very worth it'];

export function closePhase(ctx: ViewContext): TemplateResult {
  const present = ctx.view.members.filter((m) => m.present);
  return html`<section class="phase close" aria-labelledby="close-h">
    <h2 id="close-h">Close</h2>
    <p class="muted">One line each to check out, and how worth the time this retro was (1–5).</p>
    <ul class="checkouts" aria-label="Check-outs">
      ${repeat(present, (m) => m.id, (m) => {
        const saved = ctx.view.checkouts.find((c) => c.memberId === m.id);
        return html`<li>
          <form class="row" data-id=${m.id} @submit=${ctx.h.onCheckout}>
            <bdi class="name">${m.name}</bdi>
            <input class="input" name="text" type="text" ?disabled=${ctx.ro} aria-label=${`Check-out for ${m.name}`}
              data-draft=${`checkout:${m.id}`} .value=${live(ctx.ui.drafts[`checkout:${m.id}`] ?? saved?.text ?? '')}
              @input=${ctx.h.onDraftInput} />
            <select class="select" name="roti" ?disabled=${ctx.ro} aria-label=${`Return on time for ${m.name}`}>
              ${ROTI.map((label, i) => html`<option value=${i === 0 ? '' : String(i)} ?selected=${(saved?.roti ?? 0) === i}>${label || 'Rating…'}</option>`)}
            </select>
            <button class="btn secondary" type="submit" ?disabled=${ctx.ro} aria-label=${`Save check-out for ${m.name}`}>Save</button>
            ${saved ? html`<span class="tag">saved</span>` : nothing}
          </form>
        </li>`;
      })}
    </ul>
    ${ctx.confirmingEnd
      ? html`<div class="confirm" role="group" aria-labelledby="end-q">
          <p id="end-q"><strong>End the retro now?</strong> It becomes read-only for everyone, and the summary is ready for the lead.</p>
          <div class="row">
            <vscode-button id="end-now" data-kind="endRetro" ?disabled=${ctx.ro} aria-disabled=${String(ctx.ro)} @click=${ctx.h.onSimple}>End retro now</vscode-button>
            <vscode-button secondary @click=${ctx.h.cancelEnd}>Keep going</vscode-button>
          </div>
        </div>`
      : html`<vscode-button ?disabled=${ctx.ro} aria-disabled=${String(ctx.ro)} @click=${ctx.h.askEnd}>End retro</vscode-button>`}
  </section>`;
}
