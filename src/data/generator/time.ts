export const DAY = 86_400;
export const HOUR = 3_600;

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromDays(z: number): [number, number, number] {
  const zz = z + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

/** Epoch seconds of a wall-clock time (the data has no zone; UTC arithmetic throughout). */
export function epoch(y: number, m: number, d: number, hh = 0, mm = 0, ss = 0): number {
  return daysFromCivil(y, m, d) * DAY + hh * HOUR + mm * 60 + ss;
}

/** Monday = 0 … Sunday = 6 (1970-01-01 was a Thursday). */
export function weekday(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

const pad2 = (n: number): string => (n < 10 ? '0' + n : String(n));
const dayCache = new Map<number, string>();

export function formatDay(day: number): string {
  let s = dayCache.get(day);
  if (s === undefined) {
    const [y, m, d] = civilFromDays(day);
    s = `${y}-${pad2(m)}-${pad2(d)}`;
    if (dayCache.size < 20_000) dayCache.set(day, s);
  }
  return s;
}

/** `YYYY-MM-DD` of epoch seconds. */
export function formatDate(sec: number): string {
  return formatDay(Math.floor(sec / DAY));
}

/** `YYYY-MM-DD HH:MM:SS` of epoch seconds. */
export function formatTimestamp(sec: number): string {
  const day = Math.floor(sec / DAY);
  const s = sec - day * DAY;
  const hh = Math.floor(s / HOUR);
  const mm = Math.floor((s - hh * HOUR) / 60);
  return `${formatDay(day)} ${pad2(hh)}:${pad2(mm)}:${pad2(s - hh * HOUR - mm * 60)}`;
}

/** Empty string for a missing timestamp. */
export function formatOptional(sec: number | null): string {
  return sec === null ? '' : formatTimestamp(sec);
}

export function startOfDay(sec: number): number {
  return Math.floor(sec / DAY) * DAY;
}
