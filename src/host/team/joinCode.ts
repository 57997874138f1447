// The join code a facilitator hands to members, and the vscode:// link that carries it.
// Pure (no vscode import): the code names the server, the retro and the members' token,
// nothing else. It is validated like any input: a link can come from anywhere.
import * as v from 'valibot';
import { checkIssue } from '../../domain/checkIssue';
import type { ParseResult } from '../../validate';
import { viewText } from '../viewText';

const PREFIX = 'rcp1.';
export const MAX_CODE_LENGTH = 2000;

// The address rule's message, recognised when the code is refused (viewText words it).
const ADDRESS = 'must be a ws:// or wss:// address';

const serverUrl = v.pipe(
  v.string(),
  v.maxLength(300),
  v.check((u) => {
    try {
      const url = new URL(u);
      return (url.protocol === 'ws:' || url.protocol === 'wss:') && url.hostname !== '' && url.username === '' && url.password === '';
    } catch {
      return false;
    }
  }, ADDRESS),
);

const JoinInfoSchema = v.strictObject({
  /** The server's addresses, first tried first (several for a scaled-out server). */
  u: v.pipe(v.array(serverUrl), v.minLength(1), v.maxLength(4)),
  /** The retro's document name. */
  r: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,128}$/)),
  /** The members' token for this retro. */
  t: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{20,100}$/)),
  /** The retro's title, shown before joining. */
  n: v.pipe(v.string(), v.maxLength(200)),
});

export interface JoinInfo {
  urls: string[];
  retro: string;
  token: string;
  title: string;
}

export function encodeJoinCode(info: JoinInfo): string {
  const json = JSON.stringify({ u: info.urls, r: info.retro, t: info.token, n: info.title.slice(0, 200) });
  return `${PREFIX}${Buffer.from(json, 'utf8').toString('base64url')}`;
}

/** The link members click: `<scheme>://<extension id>/join?code=…`, handled by the extension's UriHandler. */
export function joinLink(scheme: string, extensionId: string, code: string): string {
  return `${scheme}://${extensionId}/join?code=${encodeURIComponent(code)}`;
}

/** Reads a pasted code or link (anything with `code=` in it); never throws. */
export function parseJoinCode(input: string): ParseResult<JoinInfo> {
  const say = viewText();
  const text = input.trim();
  if (text === '') return { ok: false, error: say.joinEmpty() };
  if (text.length > MAX_CODE_LENGTH) return { ok: false, error: say.joinTooLong() };
  let code = text;
  const param = /[?&]code=([^&#\s]+)/.exec(text);
  if (param) {
    try {
      code = decodeURIComponent(param[1]);
    } catch {
      return { ok: false, error: say.joinLinkDamaged() };
    }
  }
  if (!code.startsWith(PREFIX)) return { ok: false, error: say.joinNotACode() };
  const body = code.slice(PREFIX.length);
  if (!/^[A-Za-z0-9_-]+$/.test(body)) return { ok: false, error: say.joinBadCharacters() };
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, error: say.joinCutShort() };
  }
  const parsed = v.safeParse(JoinInfoSchema, raw);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const check = issue.message === ADDRESS ? 'address' : checkIssue(issue);
    // What the check quotes of a pasted code is cut, so a long hostile value stays readable.
    const cut = check !== 'address' && !('text' in check) && check.received.length > 200 ? { ...check, received: `${check.received.slice(0, 200)}…` } : check;
    return { ok: false, error: say.joinInvalid(say.joinField(v.getDotPath(issue) ?? '', cut)) };
  }
  const info = parsed.output;
  return { ok: true, value: { urls: [...info.u], retro: info.r, token: info.t, title: info.n } };
}

/** host:port of a server address, for messages ("Join … on 127.0.0.1:4000?"). */
export function serverLabel(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** What keepJoinCodeCurrent needs of a hosted retro (TeamRetro, or a fake in tests). */
export interface JoinSharer {
  readonly state: { readonly title: string };
  onDidChange(listener: () => void): { dispose(): void };
  shareJoin(join: { code: string; link: string }): void;
}

/**
 * Shares the join code now, and again with the new title whenever the retro is renamed,
 * so a code copied after a rename shows members the title they expect. `onRetitled`
 * lets the caller keep its record (used when re-hosting after a reload) in step.
 */
export function keepJoinCodeCurrent(
  retro: JoinSharer,
  info: JoinInfo,
  linkFor: (code: string) => string,
  onRetitled: (title: string) => void,
): { dispose(): void } {
  let title = info.title;
  const share = (): void => {
    const code = encodeJoinCode({ ...info, title });
    retro.shareJoin({ code, link: linkFor(code) });
  };
  share();
  return retro.onDidChange(() => {
    const now = retro.state.title;
    // An empty title is a log not loaded yet, not a rename.
    if (now === '' || now === title) return;
    title = now;
    onRetitled(now);
    share();
  });
}
