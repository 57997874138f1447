// Evenness as one bar (not a leaderboard) and the facilitator's gentle nudges.
import * as l10n from '@vscode/l10n';
import { html, svg, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { short, type ViewContext } from './context';
import { nudgeText } from '../nudgeText';
import { person, shield, sync, warning, watch, type Codicon } from '../codicons';
import { icon } from '../icons';

/** What each kind of nudge is about: a person to invite, turns to share, a depth to hold, time. */
const NUDGE_ICONS: Partial<Record<string, Codicon>> = { invite: person, 'round-robin': sync, 'hold-depth': shield, 'slow-down': watch };

export function balance(ctx: ViewContext): TemplateResult {
  const b = ctx.view.balance;
  const value = Math.min(1, Math.max(0, b.evenness));
  const text = b.sampleReady ? value.toFixed(2) : l10n.t('not enough turns yet');
  return html`<div class="balance">
    <span id="evenness-label">${b.sampleReady ? l10n.t('Evenness {0}', text) : l10n.t('Evenness: {0}', text)}</span>
    <div class="meter" role="meter" aria-labelledby="evenness-label" aria-valuemin="0" aria-valuemax="1"
      aria-valuenow=${b.sampleReady ? value.toFixed(2) : '0'} aria-valuetext=${text}>
      <svg class="meter-svg" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true">
        <rect class="meter-bg" x="0" y="0" width="100" height="8"></rect>
        ${svg`<rect class="meter-fill" x="0" y="0" width=${b.sampleReady ? (value * 100).toFixed(1) : '0'} height="8"></rect>`}
      </svg>
    </div>
    <span class="muted">${l10n.t('1.00 means everyone took part equally.')}</span>
  </div>`;
}

export function nudges(ctx: ViewContext): TemplateResult | typeof nothing {
  if (!ctx.facilitator) return nothing;
  // Every nudge is about turns and depth: it belongs to the check-in that raised it.
  const list = ctx.view.phase === 'check-in' ? ctx.view.nudges : [];
  // A group, not a live region: #announcer says each new nudge once (announce.ts), without the buttons.
  return html`<div class="nudges" role="group" aria-label=${l10n.t('Nudges for the facilitator')}>
    ${repeat(list, (n) => n.id, (n) => {
      const text = nudgeText(n, (id) => ctx.members.get(id)?.name);
      return html`<div class=${`nudge ${n.kind}`}>
      ${icon(NUDGE_ICONS[n.kind] ?? warning)}<span class="nudge-text">${text}</span>
      ${nudgeAction(ctx, n)}
      <button class="btn link" data-id=${n.id} ?disabled=${ctx.ro} aria-label=${l10n.t('Dismiss nudge: {0}', short(text))}
        @click=${ctx.h.onDismissNudge}>${l10n.t('Dismiss')}</button>
    </div>`;
    })}
  </div>`;
}

/** What the nudge suggests, as one button: the invited person's turn, or a round-robin. */
function nudgeAction(ctx: ViewContext, n: ViewContext['view']['nudges'][number]): TemplateResult | typeof nothing {
  if (n.kind === 'invite' && n.memberId) {
    const m = ctx.members.get(n.memberId);
    if (!m || !m.present || ctx.view.turn.memberId === m.id) return nothing;
    // It reads "Give turn", as the roster's button does. Its name is "Give turn now to …", not
    // "Give turn to …": that name belongs to the roster's button, and a test that looks for it
    // by substring (Playwright's default) must find one button, not two.
    return html`<button class="btn secondary" data-id=${m.id} ?disabled=${ctx.ro} aria-label=${l10n.t('Give turn now to {0}', m.name)}
      title=${l10n.t('Give the turn to {0}', m.name)} @click=${ctx.h.onNudgeTurn}>${l10n.t('Give turn')}</button>`;
  }
  if (n.kind === 'round-robin' && ctx.roundRobin === null) {
    return html`<button class="btn secondary" ?disabled=${ctx.ro} aria-label=${l10n.t('Start a round-robin')} @click=${ctx.h.startRoundRobin}>${l10n.t('Start')}</button>`;
  }
  return nothing;
}
