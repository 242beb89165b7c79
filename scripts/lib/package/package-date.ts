/** The earliest time a zip (DOS) timestamp can hold: 1980-01-01T00:00:00Z. */
export const ZIP_EPOCH = new Date(Date.UTC(1980, 0, 1, 0, 0, 0));

/**
 * The timestamp every packaged file gets: `SOURCE_DATE_EPOCH` (seconds, the reproducible-builds
 * convention) when it is a valid number, else 1980-01-01. Clamped to the zip range and rounded down
 * to even seconds, which is all a DOS time can store.
 */
export function packageDate(sourceDateEpoch: string | undefined): Date {
  const seconds = sourceDateEpoch !== undefined && /^\d+$/.test(sourceDateEpoch.trim()) ? Number(sourceDateEpoch.trim()) : NaN;
  if (!Number.isFinite(seconds)) return ZIP_EPOCH;
  const ms = Math.max(seconds * 1000, ZIP_EPOCH.getTime());
  const max = Date.UTC(2107, 11, 31, 23, 59, 58);
  return new Date(Math.min(ms - (ms % 2000), max));
}
