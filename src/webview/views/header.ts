// Title, the five-phase stepper and the onion-shaped depth indicator.
import * as l10n from '@vscode/l10n';
import { html, svg, nothing, type TemplateResult } from 'lit';
import type { Phase } from '../../domain/types';
import { depthName, phaseName } from '../names';
import type { ViewContext } from './context';

export const STEPS: readonly Exclude<Phase, 'ended'>[] = ['check-in', 'gather', 'insights', 'decide', 'close'];

export function nextPhase(phase: Phase): Phase | null {
  const i = STEPS.indexOf(phase as Exclude<Phase, 'ended'>);
  return i >= 0 && i < STEPS.length - 1 ? STEPS[i + 1] : null;
}

export function header(ctx: ViewContext): TemplateResult {
  const { view } = ctx;
  return html`<header class="top">
    <div class="title-row">
      <h1 id="retro-title" tabindex="-1">${view.title}</h1>
      <span class="deck">${l10n.t('Deck: {0}', view.deckName)}</span>
      ${ctx.facilitator ? html`<button type="button" class="vsc-button secondary" data-kind="openSummary" @click=${ctx.h.onSimple}>${l10n.t('Open summary')}</button>` : nothing}
    </div>
    ${stepper(ctx)}
  </header>`;
}

function stepper(ctx: ViewContext): TemplateResult {
  const { view } = ctx;
  const next = nextPhase(view.phase);
  const currentIndex = STEPS.indexOf(view.phase as Exclude<Phase, 'ended'>);
  return html`<nav class="stepper" aria-label=${l10n.t('Retro phases')}>
    <ol>
      ${STEPS.map((step, i) => {
        const current = step === view.phase;
        const skipped = view.skippedPhases.includes(step);
        const done = view.phase === 'ended' || (currentIndex >= 0 && i < currentIndex);
        const cls = current ? 'step current' : done ? 'step done' : 'step';
        return html`<li class=${cls} aria-current=${current ? 'step' : 'false'}>
          <span class="step-num" aria-hidden="true">${i + 1}</span>
          <span class="step-name">${phaseName(step)}</span>
          ${skipped ? html`<span class="step-note">${l10n.t('(skipped)')}</span>` : nothing}
          ${done && !skipped ? html`<span class="visually-hidden">${l10n.t('(done)')}</span>` : nothing}
        </li>`;
      })}
    </ol>
    ${next && ctx.facilitator
      ? html`<div class="phase-controls">
          <button type="button" class="vsc-button secondary" data-phase=${next} data-skip="true" ?disabled=${ctx.ro} aria-disabled=${String(ctx.ro)}
            @click=${ctx.h.onPhase}>${l10n.t('Skip phase')}</button>
          <button type="button" class="vsc-button" data-phase=${next} data-skip="false" ?disabled=${ctx.ro} aria-disabled=${String(ctx.ro)}
            @click=${ctx.h.onPhase}>${l10n.t('Next phase')}</button>
        </div>`
      : nothing}
  </nav>`;
}

/** Four concentric rings, outermost = layer 1 (orientation), innermost = layer 4 (stable). */
export function depthIndicator(ctx: ViewContext): TemplateResult {
  const depth = ctx.view.depth;
  const label = l10n.t('Layer {0} of 4: {1}', depth, depthName(depth));
  return html`<div class="depth">
    <svg class="onion" viewBox="0 0 48 48" width="48" height="48" role="img" aria-label=${l10n.t('Depth indicator, {0}', label)}>
      ${[1, 2, 3, 4].map((layer) => {
        const r = 23 - (layer - 1) * 6;
        const cls = layer === depth ? 'ring current' : layer < depth ? 'ring passed' : 'ring';
        return svg`<circle class=${cls} cx="24" cy="24" r=${r}></circle>`;
      })}
    </svg>
    <span class="depth-label">${label}</span>
  </div>`;
}
