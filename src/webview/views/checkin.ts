// The layered check-in: the prompt, whose turn it is, the "What was said" box and the
// stage controls with the reciprocity gate explained next to them.
import * as l10n from '@vscode/l10n';
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { depthName } from '../names';
import { formatSeconds } from '../timer';
import { depthIndicator } from './header';
import { memberName, type ViewContext } from './context';
import { gateText } from '../gateText';
import { warning } from '../codicons';
import { icon } from '../icons';
import { overrideText } from '../../wording';

export function sayDraftKey(memberId: string | null): string {
  return `say:${memberId ?? '-'}`;
}

export function checkin(ctx: ViewContext): TemplateResult {
  return html`<section class="checkin" aria-labelledby="checkin-h">
    <h2 id="checkin-h" class="visually-hidden">${l10n.t('Check-in')}</h2>
    <div class="prompt-row">
      ${depthIndicator(ctx)}
      ${prompt(ctx)}
    </div>
    ${turn(ctx)}
    ${recorder(ctx)}
    ${stageControls(ctx)}
  </section>`;
}

function prompt(ctx: ViewContext): TemplateResult {
  const p = ctx.view.prompt;
  const left = ctx.view.promptsLeftAtDepth;
  return html`<div class="prompt-box">
    ${p
      ? html`<p class="prompt-meta">${p.topic} · ${depthName(p.depth)}</p>
          <p class="prompt" id="prompt-text">${p.text}</p>`
      : html`<p class="prompt" id="prompt-text">${l10n.t('No prompt left at this depth.')}</p>`}
    <div class="row">
      <button type="button" class="vsc-button secondary" data-kind="nextPrompt" ?disabled=${ctx.ro || left === 0}
        aria-disabled=${String(ctx.ro || left === 0)} @click=${ctx.h.onSimple}>${l10n.t('New prompt')}</button>
      <span class="muted">${l10n.t('{0} more at this depth', left)}</span>
    </div>
  </div>`;
}

function turn(ctx: ViewContext): TemplateResult {
  const { view } = ctx;
  const speaker = view.turn.memberId;
  return html`<div class="turn" aria-labelledby="turn-h">
    <h2 id="turn-h" class="visually-hidden">${l10n.t('Turn')}</h2>
    <p class="speaker">
      ${speaker ? html`${l10n.t('Now speaking:')} <strong><bdi title=${memberName(ctx, speaker)}>${memberName(ctx, speaker)}</bdi></strong>` : html`${l10n.t('No one has the turn yet.')}`}
    </p>
    <p class="timer-wrap">
      <span id="timer-label">${l10n.t('Turn time')}</span>
      <span id="turn-timer" class="timer" role="timer" aria-labelledby="timer-label"></span>
      ${view.softCapSeconds > 0 ? html`<span class="muted">${l10n.t('soft cap {0}', formatSeconds(view.softCapSeconds))}</span>` : nothing}
      <span id="timer-cap-live" class="visually-hidden" aria-live="polite"></span>
    </p>
    <p class="suggested">
      ${view.suggestedNext ? html`${l10n.t('Suggested next:')} <bdi title=${memberName(ctx, view.suggestedNext)}>${memberName(ctx, view.suggestedNext)}</bdi>` : nothing}
    </p>
    ${ctx.roundRobin
      ? html`<p class="round-robin" role="status">
          ${l10n.t('Round-robin: {0} more after', ctx.roundRobin.remaining.length)} <bdi>${memberName(ctx, ctx.roundRobin.current)}</bdi>
          <button class="btn link" @click=${ctx.h.stopRoundRobin}>${l10n.t('Stop the round-robin')}</button>
        </p>`
      : nothing}
  </div>`;
}

function recorder(ctx: ViewContext): TemplateResult {
  const speaker = ctx.view.turn.memberId;
  const off = ctx.ro || speaker === null;
  const draft = ctx.ui.drafts[sayDraftKey(speaker)] ?? '';
  const long = draft.length > ctx.view.maxTextLength;
  return html`<div class="recorder">
    <label class="field-label" for="say">${l10n.t('What was said')}</label>
    <vscode-textarea id="say" .label=${l10n.t('What was said')} rows="3" resize="vertical"
      data-draft=${sayDraftKey(speaker)} .value=${live(draft)} ?disabled=${off}
      aria-keyshortcuts="Control+Enter" @input=${ctx.h.onDraftInput} @keydown=${ctx.h.onRecordKeydown}></vscode-textarea>
    <p class=${long ? 'hint warn' : 'hint'} id="say-hint">
      ${long
        ? l10n.t('{0} characters: it will be shortened to {1}. Short turns are the point.', draft.length, ctx.view.maxTextLength)
        : l10n.t('Ctrl+Enter records. Alt+P passes, Alt+N moves to the next speaker (outside the text box).')}
    </p>
    <div class="row">
      <button type="button" class="vsc-button" ?disabled=${off} aria-disabled=${String(off)} aria-keyshortcuts="Control+Enter"
        @click=${ctx.h.record}>${l10n.t('Record')}</button>
      <button type="button" class="vsc-button secondary" ?disabled=${off} aria-disabled=${String(off)} aria-keyshortcuts="Alt+P"
        @click=${ctx.h.pass}>${l10n.t('Pass')}</button>
      <button type="button" class="vsc-button secondary" data-kind="nextSpeaker" ?disabled=${ctx.ro} aria-disabled=${String(ctx.ro)}
        aria-keyshortcuts="Alt+N" @click=${ctx.h.onSimple}>${l10n.t('Next speaker')}</button>
    </div>
  </div>`;
}

/** What the last override meant, while the group is still at the layer it went to. */
function lastOverride(ctx: ViewContext): TemplateResult | typeof nothing {
  const last = ctx.view.overrides?.at(-1);
  if (!last || last.to !== ctx.view.depth) return nothing;
  // Worded here from the numbers; a view without them (an older host) has the English.
  const what = last.from === undefined ? last.text : overrideText(l10n, { from: last.from, to: last.to, answered: last.answered ?? null, present: last.present ?? null });
  return html`<p class="hint" id="override-done">${l10n.t('Overrode the gate: {0}.', what)}</p>`;
}

function stageControls(ctx: ViewContext): TemplateResult {
  const { gate, depth } = ctx.view;
  const deeperOff = ctx.ro || depth >= 4;
  const override = !gate.open && depth < 4;
  const backOff = ctx.ro || depth <= 1;
  return html`<div class="stage" role="group" aria-labelledby="stage-h">
    <h2 id="stage-h" class="small-h">${l10n.t('Depth')}</h2>
    <p class="gate" id="gate-text">
      ${gateText(ctx.view)}.
      <span class="muted">${gate.open ? l10n.t('Most people have answered: the group can go deeper when it is ready.') : depth >= 4 ? l10n.t('This is the deepest layer.') : l10n.t('Staying here gives the others room to answer.')}</span>
    </p>
    <div class="row">
      <button type="button" class=${override ? 'vsc-button secondary override' : 'vsc-button'} data-move="deeper" ?disabled=${deeperOff}
        aria-disabled=${String(deeperOff)} aria-describedby=${override ? 'override-note gate-text' : 'gate-text'}
        aria-description=${override ? l10n.t('Going deeper now would be an override') : ''}
        @click=${ctx.h.onStage}>${override ? html`${icon(warning)}${l10n.t('Go deeper (override)')}` : l10n.t('Go deeper')}</button>
      <button type="button" class=${override ? 'vsc-button' : 'vsc-button secondary'} data-move="stay" ?disabled=${ctx.ro} aria-disabled=${String(ctx.ro)}
        @click=${ctx.h.onStage}>${l10n.t('Stay at this depth')}</button>
      <button type="button" class="vsc-button secondary" data-move="back" ?disabled=${backOff} aria-disabled=${String(backOff)}
        @click=${ctx.h.onStage}>${l10n.t('Step back')}</button>
    </div>
    ${override ? html`<p class="hint warn" id="override-note">${l10n.t('Going deeper now would be an override: not everyone has answered yet.')}</p>` : nothing}
    ${lastOverride(ctx)}
  </div>`;
}
