// Evenness as one bar (not a leaderboard) and the facilitator's gentle nudges.
import { html, svg, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { short, type ViewContext } from './context';

export function balance(ctx: ViewContext): TemplateResult {
  const b = ctx.view.balance;
  const value = Math.min(1, Math.max(0, b.evenness));
  const text = b.sampleReady ? value.toFixed(2) : 'not enough turns yet';
  return html`<div class="balance">
    <span id="evenness-label">Evenness${b.sampleReady ? ' ' : ': '}${text}</span>
    <div class="meter" role="meter" aria-labelledby="evenness-label" aria-valuemin="0" aria-valuemax="1"
      aria-valuenow=${b.sampleReady ? value.toFixed(2) : '0'} aria-valuetext=${text}>
      <svg class="meter-svg" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true">
        <rect class="meter-bg" x="0" y="0" width="100" height="8"></rect>
        ${svg`<rect class="meter-fill" x="0" y="0" width=${b.sampleReady ? (value * 100).toFixed(1) : '0'} height="8"></rect>`}
      </svg>
    </div>
    <span class="muted">1.00 means everyone took part equally.</span>
  </div>`;
}

export function nudges(ctx: ViewContext): TemplateResult | typeof nothing {
  if (!ctx.facilitator) return nothing;
  const list = ctx.view.nudges;
  return html`<div class="nudges" role="status" aria-label="Nudges for the facilitator">
    ${repeat(list, (n) => n.id, (n) => html`<div class="nudge">
      <span class="nudge-text">${n.text}</span>
      <button class="btn link" data-id=${n.id} ?disabled=${ctx.ro} aria-label=${`Dismiss nudge: ${short(n.text)}`}
        @click=${ctx.h.onDismissNudge}>Dismiss</button>
    </div>`)}
  </div>`;
}
