// Reads the text of one WebVTT cue into speaker segments. Voice tags (<v Name>,
// <v.loud Name>, closed by </v> or not at all) name the speaker; every other tag
// (<c>, <i>, <b>, <u>, <lang>, <ruby>, inline timestamps) is markup and is dropped.
import { collapseSpaces, splitSpeakerPrefix } from './text';

export interface CueSegment {
  speaker: string | null;
  text: string;
  /** The speaker came from a "Name:" prefix, not a voice tag (the caller decides if it is one). */
  labelled?: boolean;
}

const VOICE_TAG = /^v(?:\.[^\s]*)?(?:[ \t]+([^]*))?$/;
const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  lrm: '',
  rlm: '',
};

/** Decodes the character references WebVTT allows in cue text and names. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const hex = ref[1] === 'x' || ref[1] === 'X';
      const code = Number.parseInt(ref.slice(hex ? 2 : 1), hex ? 16 : 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

interface Draft {
  speaker: string | null;
  /** True when the speaker came from a voice tag, so a `Name:` prefix is not sought. */
  voiced: boolean;
  parts: string[];
}

/** Splits the payload into segments; text outside voice tags may carry `Name: text`. */
export function parseCuePayload(payload: string): CueSegment[] {
  const simple = simpleVoice(payload);
  if (simple !== undefined) return simple;
  if (!payload.includes('<')) return finishDraft({ speaker: null, voiced: false, parts: [payload] });
  const drafts: Draft[] = [{ speaker: null, voiced: false, parts: [] }];
  let pos = 0;
  while (pos < payload.length) {
    const open = payload.indexOf('<', pos);
    const close = open < 0 ? -1 : payload.indexOf('>', open);
    if (open < 0 || close < 0) {
      currentDraft(drafts).parts.push(payload.slice(pos));
      break;
    }
    currentDraft(drafts).parts.push(payload.slice(pos, open));
    applyTag(drafts, payload.slice(open + 1, close));
    pos = close + 1;
  }
  return drafts.flatMap(finishDraft);
}

// The shape nearly every Teams cue has: one voice, plain text, optional </v>. Reading
// it with one match saves the allocations that dominate a multi-megabyte file.
// The name starts with a visible character, so the spaces before it match one way only.
const SIMPLE_VOICE = /^<v(?:\.[^\s>]*)?[ \t]+([^>&<\s][^>&<]*)>([^<&]*)(?:<\/v>)?$/;

function simpleVoice(payload: string): CueSegment[] | undefined {
  const m = SIMPLE_VOICE.exec(payload);
  if (m === null) return undefined;
  const speaker = collapseSpaces(m[1] ?? '');
  const text = collapseSpaces(m[2] ?? '');
  if (speaker.length === 0) return undefined;
  return text.length > 0 ? [{ speaker, text }] : [];
}

function currentDraft(drafts: Draft[]): Draft {
  const last = drafts[drafts.length - 1];
  if (last === undefined) throw new Error('parseCuePayload: no draft');
  return last;
}

function applyTag(drafts: Draft[], tag: string): void {
  if (tag === '/v') {
    drafts.push({ speaker: null, voiced: false, parts: [] });
    return;
  }
  const voice = VOICE_TAG.exec(tag);
  if (voice === null) return;
  const name = collapseSpaces(decodeEntities(voice[1] ?? ''));
  drafts.push({ speaker: name.length > 0 ? name : null, voiced: name.length > 0, parts: [] });
}

function finishDraft(draft: Draft): CueSegment[] {
  const raw = decodeEntities(draft.parts.join(''));
  if (draft.voiced) {
    const text = collapseSpaces(raw);
    return text.length > 0 ? [{ speaker: draft.speaker, text }] : [];
  }
  // Only the first line may carry a `Name:` label; later lines continue the same
  // speaker, because caption lines are wrapped prose, not new turns.
  const trimmed = raw.replace(/^\s+/, '');
  const firstBreak = trimmed.indexOf('\n');
  const firstLine = firstBreak < 0 ? trimmed : trimmed.slice(0, firstBreak);
  const labelled = splitSpeakerPrefix(firstLine);
  if (labelled === null) {
    const text = collapseSpaces(raw);
    return text.length > 0 ? [{ speaker: null, text }] : [];
  }
  const rest = firstBreak < 0 ? '' : trimmed.slice(firstBreak + 1);
  // Kept even when empty: "Todo pasa por la central:" is a line of dialogue if the
  // file turns out not to name speakers this way.
  const text = rest.length === 0 ? collapseSpaces(labelled.text) : collapseSpaces(`${labelled.text}\n${rest}`);
  return [{ speaker: labelled.speaker, text, labelled: true }];
}
