/**
 * "By day of year and weekday": a simulated day takes the source day of the
 * same month and day, moved by up to three days to the same weekday (habits
 * follow the weekday, the sun the season). Source days outside the source
 * year wrap by 52 weeks, which keeps the weekday.
 */
const dayMs = 86_400_000;
const weekMs = 7 * dayMs;

/** Start (UTC midnight) of the source day for the simulated UTC day starting at `simDayMs`. */
export function sourceDay(simDayMs: number, sourceYear: number): number {
  const sim = new Date(simDayMs);
  let src = Date.UTC(sourceYear, sim.getUTCMonth(), sim.getUTCDate());
  const shift = ((((sim.getUTCDay() - new Date(src).getUTCDay()) % 7) + 7 + 3) % 7) - 3;
  src += shift * dayMs;
  const yearStart = Date.UTC(sourceYear, 0, 1);
  const yearEnd = Date.UTC(sourceYear + 1, 0, 1);
  while (src < yearStart) src += 52 * weekMs;
  while (src >= yearEnd) src -= 52 * weekMs;
  return src;
}
