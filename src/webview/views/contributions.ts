// The running list of contributions, newest last. Keyed by id, so recording one more
// appends a row instead of rebuilding two thousand.
import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { ContributionView } from '../../protocol';
import { PHASE_NAMES } from '../../domain/types';
import { isOpen, type ViewContext } from './context';

export function contributions(ctx: ViewContext): TemplateResult {
  const list = ctx.view.contributions;
  return html`<details class="section contributions" data-section="contributions"
      ?open=${isOpen(ctx, 'contributions')} @toggle=${ctx.h.onSection}>
    <summary><h2 class="small-h">Contributions <span class="muted">(${list.length})</span></h2></summary>
    ${list.length === 0 ? html`<p class="muted">Nothing recorded yet.</p>` : nothing}
    <ol class="contrib-list" aria-label="Contributions">
      ${repeat(list, (c) => c.id, (c) => row(ctx, c))}
    </ol>
  </details>`;
}

function row(ctx: ViewContext, c: ContributionView): TemplateResult {
  return html`<li class=${c.pass ? 'contrib pass' : 'contrib'}>
    <div class="contrib-head">
      <bdi class="name">${c.memberName}</bdi>
      <span class="tag">Layer ${c.depth}</span>
      ${c.phase === 'check-in' ? nothing : html`<span class="tag">${PHASE_NAMES[c.phase]}</span>`}
      ${c.promptText ? html`<span class="contrib-prompt muted">${c.promptText}</span>` : nothing}
      <button class="btn link" data-id=${c.id} ?disabled=${ctx.ro}
        aria-label=${`Remove contribution by ${c.memberName}`} @click=${ctx.h.onRemoveContribution}>Remove</button>
    </div>
    ${c.pass
      ? html`<p class="contrib-text passed">passed <span class="muted">— a choice, not silence</span></p>`
      : html`<p class="contrib-text" dir="auto">${c.text}${c.truncated ? html` <span class="muted">(shortened)</span>` : nothing}</p>`}
  </li>`;
}
