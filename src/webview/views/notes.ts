// Gather data (notes by the deck's columns) and generate insights (grouping, dot votes).
import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { live } from 'lit/directives/live.js';
import type { RetroView } from '../../protocol';
import { memberName, short, type ViewContext } from './context';

type Note = RetroView['notes'][number];

export function actingAs(ctx: ViewContext, purpose: string): TemplateResult {
  const selected = ctx.ui.selectedMemberId ?? '';
  return html`<p class="row">
    <label for="acting-as">${purpose}</label>
    <select id="acting-as" class="select" ?disabled=${ctx.ro} @change=${ctx.h.onSelectMember}>
      <option value="" ?selected=${selected === ''}>Anonymous</option>
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
    <h3 class="small-h" id="anon-h">Anonymity</h3>
    <label class="check">
      <input type="checkbox" .checked=${on} ?disabled=${ctx.ro} @change=${ctx.h.onAnonymity} aria-describedby="anon-hint" />
      <span>Anonymous notes and votes</span>
    </label>
    ${on
      ? html`<vscode-button data-kind="revealNotes" ?disabled=${ctx.ro} aria-disabled=${String(ctx.ro)} @click=${ctx.h.onSimple}>Reveal notes</vscode-button>`
      : nothing}
    <p class="hint" id="anon-hint">${on
      ? 'Notes are held on the team server, without names, until you reveal them all at once in a shuffled order. Only vote totals are shared.'
      : 'Turn on before people write, so nobody can tell who wrote which note or who voted for what.'}</p>
  </div>`;
}

export function gather(ctx: ViewContext): TemplateResult {
  const { columns, notes } = ctx.view;
  return html`<section class="phase gather" aria-labelledby="gather-h">
    <h2 id="gather-h">Gather data</h2>
    ${anonymity(ctx)}
    ${actingAs(ctx, 'Writing as')}
    <div class="columns">
      ${columns.map((col, i) => html`<div class="column" role="group" aria-labelledby=${`col-h-${i}`}>
        <h3 id=${`col-h-${i}`}>${col}</h3>
        <ul class="notes" aria-label=${`Notes: ${col}`}>
          ${repeat(notes.filter((n) => n.column === col), (n) => n.id, (n) => html`<li class="note">
            <span class="note-text" dir="auto">${n.text}</span>
            ${n.memberId ? html`<span class="muted"> — <bdi>${memberName(ctx, n.memberId)}</bdi></span>` : nothing}
          </li>`)}
        </ul>
        <form class="row" data-column=${col} @submit=${ctx.h.onAddNote}>
          <input class="input" name="text" type="text" ?disabled=${ctx.ro} aria-label=${`Add note: ${col}`}
            data-draft=${`note:${col}`} .value=${live(ctx.ui.drafts[`note:${col}`] ?? '')} @input=${ctx.h.onDraftInput} />
          <button class="btn" type="submit" ?disabled=${ctx.ro} aria-label=${`Add note to ${col}`}>Add note</button>
        </form>
      </div>`)}
    </div>
  </section>`;
}

export function insights(ctx: ViewContext): TemplateResult {
  const { notes } = ctx.view;
  const anchors = notes.filter((n) => n.groupId === null);
  const ordered = [...notes].sort((a, b) => groupKey(a).localeCompare(groupKey(b)) || b.votes - a.votes);
  return html`<section class="phase insights" aria-labelledby="insights-h">
    <h2 id="insights-h">Generate insights</h2>
    <p class="muted">Group notes that belong together, then vote on what matters most.</p>
    ${anonymity(ctx)}
    ${ctx.view.anonymous ? html`<p class="hint">Votes are anonymous: each member votes from their own editor, and only totals are shared.</p>` : actingAs(ctx, 'Voting as')}
    <ul class="notes insight-list" aria-label="Notes to group and vote on">
      ${repeat(ordered, (n) => n.id, (n) => insightRow(ctx, n, anchors))}
    </ul>
  </section>`;
}

function groupKey(n: Note): string {
  return n.groupId ?? n.id;
}

function insightRow(ctx: ViewContext, n: Note, anchors: Note[]): TemplateResult {
  const label = short(n.text);
  return html`<li class=${n.groupId ? 'note grouped' : 'note'}>
    <span class="note-text" dir="auto">${n.text}</span>
    <span class="muted">${n.column}</span>
    <label class="inline">
      <span aria-hidden="true">Group</span>
      <select class="select" data-id=${n.id} ?disabled=${ctx.ro} aria-label=${`Group for note: ${label}`} @change=${ctx.h.onGroupNote}>
        <option value="" ?selected=${n.groupId === null}>On its own</option>
        ${anchors.filter((a) => a.id !== n.id).map((a) => html`<option value=${a.id} ?selected=${n.groupId === a.id}>With: ${short(a.text, 40)}</option>`)}
      </select>
    </label>
    <span class="votes"><vscode-badge aria-hidden="true">${n.votes}</vscode-badge></span>
    <button class="btn secondary" data-id=${n.id} data-retract="false" ?disabled=${ctx.ro}
      aria-label=${`Vote for note: ${label} (${n.votes} ${n.votes === 1 ? 'vote' : 'votes'})`} @click=${ctx.h.onVote}>Vote</button>
    ${n.votes > 0
      ? html`<button class="btn link" data-id=${n.id} data-retract="true" ?disabled=${ctx.ro}
          aria-label=${`Take back a vote for note: ${label}`} @click=${ctx.h.onVote}>Take back</button>`
      : nothing}
  </li>`;
}
