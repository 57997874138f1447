// Timestamps as WebVTT writes them (hh:mm:ss.ttt or mm:ss.ttt) and as chat logs write
// them ([hh:mm:ss]). Both parse to milliseconds, or null when malformed.

// Hours may be one digit: several exporters write "0:00:01.000". A comma before the
// milliseconds is SubRip style; some tools put it in .vtt files, and it is unambiguous.
const VTT_TIME = /^(?:(\d{1,}):)?(\d{2}):(\d{2})[.,](\d{3})$/;
const LOG_TIME = /^(?:(\d{1,2}):)?(\d{1,2}):(\d{2})(?:[.,](\d{1,3}))?$/;

export const CUE_TIMING_EXAMPLE = 'a cue timing like 00:00:01.000 --> 00:00:04.000';

export function parseVttTimestamp(text: string): number | null {
  return toMs(VTT_TIME.exec(text));
}

export function parseLogTimestamp(text: string): number | null {
  return toMs(LOG_TIME.exec(text));
}

function toMs(m: RegExpExecArray | null): number | null {
  if (m === null) return null;
  const hours = m[1] === undefined ? 0 : Number(m[1]);
  const minutes = Number(m[2]);
  const seconds = Number(m[3]);
  if (minutes > 59 || seconds > 59) return null;
  const fraction = m[4] === undefined ? 0 : Number(m[4].padEnd(3, '0'));
  return ((hours * 60 + minutes) * 60 + seconds) * 1000 + fraction;
}

export interface CueTiming {
  startMs: number;
  endMs: number;
}

/** Reads "start --> end [settings]"; settings (position, align…) are ignored. */
export function parseCueTiming(line: string): CueTiming | null {
  const arrow = line.indexOf('-->');
  if (arrow < 0) return null;
  const start = parseVttTimestamp(line.slice(0, arrow).trim());
  const rest = line.slice(arrow + 3).trim();
  const space = rest.search(/\s/);
  const end = parseVttTimestamp(space < 0 ? rest : rest.slice(0, space));
  if (start === null || end === null) return null;
  return { startMs: start, endMs: end };
}
