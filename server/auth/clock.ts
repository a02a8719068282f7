// The time source of sign-in state (session idle expiry, lockout windows), injectable so tests
// can move time forward instead of waiting.
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A UTC timestamp as DuckDB reads it in `CAST($x AS TIMESTAMP)`. */
export function sqlTime(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
}
