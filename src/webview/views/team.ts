// Team mode in the panel: the connection banner (with the join code, for the facilitator),
// and a member's own panel: the prompt, their answer or pass, their own notes, votes and
// check-out, their own numbers, and who is here. Everything else is the facilitator's.
import * as l10n from '@vscode/l10n';
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { depthName, phaseName } from '../names';
import { gateText } from '../gateText';
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

function statusText(status: Team['status']): string {
  switch (status) {
    case 'connecting':
      return l10n.t('Connecting…');
    case 'connected':
      return l10n.t('Connected');
    case 'offline':
      return l10n.t('Offline: reconnecting');
    case 'refused':
      return l10n.t('Refused');
  }
}

export function teamBanner(ctx: ViewContext): TemplateResult | typeof nothing {
  const team = ctx.view.team;
  if (!team) return nothing;
  const waiting = team.waiting.length;
  // The connection (and, for the facilitator, the server) lives in the extension host: with
  // the host gone, the last snapshot's "Connected" is no longer true.
  const lost = ctx.hostLost === true;
  const cls = lost || team.status === 'refused' ? 'banner team error' : team.status === 'connected' ? 'banner team ok' : 'banner team warn';
  const where = team.hosting
    ? lost ? l10n.t('Was hosting on {0}', team.server) : l10n.t('Hosting on {0}', team.server)
    : l10n.t('Team server {0}', team.server);
  return html`<div class=${cls} role="status" aria-label=${l10n.t('Team connection')}>
    <p>
      <strong>${lost ? l10n.t('Disconnected') : statusText(team.status)}</strong>
      <span class="muted">${where}</span>
      ${waiting > 0 ? html`<span class="tag waiting">${l10n.t('{0} waiting to send', waiting)}</span>` : nothing}
    </p>
    ${team.problem ? html`<p>${team.problem}</p>` : nothing}
    ${ctx.facilitator && team.joinCode
      ? html`<div class="row join">
          <label for="join-code">${l10n.t('Join code')}</label>
          <input id="join-code" class="input code" type="text" readonly .value=${team.joinCode} aria-describedby="join-hint" />
          <button class="btn" ?disabled=${lost} @click=${ctx.h.onCopyCode}>${l10n.t('Copy join code')}</button>
          <button class="btn secondary" ?disabled=${lost} @click=${ctx.h.onCopyLink}>${l10n.t('Copy join link')}</button>
          <span class="muted" id="join-hint">${l10n.t('Members run "{0}" and paste it.', l10n.t('Reciprocity: Join Team Retro'))}</span>
        </div>`
      : nothing}
  </div>`;
}

/** Who is connected now (awareness), for the side column of both panels. */
export function hereNow(ctx: ViewContext): TemplateResult | typeof nothing {
  const team = ctx.view.team;
  if (!team) return nothing;
  if (ctx.hostLost === true) {
    return html`<div class="here" aria-labelledby="here-h">
      <h2 class="small-h" id="here-h">${l10n.t('Here now')}</h2>
      <p class="muted">${l10n.t('Not known while contact with the extension host is lost.')}</p>
    </div>`;
  }
  const here = team.here.map((id) => memberName(ctx, id));
  return html`<div class="here" aria-labelledby="here-h">
    <h2 class="small-h" id="here-h">${l10n.t('Here now')} <span class="muted">(${here.length + (team.facilitatorHere ? 1 : 0)})</span></h2>
    <ul class="plain" aria-label=${l10n.t('Connected now')}>
      ${team.facilitatorHere ? html`<li>${l10n.t('Facilitator')}</li>` : nothing}
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
    <h2 class="small-h" id="mine-h">${l10n.t('Your numbers')}</h2>
    ${m
      ? html`<dl class="numbers">
          <dt>${l10n.t('Turns')}</dt><dd>${m.turns}</dd>
          <dt>${l10n.t('Words')}</dt><dd>${m.words}</dd>
          <dt>${l10n.t('Passes')}</dt><dd>${m.passes}</dd>
          <dt>${l10n.t('Deepest layer')}</dt><dd>${m.deepest > 0 ? `${m.deepest} (${depthName(m.deepest as 1 | 2 | 3 | 4)})` : l10n.t('none yet')}</dd>
        </dl>`
      : html`<p class="muted">${l10n.t('Joining…')}</p>`}
  </div>`;
}

function waitingList(ctx: ViewContext): TemplateResult | typeof nothing {
  const waiting = ctx.view.team?.waiting ?? [];
  if (waiting.length === 0) return nothing;
  return html`<div class="waiting" aria-labelledby="waiting-h">
    <h2 class="small-h" id="waiting-h">${l10n.t('Waiting to send')}</h2>
    <p class="muted">${l10n.t('Kept here and sent once when the connection is back.')}</p>
    <ul class="plain" aria-label=${l10n.t('Waiting to send')}>
      ${waiting.map((w) => html`<li><span class="tag">${waitingKind(w.kind)}</span> <span dir="auto">${w.text}</span></li>`)}
    </ul>
  </div>`;
}

/** The kinds host/team/teamView.ts describeWaiting gives, in the display language. */
function waitingKind(kind: string): string {
  switch (kind) {
    case 'Answer':
      return l10n.t('Answer');
    case 'Pass':
      return l10n.t('Pass');
    case 'Note':
      return l10n.t('Note');
    case 'Vote':
      return l10n.t('Vote');
    case 'Vote taken back':
      return l10n.t('Vote taken back');
    case 'Check-out':
      return l10n.t('Check-out');
    default:
      return kind;
  }
}

export function memberPanel(ctx: ViewContext): TemplateResult {
  return html`<div class="layout">
    <main class="main">${memberBody(ctx)}</main>
    <aside class="side" aria-label=${l10n.t('You and the team')}>
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
        <h2 id="ended-h">${l10n.t('This retro has ended')}</h2>
        <p>${l10n.t('Thank you. The facilitator has the summary.')}</p>
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
  const status = mine?.answeredAtDepth ? l10n.t('You have answered at this depth.') : mine?.passedAtDepth ? l10n.t('You passed at this depth: that is fine.') : '';
  return html`<section class="checkin" aria-labelledby="checkin-h">
    <h2 id="checkin-h" class="visually-hidden">${l10n.t('Check-in')}</h2>
    <div class="prompt-row">
      ${depthIndicator(ctx)}
      <div class="prompt-box">
        ${p
          ? html`<p class="prompt-meta">${p.topic} · ${depthName(p.depth)}</p><p class="prompt" id="prompt-text">${p.text}</p>`
          : html`<p class="prompt" id="prompt-text">${l10n.t("Waiting for the facilitator's prompt.")}</p>`}
      </div>
    </div>
    <div class="turn">
      <p class="speaker">${speaker ? html`${l10n.t('Now speaking:')} <strong><bdi title=${speaker === mine?.id ? nothing : memberName(ctx, speaker)}>${speaker === mine?.id ? l10n.t('you') : memberName(ctx, speaker)}</bdi></strong>` : l10n.t('No one has the turn.')}</p>
      <p class="timer-wrap">
        <span id="timer-label">${l10n.t('Turn time')}</span>
        <span id="turn-timer" class="timer" role="timer" aria-labelledby="timer-label"></span>
        ${view.softCapSeconds > 0 ? html`<span class="muted">${l10n.t('soft cap {0}', formatSeconds(view.softCapSeconds))}</span>` : nothing}
        <span id="timer-cap-live" class="visually-hidden" aria-live="polite"></span>
      </p>
    </div>
    <p class="gate" id="gate-text">${gateText(view)}.</p>
    <div class="recorder">
      <label class="field-label" for="answer">${l10n.t('Your answer')}</label>
      <vscode-textarea id="answer" .label=${l10n.t('Your answer')} rows="3" resize="vertical" data-draft=${key} .value=${live(draft)}
        ?disabled=${off} aria-keyshortcuts="Control+Enter" aria-describedby="answer-hint"
        @input=${ctx.h.onDraftInput} @keydown=${ctx.h.onAnswerKeydown}></vscode-textarea>
      <p class=${long ? 'hint warn' : 'hint'} id="answer-hint">
        ${long ? l10n.t('{0} characters: it will be shortened to {1}.', draft.length, view.maxTextLength) : status || l10n.t('Ctrl+Enter sends. Passing is a fine answer too.')}
      </p>
      <div class="row">
        <button type="button" class="vsc-button" ?disabled=${off} aria-disabled=${String(off)} aria-keyshortcuts="Control+Enter" @click=${ctx.h.answer}>${l10n.t('Send answer')}</button>
        <button type="button" class="vsc-button secondary" ?disabled=${off} aria-disabled=${String(off)} @click=${ctx.h.passMine}>${l10n.t('Pass')}</button>
      </div>
    </div>
  </section>`;
}

function notes(ctx: ViewContext): TemplateResult {
  const { columns, anonymous } = ctx.view;
  const mine = me(ctx)?.id;
  const held = ctx.view.team?.held ?? [];
  return html`<section class="phase gather" aria-labelledby="gather-h">
    <h2 id="gather-h">${phaseName('gather')}</h2>
    ${anonymous
      ? html`<p class="hint" role="note">${l10n.t("Anonymous: your notes are held on the team server, without your name, until the facilitator reveals everyone's notes together.")}</p>`
      : html`<p class="muted">${l10n.t('Your notes, one idea each.')}</p>`}
    <div class="columns">
      ${columns.map((col, i) => html`<div class="column" role="group" aria-labelledby=${`col-h-${i}`}>
        <h3 id=${`col-h-${i}`}>${col}</h3>
        <ul class="notes" aria-label=${l10n.t('Your notes: {0}', col)}>
          ${repeat(ctx.view.notes.filter((n) => n.column === col && n.memberId === mine && !ctx.edits.hidden(n.id)), (n) => n.id, (n) => gatherNote(ctx, n, false))}
          ${held.filter((n) => n.column === col).map((n) => html`<li class="note held"><span class="note-text" dir="auto">${n.text}</span> <span class="tag">${l10n.t('held until the reveal')}</span></li>`)}
        </ul>
        ${ctx.view.notes.some((n) => n.column === col && n.memberId === null)
          ? html`<ul class="notes" aria-label=${l10n.t('Revealed notes: {0}', col)}>
              ${repeat(ctx.view.notes.filter((n) => n.column === col && n.memberId === null), (n) => n.id, (n) => html`<li class="note"><span class="note-text" dir="auto">${n.text}</span></li>`)}
            </ul>`
          : nothing}
        <form class="row" data-column=${col} @submit=${ctx.h.onAddNote}>
          <input class="input" name="text" type="text" ?disabled=${ctx.ro} aria-label=${l10n.t('Add note: {0}', col)}
            data-draft=${`note:${col}`} .value=${live(ctx.ui.drafts[`note:${col}`] ?? '')} @input=${ctx.h.onDraftInput} />
          <button class="btn" type="submit" ?disabled=${ctx.ro} aria-label=${l10n.t('Add note to {0}', col)}>${l10n.t('Add note')}</button>
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
  // Anonymous dots: the authority tells this member's machine alone which are theirs
  // (team.myVotes). Not known (a server from before it told them): only the cap is said.
  const own = anonymous ? (ctx.view.team?.myVotes ?? null) : null;
  const left = !anonymous ? dotsLeft(ctx, mine) : own === null ? null : Math.max(0, cap - own.length);
  const hasDot = (n: { id: string; voters?: string[] }): boolean => (!anonymous ? (n.voters ?? []).includes(mine) : own === null || own.includes(n.id));
  return html`<section class="phase insights" aria-labelledby="insights-h">
    <h2 id="insights-h">${phaseName('insights')}</h2>
    <p class="muted">${anonymous ? l10n.t('Vote on what matters most to you. Votes are anonymous: only totals are shared.') : l10n.t('Vote on what matters most to you.')}</p>
    <p class=${left === 0 ? 'hint warn' : 'hint'} id="dots-left" role="status">${left === null
      ? l10n.t('You have {0} dots.', cap)
      : left === 0 ? l10n.t('No dots left ({0} placed): take one back to move it.', cap) : l10n.t('{0} of {1} dots left.', left, cap)}</p>
    <ul class="notes insight-list" aria-label=${l10n.t('Notes to vote on')}>
      ${repeat(list, (n) => n.id, (n) => {
        const label = short(n.text);
        return html`<li class="note">
          <span class="note-text" dir="auto">${n.text}</span>
          <span class="muted">${n.column}</span>
          <span class="votes"><vscode-badge aria-hidden="true">${n.votes}</vscode-badge></span>
          <button class="btn secondary" data-id=${n.id} data-retract="false" ?disabled=${ctx.ro || left === 0} aria-describedby="dots-left"
            aria-label=${n.votes === 1 ? l10n.t('Vote for note: {0} (1 vote)', label) : l10n.t('Vote for note: {0} ({1} votes)', label, n.votes)} @click=${ctx.h.onVote}>${l10n.t('Vote')}</button>
          <span class="take-back">${hasDot(n)
            ? html`<button class="btn link" data-id=${n.id} data-retract="true" ?disabled=${ctx.ro}
                aria-label=${l10n.t('Take back my vote for note: {0}', label)} @click=${ctx.h.onVote}>${l10n.t('Take back')}</button>`
            : nothing}</span>
        </li>`;
      })}
    </ul>
  </section>`;
}

function actions(ctx: ViewContext): TemplateResult {
  return html`<section class="phase decide" aria-labelledby="decide-h">
    <h2 id="decide-h">${phaseName('decide')}</h2>
    <p class="muted">${l10n.t('The facilitator writes the action items.')}</p>
    <ul class="actions plain" aria-label=${l10n.t('Action items')}>
      ${repeat(ctx.view.actions, (a) => a.id, (a) => html`<li class=${a.done ? 'action done' : 'action'}>
        <span class="action-text" dir="auto">${a.text}</span>
        <span class="muted">${a.ownerId ? html`<bdi>${memberName(ctx, a.ownerId)}</bdi>` : l10n.t('no owner yet')}${a.due ? html`, ${l10n.t('due')} <bdi>${a.due}</bdi>` : nothing}</span>
      </li>`)}
    </ul>
    ${ctx.view.actions.length === 0 ? html`<p class="muted">${l10n.t('No action items yet.')}</p>` : nothing}
    ${topVoted(ctx)}
  </section>`;
}

const roti = (): string[] => ['', l10n.t('1 — not worth the time'), '2', l10n.t('3 — fair'), '4', l10n.t('5 — very worth it')];

function checkout(ctx: ViewContext): TemplateResult {
  const m = me(ctx);
  const saved = m ? ctx.view.checkouts.find((c) => c.memberId === m.id) : undefined;
  return html`<section class="phase close" aria-labelledby="close-h">
    <h2 id="close-h">${phaseName('close')}</h2>
    <p class="muted">${l10n.t('One line to check out, and how worth the time this retro was (1–5).')}</p>
    ${m
      ? html`<form class="row" data-id=${m.id} @submit=${ctx.h.onCheckout}>
          <input class="input" name="text" type="text" ?disabled=${ctx.ro} aria-label=${l10n.t('Your check-out')}
            data-draft=${`checkout:${m.id}`} .value=${live(ctx.ui.drafts[`checkout:${m.id}`] ?? saved?.text ?? '')} @input=${ctx.h.onDraftInput} />
          <select class="select" name="roti" ?disabled=${ctx.ro} aria-label=${l10n.t('Return on time')}>
            ${roti().map((label, i) => html`<option value=${i === 0 ? '' : String(i)} ?selected=${(saved?.roti ?? 0) === i}>${label || l10n.t('Rating…')}</option>`)}
          </select>
          <button class="btn secondary" type="submit" ?disabled=${ctx.ro}>${l10n.t('Save check-out')}</button>
          ${saved ? html`<span class="tag">${l10n.t('saved')}</span>` : nothing}
        </form>`
      : nothing}
  </section>`;
}
