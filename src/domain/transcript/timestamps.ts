// Timestamps as WebVTT writes them (hh:mm:ss.ttt or mm:ss.ttt), as real exporters bend
// them, and as chat logs write them ([hh:mm:ss]). All parse to milliseconds, or null.

// Lenient on purpose, as webvtt-py and subtitle.js chose: hours of any width, one-digit
// minutes and seconds, one to three digits after the point, or none (a comma before
// them is SubRip style, which some tools put in .vtt files).
const VTT_TIME = /^(?:(\d+):)?(\d{1,2}):(\d{1,2})(?:[.,](\d{1,3}))?$/;
const LOG_TIME = /^(?:(\d{1,2}):)?(\d{1,2}):(\d{2})(?:[.,](\d{1,3}))?$/;
/** A minutes or seconds field of one digit: Microsoft Teams' "0:0:13.370". */
const UNPADDED_FIELD = /:\d(?:[:.,]|$)/;

/**
 * How the digits after the point are read. Teams writes milliseconds as an unpadded
 * integer ("0:0:6.90" is 6.090 s, followed by "--> 0:0:6.500"); everyone else writes a
 * decimal fraction ("00:00:01.5" is 1.500 s).
 */
export type FractionStyle = 'decimal' | 'integer-ms';

/** Teams' clock is recognisable from any timing line with a one-digit field. */
export function fractionStyleOf(timingLine: string): FractionStyle {
  const arrow = timingLine.indexOf('-->');
  if (arrow < 0) return 'decimal';
  // Only the two timestamps: cue settings ("line:0") have colons too.
  const end = timingLine.slice(arrow + 3).trim().split(/\s/, 1)[0] ?? '';
  const unpadded = UNPADDED_FIELD.test(timingLine.slice(0, arrow).trim()) || UNPADDED_FIELD.test(end);
  return unpadded ? 'integer-ms' : 'decimal';
}

export function parseVttTimestamp(text: string, style: FractionStyle = 'decimal'): number | null {
  return toMs(VTT_TIME.exec(text), style);
}

export function parseLogTimestamp(text: string): number | null {
  return toMs(LOG_TIME.exec(text), 'decimal');
}

function toMs(m: RegExpExecArray | null, style: FractionStyle): number | null {
  if (m === null) return null;
  const hours = m[1] === undefined ? 0 : Number(m[1]);
  const minutes = Number(m[2]);
  const seconds = Number(m[3]);
  if (minutes > 59 || seconds > 59) return null;
  const digits = m[4] ?? '0';
  const fraction = style === 'integer-ms' ? Number(digits) : Number(digits.padEnd(3, '0'));
  return ((hours * 60 + minutes) * 60 + seconds) * 1000 + fraction;
}

export interface CueTiming {
  startMs: number;
  endMs: number;
}

/** Reads "start --> end [settings]"; settings (position, align…) are ignored. */
export function parseCueTiming(line: string, style: FractionStyle = 'decimal'): CueTiming | null {
  const arrow = line.indexOf('-->');
  if (arrow < 0) return null;
  const start = parseVttTimestamp(line.slice(0, arrow).trim(), style);
  const rest = line.slice(arrow + 3).trim();
  const space = rest.search(/\s/);
  const end = parseVttTimestamp(space < 0 ? rest : rest.slice(0, space), style);
  if (start === null || end === null) return null;
  return { startMs: start, endMs: end };
}
