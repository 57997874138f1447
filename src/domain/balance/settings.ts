// Thresholds for the participation flags. Every number is a setting (the issue asks for it)
// and mirrors `reciprocity.balance.*` in package.json.

export type BalanceDriver = 'turns' | 'words' | 'seconds';

export interface BalanceSettings {
  /** Which share drives the flags: turns taken, words said, or seconds spoken (transcripts). */
  driver: BalanceDriver;
  /** Quiet below this multiple of the median share. */
  lowFactor: number;
  /** Dominant above this multiple of the median share (and above the fair share). */
  highFactor: number;
  /** No flag until the team has taken this many turns per present member. */
  minTurnsPerMember: number;
  /** How far back inside the band, as a fraction of the median, before a flag clears. */
  hysteresis: number;
  /** The gate opens when strictly more than this share of present members answered. */
  reciprocityQuorum: number;
}

export const DEFAULT_BALANCE_SETTINGS: BalanceSettings = Object.freeze({
  driver: 'turns',
  lowFactor: 0.5,
  highFactor: 1.5,
  minTurnsPerMember: 2,
  hysteresis: 0.1,
  reciprocityQuorum: 0.5,
});

function pick(value: number | undefined, fallback: number, min: number, max: number): number {
  // Settings come from user configuration; a typo must not switch the flags off or on.
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, value));
}

/** Fills gaps from the defaults and clamps each value to the range package.json allows. */
export function resolveBalanceSettings(partial: Partial<BalanceSettings> = {}): BalanceSettings {
  const d = DEFAULT_BALANCE_SETTINGS;
  return {
    driver: partial.driver === 'words' || partial.driver === 'turns' || partial.driver === 'seconds' ? partial.driver : d.driver,
    lowFactor: pick(partial.lowFactor, d.lowFactor, 0, 1),
    highFactor: pick(partial.highFactor, d.highFactor, 1, 5),
    minTurnsPerMember: pick(partial.minTurnsPerMember, d.minTurnsPerMember, 0, 20),
    hysteresis: pick(partial.hysteresis, d.hysteresis, 0, 0.5),
    reciprocityQuorum: pick(partial.reciprocityQuorum, d.reciprocityQuorum, 0, 1),
  };
}
