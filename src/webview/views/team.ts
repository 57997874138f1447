// Team mode in the panel: the connection banner (with the join code, for the facilitator),
// and a member's own panel: the prompt, their answer or pass, their own notes, votes and
// check-out, their own numbers, and who is here. Everything else is the facilitator's.
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { DEPTH_NAMES, PHASE_NAMES } from '../../domain/types';
import type { MemberView, RetroView } from '../../protocol';
import { formatSeconds } from '../timer';
import { memberName, short, type ViewContext } from './context';
import { depthIndicator } from './header';
import { dotsLeft, gatherNote, orderForInsights } from './notes';
import { topVoted } from './actions';

type Team = NonNullable<RetroView['team']>;

export function answerDraftKey(memberId: string | null): string {
  return `answer:${memberId ?? '-'}`;
}

const STATUS_TEXT: Record<Team['status'], string> = {
  connecting: 'Connecting…',
  connected: 'Connected',
  offline: 'Offline: reconnecting',
  refused: 'Refused',
};

export function teamBanner(ctx: ViewContext): TemplateResult | typeof nothing {
  const team = ctx.view.team;
  if (!team) return nothing;
  const waiting = team.waiting.length;
  const cls = team.status === 'connected' ? 'banner team ok' : team.status === 'refused' ? 'banner team error' : 'banner team warn';
  return html`<div class=${cls} role="status" aria-label="Team connection">
    <p>
      <strong>${STATUS_TEXT[team.status]}</strong>
      <span class="muted">${team.hosting ? `Hosting on ${team.server}` : `Team server ${team.server}`}</span>
      ${waiting > 0 ? html`<span class="tag waiting">${waiting} waiting to send</span>` : nothing}
    </p>
    ${team.problem ? html`<p>${team.problem}</p>` : nothing}
    ${ctx.facilitator && team.joinCode
      ? html`<div class="row join">
          <label for="join-code">Join code</label>
          <input id="join-code" class="input code" type="text" readonly .value=${team.joinCode} aria-describedby="join-hint" />
          <button class="btn" @click=${ctx.h.onCopyCode}>Copy join code</button>
          <button class="btn secondary" @click=${ctx.h.onCopyLink}>Copy join link</button>
          <span class="muted" id="join-hint">Members run "Reciprocity: Join Team Retro" and paste it.</span>
        </div>`
      : nothing}
  </div>`;
}

/** Who is connected now (awareness), for the side column of both panels. */
export function hereNow(ctx: ViewContext): TemplateResult | typeof nothing {
  const team = ctx.view.team;
  if (!team) return nothing;
  const here = team.here.map((id) => memberName(ctx, id));
  return html`<div class="here" aria-labelledby="here-h">
    <h2 class="small-h" id="here-h">Here now <span class="muted">(${here.length + (team.facilitatorHere ? 1 : 0)})</span></h2>
    <ul class="plain" aria-label="Connected now">
      ${team.facilitatorHere ? html`<li>Facilitator</li>` : nothing}
      ${repeat(here, (n) => n, (n) => html`<li><bdi>${n}</bdi></li>`)}
    </ul>
  </div>`;
}

function me(ctx: ViewContext): MemberView | undefined {
  const id = ctx.view.viewer?.memberId;
  return id ? ctx.members.get(id) : undefined;
}

/** A member's own numbers: nobody else's are in their view. */
function myNumbers(ctx: ViewContext): TemplateResult {
  const m = me(ctx);
  return html`<div class="mine" aria-labelledby="mine-h">
    <h2 class="small-h" id="mine-h">Your numbers</h2>
    ${m
      ? html`<dl class="numbers">
          <dt>Turns</dt><dd>${m.turns}</dd>
          <dt>Words</dt><dd>${m.words}</dd>
          <dt>Passes</dt><dd>${m.passes}</dd>
          <dt>Deepest layer</dt><dd>${m.deepest > 0 ? `${m.deepest} (${DEPTH_NAMES[m.deepest as 1 | 2 | 3 | 4]})` : 'none yet'}</dd>
        </dl>`
      : html`<p class="muted">Joining…</p>`}
  </div>`;
}

function waitingList(ctx: ViewContext): TemplateResult | typeof nothing {
  const waiting = ctx.view.team?.waiting ?? [];
  if (waiting.length === 0) return nothing;
  return html`<div class="waiting" aria-labelledby="waiting-h">
    <h2 class="small-h" id="waiting-h">Waiting to send</h2>
    <p class="muted">Kept here and sent once when the connection is back.</p>
    <ul class="plain" aria-label="Waiting to send">
      ${waiting.map((w) => html`<li><span class="tag">${w.kind}</span> <span dir="auto">${w.text}</span></li>`)}
    </ul>
  </div>`;
}

export function memberPanel(ctx: ViewContext): TemplateResult {
  return html`<div class="layout">
    <main class="main">${memberBody(ctx)}</main>
    <aside class="side" aria-label="You and the team">
      ${waitingList(ctx)}
      ${myNumbers(ctx)}
      ${hereNow(ctx)}
    </aside>
  </div>`;
}

function memberBody(ctx: ViewContext): TemplateResult {
  const { view } = ctx;
  switch (view.phase) {
    case 'check-in':
      return checkIn(ctx);
    case 'gather':
      return notes(ctx);
    case 'insights':
      return votes(ctx);
    case 'decide':
      return actions(ctx);
    case 'close':
      return checkout(ctx);
    case 'ended':
      return html`<section class="phase ended" aria-labelledby="ended-h">
        <h2 id="ended-h">This retro has ended</h2>
        <p>Thank you. The facilitator has the summary.</p>
      </section>`;
  }
}

function checkIn(ctx: ViewContext): TemplateResult {
  const { view } = ctx;
  const p = view.prompt;
  const mine = me(ctx);
  const key = answerDraftKey(mine?.id ?? null);
  const draft = ctx.ui.drafts[key] ?? '';
  const off = ctx.ro || !mine;
  const long = draft.length > view.maxTextLength;
  const speaker = view.turn.memberId;
  const status = mine?.answeredAtDepth ? 'You have answered at this depth.' : mine?.passedAtDepth ? 'You passed at this depth: that is fine.' : '';
  return html`<section class="checkin" aria-labelledby="checkin-h">
    <h2 id="checkin-h" class="visually-hidden">Check-in</h2>
    <div class="prompt-row">
      ${depthIndicator(ctx)}
      <div class="prompt-box">
        ${p
          ? html`<p class="prompt-meta">${p.topic} · ${DEPTH_NAMES[p.depth]}</p><p class="prompt" id="prompt-text">${p.text}</p>`
          : html`<p class="prompt" id="prompt-text">Waiting for the facilitator's prompt.</p>`}
      </div>
    </div>
    <div class="turn">
      <p class="speaker">${speaker ? html`Now speaking: <strong><bdi>${speaker === mine?.id ? 'you' : memberName(ctx, speaker)}</bdi></strong>` : html`No one has the turn.`}</p>
      <p class="timer-wrap">
        <span id="timer-label">Turn time</span>
        <span id="turn-timer" class="timer" role="timer" aria-labelledby="timer-label"></span>
        ${view.softCapSeconds > 0 ? html`<span class="muted">soft cap ${formatSeconds(view.softCapSeconds)}</span>` : nothing}
        <span id="timer-cap-live" class="visually-hidden" aria-live="polite"></span>
      </p>
    </div>
    <p class="gate" id="gate-text">${view.gate.reason}.</p>
    <div class="recorder">
      <label class="field-label" for="answer">Your answer</label>
      <vscode-textarea id="answer" .label=${'Your answer'} rows="3" resize="vertical" data-draft=${key} .value=${live(draft)}
        ?disabled=${off} aria-keyshortcuts="Control+Enter" aria-describedby="answer-hint"
        @input=${ctx.h.onDraftInput} @keydown=${ctx.h.onAnswerKeydown}></vscode-textarea>
      <p class=${long ? 'hint warn' : 'hint'} id="answer-hint">
        ${long ? `${draft.length} characters: it will be shortened to ${view.maxTextLength}.` : status || 'Ctrl+Enter sends. Passing is a fine answer too.'}
      </p>
      <div class="row">
        <vscode-button ?disabled=${off} aria-disabled=${String(off)} aria-keyshortcuts="Control+Enter" @click=${ctx.h.answer}>Send answer</vscode-button>
        <vscode-button secondary ?disabled=${off} aria-disabled=${String(off)} @click=${ctx.h.passMine}>Pass</vscode-button>
      </div>
    </div>
  </section>`;
}

function notes(ctx: ViewContext): TemplateResult {
  const { columns, anonymous } = ctx.view;
  const mine = me(ctx)?.id;
  const held = ctx.view.team?.held ?? [];
  return html`<section class="phase gather" aria-labelledby="gather-h">
    <h2 id="gather-h">${PHASE_NAMES.gather}</h2>
    ${anonymous
      ? html`<p class="hint" role="note">Anonymous: your notes are held on the team server, without your name, until the facilitator reveals everyone's notes together.</p>`
      : html`<p class="muted">Your notes, one idea each.</p>`}
    <div class="columns">
      ${columns.map((col, i) => html`<div class="column" role="group" aria-labelledby=${`col-h-${i}`}>
        <h3 id=${`col-h-${i}`}>${col}</h3>
        <ul class="notes" aria-label=${`Your notes: ${col}`}>
          ${repeat(ctx.view.notes.filter((n) => n.column === col && n.memberId === mine && !ctx.edits.hidden(n.id)), (n) => n.id, (n) => gatherNote(ctx, n, false))}
          ${held.filter((n) => n.column === col).map((n) => html`<li class="note held"><span class="note-text" dir="auto">${n.text}</span> <span class="tag">held until the reveal</span></li>`)}
        </ul>
        ${ctx.view.notes.some((n) => n.column === col && n.memberId === null)
          ? html`<ul class="notes" aria-label=${`Revealed notes: ${col}`}>
              ${repeat(ctx.view.notes.filter((n) => n.column === col && n.memberId === null), (n) => n.id, (n) => html`<li class="note"><span class="note-text" dir="auto">${n.text}</span></li>`)}
            </ul>`
          : nothing}
        <form class="row" data-column=${col} @submit=${ctx.h.onAddNote}>
          <input class="input" name="text" type="text" ?disabled=${ctx.ro} aria-label=${`Add note: ${col}`}
            data-draft=${`note:${col}`} .value=${live(ctx.ui.drafts[`note:${col}`] ?? '')} @input=${ctx.h.onDraftInput} />
          <button class="btn" type="submit" ?disabled=${ctx.ro} aria-label=${`Add note to ${col}`}>Add note</button>
        </form>
      </div>`)}
    </div>
  </section>`;
}

function votes(ctx: ViewContext): TemplateResult {
  const list = orderForInsights(ctx.view.notes, ctx.view.columns);
  const mine = me(ctx)?.id ?? '';
  const anonymous = ctx.view.anonymous === true;
  const cap = ctx.view.dotsPerMember ?? 3;
  // Anonymous dots are counted on the server only: this panel cannot know which are yours.
  const left = anonymous ? null : dotsLeft(ctx, mine);
  return html`<section class="phase insights" aria-labelledby="insights-h">
    <h2 id="insights-h">${PHASE_NAMES.insights}</h2>
    <p class="muted">Vote on what matters most to you.${anonymous ? ' Votes are anonymous: only totals are shared.' : ''}</p>
    <p class=${left === 0 ? 'hint warn' : 'hint'} id="dots-left" role="status">${left === null
      ? `You have ${cap} dots.`
      : left === 0 ? `No dots left (${cap} placed): take one back to move it.` : `${left} of ${cap} dots left.`}</p>
    <ul class="notes insight-list" aria-label="Notes to vote on">
      ${repeat(list, (n) => n.id, (n) => {
        const label = short(n.text);
        return html`<li class="note">
          <span class="note-text" dir="auto">${n.text}</span>
          <span class="muted">${n.column}</span>
          <span class="votes"><vscode-badge aria-hidden="true">${n.votes}</vscode-badge></span>
          <button class="btn secondary" data-id=${n.id} data-retract="false" ?disabled=${ctx.ro || left === 0} aria-describedby="dots-left"
            aria-label=${`Vote for note: ${label} (${n.votes} ${n.votes === 1 ? 'vote' : 'votes'})`} @click=${ctx.h.onVote}>Vote</button>
          ${anonymous || (n.voters ?? []).includes(mine)
            ? html`<button class="btn link" data-id=${n.id} data-retract="true" ?disabled=${ctx.ro}
                aria-label=${`Take back my vote for note: ${label}`} @click=${ctx.h.onVote}>Take back</button>`
            : nothing}
        </li>`;
      })}
    </ul>
  </section>`;
}

function actions(ctx: ViewContext): TemplateResult {
  return html`<section class="phase decide" aria-labelledby="decide-h">
    <h2 id="decide-h">${PHASE_NAMES.decide}</h2>
    <p class="muted">The facilitator writes the action items.</p>
    <ul class="actions plain" aria-label="Action items">
      ${repeat(ctx.view.actions, (a) => a.id, (a) => html`<li class=${a.done ? 'action done' : 'action'}>
        <span class="action-text" dir="auto">${a.text}</span>
        <span class="muted">${a.ownerId ? html`<bdi>${memberName(ctx, a.ownerId)}</bdi>` : 'no owner yet'}${a.due ? html`, due <bdi>${a.due}</bdi>` : nothing}</span>
      </li>`)}
    </ul>
    ${ctx.view.actions.length === 0 ? html`<p class="muted">No action items yet.</p>` : nothing}
    ${topVoted(ctx)}
  </section>`;
}

const ROTI = ['', '1 — not worth the time', '2', '3 — fair', '4', '5 — very worth it'];

function checkout(ctx: ViewContext): TemplateResult {
  const m = me(ctx);
  const saved = m ? ctx.view.checkouts.find((c) => c.memberId === m.id) : undefined;
  return html`<section class="phase close" aria-labelledby="close-h">
    <h2 id="close-h">${PHASE_NAMES.close}</h2>
    <p class="muted">One line to check out, and how worth the time this retro was (1–5).</p>
    ${m
      ? html`<form class="row" data-id=${m.id} @submit=${ctx.h.onCheckout}>
          <input class="input" name="text" type="text" ?disabled=${ctx.ro} aria-label="Your check-out"
            data-draft=${`checkout:${m.id}`} .value=${live(ctx.ui.drafts[`checkout:${m.id}`] ?? saved?.text ?? '')} @input=${ctx.h.onDraftInput} />
          <select class="select" name="roti" ?disabled=${ctx.ro} aria-label="Return on time">
            ${ROTI.map((label, i) => html`<option value=${i === 0 ? '' : String(i)} ?selected=${(saved?.roti ?? 0) === i}>${label || 'Rating…'}</option>`)}
          </select>
          <button class="btn secondary" type="submit" ?disabled=${ctx.ro}>Save check-out</button>
          ${saved ? html`<span class="tag">saved</span>` : nothing}
        </form>`
      : nothing}
  </section>`;
}
