// The whole panel: banners, header, the current phase, the side column and the list.
import * as l10n from '@vscode/l10n';
import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { balance, nudges } from './balance';
import { checkin } from './checkin';
import { contributions } from './contributions';
import type { ViewContext } from './context';
import { header } from './header';
import { closePhase, decide } from './actions';
import { gather, insights } from './notes';
import { roster } from './roster';
import { hereNow, memberPanel, teamBanner } from './team';

export function panel(ctx: ViewContext, errors: readonly string[]): TemplateResult {
  return html`${errorBanner(errors, ctx.h.dismissError)}
    ${ctx.view.readOnly
      ? html`<div class="banner info" role="status">
          <p><strong>${l10n.t('Read-only.')}</strong> ${ctx.view.readOnlyReason ?? l10n.t('This retro cannot be changed from this window.')}</p>
        </div>`
      : nothing}
    ${teamBanner(ctx)}
    ${header(ctx)}
    ${ctx.facilitator ? facilitatorLayout(ctx) : memberPanel(ctx)}
    ${ctx.facilitator ? nothing : html`<section class="list" aria-label=${l10n.t('Contribution history')}>${contributions(ctx)}</section>`}`;
}

function facilitatorLayout(ctx: ViewContext): TemplateResult {
  return html`<div class="layout">
      <main class="main">${phaseBody(ctx)}</main>
      <aside class="side" aria-label=${l10n.t('Team and balance')}>
        ${nudges(ctx)}
        ${balance(ctx)}
        ${roster(ctx)}
        ${hereNow(ctx)}
      </aside>
      <section class="list" aria-label=${l10n.t('Contribution history')}>${contributions(ctx)}</section>
    </div>`;
}

export function errorBanner(errors: readonly string[], dismiss: () => void): TemplateResult | typeof nothing {
  if (errors.length === 0) return nothing;
  return html`<div class="banner error" role="alert">
    <ul class="errors">${repeat(errors, (_e, i) => i, (e) => html`<li>${e}</li>`)}</ul>
    <button class="btn link" @click=${dismiss}>${l10n.t('Dismiss errors')}</button>
  </div>`;
}

function phaseBody(ctx: ViewContext): TemplateResult {
  switch (ctx.view.phase) {
    case 'check-in':
      return checkin(ctx);
    case 'gather':
      return gather(ctx);
    case 'insights':
      return insights(ctx);
    case 'decide':
      return decide(ctx);
    case 'close':
      return closePhase(ctx);
    case 'ended':
      return html`<section class="phase ended" aria-labelledby="ended-h">
        <h2 id="ended-h">${l10n.t('This retro has ended')}</h2>
        <p>${l10n.t('Thank you all. The participation summary is ready for the lead.')}</p>
      </section>`;
  }
}
