// The roster: who is here, who has answered at this depth, and a way to give anyone the
// turn. Flags are for the facilitator only and are worded as invitations, not ratings.
import * as l10n from '@vscode/l10n';
import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { MemberView } from '../../protocol';
import { check, circleSmallFilled, dash } from '../codicons';
import { icon } from '../icons';
import { isOpen, type ViewContext } from './context';

const flagText = (flag: 'quiet' | 'dominant'): string => (flag === 'quiet' ? l10n.t('quiet so far') : l10n.t('sharing a lot'));

export function roster(ctx: ViewContext): TemplateResult {
  const { members } = ctx.view;
  const answered = members.filter((m) => m.present && m.answeredAtDepth).length;
  const passed = members.filter((m) => m.present && m.passedAtDepth).length;
  const present = members.filter((m) => m.present).length;
  // Just opened: the first screenful now, the rest a moment later (App.fillOlder).
  const shown = ctx.hiddenMembers > 0 ? members.slice(0, Math.max(0, members.length - ctx.hiddenMembers)) : members;
  return html`<details class="section roster" data-section="roster" ?open=${isOpen(ctx, 'roster')} @toggle=${ctx.h.onSection}>
    <summary><h2 class="small-h">${l10n.t('Team')} <span class="muted">(${l10n.t('{0} present', present)}${
      checkingIn(ctx) ? `${l10n.t(', {0} answered', answered)}${passed ? l10n.t(', {0} passed', passed) : ''}` : ''})</span></h2></summary>
    <ul class="members" aria-label=${l10n.t('Team members')} aria-busy=${shown.length < members.length ? 'true' : 'false'}>
      ${repeat(shown, (m) => m.id, (m) => memberRow(ctx, m))}
    </ul>
  </details>`;
}

/**
 * Number keys 1–9 record a turn for the first nine people present, in roster order: the
 * same map for the key beside each name and for the keyboard handler.
 */
export function tallyKeys(members: readonly MemberView[]): Map<string, number> {
  const keys = new Map<string, number>();
  for (const m of members) if (m.present && keys.size < 9) keys.set(m.id, keys.size + 1);
  return keys;
}

function memberRow(ctx: ViewContext, m: MemberView): TemplateResult {
  const speaking = ctx.view.turn.memberId === m.id;
  const cls = `member${m.present ? '' : ' absent'}${speaking ? ' speaking' : ''}`;
  // Turns and depth belong to the check-in; later phases only need who is here.
  const checkin = checkingIn(ctx);
  return html`<li class=${cls}>
    <span class=${checkin && m.answeredAtDepth ? 'answered yes' : 'answered'} title=${checkin ? depthStatus(m) : ''}>
      ${checkin ? icon(m.answeredAtDepth ? check : m.passedAtDepth ? dash : circleSmallFilled) : nothing}
      ${checkin ? html`<span class="visually-hidden">${depthStatus(m).toLowerCase()}</span>` : nothing}
    </span>
    <span class="who">
      ${tallyButton(ctx, m, checkin) ?? html`<bdi class="name" title=${m.name}>${m.name}</bdi>`}
      ${speaking ? html`<span class="tag" title=${l10n.t('speaking')}>${l10n.t('speaking')}</span>` : nothing}
      ${m.joinedLate ? html`<span class="tag" title=${l10n.t('joined late')}>${l10n.t('joined late')}</span>` : nothing}
      ${!ctx.hostLost && ctx.view.team?.here.includes(m.id)
        ? html`<span class="tag here" title=${`${l10n.t('connected')}: ${l10n.t('Answering from their own editor')}`}>${l10n.t('connected')}</span>`
        : nothing}
      ${ctx.facilitator && checkin && m.flag ? html`<span class=${`tag flag ${m.flag}`} title=${flagText(m.flag)}>${flagText(m.flag)}</span>` : nothing}
    </span>
    <span class="member-actions">
      <label class="check" title=${l10n.t('{0} is present', m.name)}>
        <input type="checkbox" data-id=${m.id} .checked=${m.present} ?disabled=${ctx.ro}
          aria-label=${l10n.t('{0} is present', m.name)} @change=${ctx.h.onPresence} />
        <span aria-hidden="true">${l10n.t('Present')}</span>
      </label>
      ${checkin
        ? html`<button class="btn secondary" data-id=${m.id} ?disabled=${ctx.ro || !m.present || speaking}
            aria-label=${l10n.t('Give turn to {0}', m.name)} title=${l10n.t('Give turn to {0}', m.name)} @click=${ctx.h.onGiveTurn}>${l10n.t('Give turn')}</button>`
        : nothing}
    </span>
  </li>`;
}

/** In the check-in, the facilitator records that someone spoke with one click or one key. */
function tallyButton(ctx: ViewContext, m: MemberView, checkin: boolean): TemplateResult | null {
  if (!checkin || !ctx.facilitator || ctx.ro || !m.present) return null;
  const key = tallyKeys(ctx.view.members).get(m.id);
  return html`<button class="name-btn" data-id=${m.id} title=${key ? l10n.t('{0}: record that they spoke (key {1})', m.name, key) : l10n.t('{0}: record that they spoke', m.name)}
      aria-keyshortcuts=${key ? String(key) : nothing} @click=${ctx.h.onTally}>
    ${key ? html`<kbd class="key" aria-hidden="true">${key}</kbd>` : nothing}<bdi class="name">${m.name}</bdi><span class="visually-hidden"> ${l10n.t('spoke')}</span>
  </button>`;
}

function depthStatus(m: MemberView): string {
  if (m.answeredAtDepth) return l10n.t('Answered at this depth');
  return m.passedAtDepth ? l10n.t('Passed at this depth') : l10n.t('Not yet at this depth');
}

function checkingIn(ctx: ViewContext): boolean {
  return ctx.view.phase === 'check-in';
}
