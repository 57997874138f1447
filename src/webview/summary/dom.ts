// Tiny DOM builders. Strings always become text nodes, so people's names and words can
// never turn into markup; `style` is refused because the CSP forbids inline style
// attributes (set element.style from code instead).

import type { Codicon } from '../codicons';

export type Child = Node | string | number | null | undefined | false;
export type Attrs = Record<string, string | number | boolean | null | undefined>;

const SVG_NS = 'http://www.w3.org/2000/svg';

function apply(el: Element, attrs: Attrs | undefined, children: Child[]): void {
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (name === 'style' || name.startsWith('on')) throw new Error(`attribute not allowed: ${name}`);
    if (value === null || value === undefined || value === false) continue;
    el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === 'number' ? String(child) : child);
  }
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  apply(el, attrs, children);
  return el;
}

export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs?: Attrs, ...children: Child[]): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  apply(el, attrs, children);
  return el;
}

/** Text only screen readers get. */
export function srOnly(text: string): HTMLSpanElement {
  return h('span', { class: 'visually-hidden' }, text);
}

/** A codicon in the text's colour, hidden from screen readers (the text beside it says what it means). */
export function icon(c: Codicon): SVGSVGElement {
  return svg(
    'svg',
    { class: `codicon codicon-${c.name}`, viewBox: '0 0 16 16', width: 16, height: 16, fill: 'currentColor', 'aria-hidden': 'true', focusable: 'false' },
    ...c.paths.map((p) => svg('path', { d: p.d, 'fill-rule': p.evenodd ? 'evenodd' : null })),
  );
}
