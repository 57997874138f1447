// The running list of contributions, newest last. Keyed by id, so recording one more
// appends a row instead of rebuilding two thousand. One flat template per row keeps the
// cost of a row to a single template clone.
import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { ContributionView } from '../../protocol';
import { PHASE_NAMES } from '../../domain/types';
import { isOpen, type ViewContext } from './context';

export function contributions(ctx: ViewContext): TemplateResult {
  const list = ctx.view.contributions;
  const from = Math.min(ctx.hiddenOlder, list.length);
  const shown = from > 0 ? list.slice(from) : list;
  return html`<details class="section contributions" data-section="contributions"
      ?open=${isOpen(ctx, 'contributions')} @toggle=${ctx.h.onSection}>
    <summary><h2 class="small-h">Contributions <span class="muted">(${list.length})</span></h2></summary>
    <p class="muted" ?hidden=${list.length > 0}>Nothing recorded yet.</p>
    <p class="muted" ?hidden=${from === 0}>Loading ${from} earlier contributions…</p>
    <ol class="contrib-list" aria-label="Contributions" aria-busy=${from > 0 ? 'true' : 'false'}>
      ${repeat(shown, (c) => c.id, (c) => row(ctx, c))}
    </ol>
  </details>`;
}

function row(ctx: ViewContext, c: ContributionView): TemplateResult {
  const note = c.pass ? ' — a choice, not silence' : c.truncated ? ' (shortened)' : '';
  return html`<li class=${c.pass ? 'contrib pass' : 'contrib'}>
    <div class="contrib-head">
      <bdi class="name">${c.memberName}</bdi>
      <span class="tag">Layer ${c.depth}</span>
      <span class="tag" ?hidden=${c.phase === 'check-in'}>${c.phase === 'check-in' ? '' : PHASE_NAMES[c.phase]}</span>
      <span class="contrib-prompt muted">${c.promptText ?? ''}</span>
      ${ctx.facilitator || c.memberId === ctx.view.viewer?.memberId
        ? html`<button class="btn link" data-id=${c.id} ?disabled=${ctx.ro}
            aria-label=${`Remove contribution by ${c.memberName}`} @click=${ctx.h.onRemoveContribution}>Remove</button>`
        : nothing}
    </div>
    <p class=${c.pass ? 'contrib-text passed' : 'contrib-text'} dir="auto">${c.pass ? 'passed' : c.text === '' ? html`<span class="muted">spoke${c.seconds !== undefined ? ` for ${c.seconds} s` : ''} (no words recorded)</span>` : c.text}<span class="muted">${note}</span></p>
  </li>`;
}
