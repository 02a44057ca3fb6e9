/**
 * What a household knows of prices at a given moment: day-ahead results for
 * the next local day are published around 12:45-13:00 local time, so before
 * 13:00 prices are known to the end of today, after it to the end of tomorrow.
 */
import { localTime, nextLocalTimeMs } from '../../../main/common/local-time.js';

const publishedAtMsOfDay = 13 * 3_600_000;

export function pricesKnownUntil(nowMs: number, timeZone: string): number {
  const midnight = nextLocalTimeMs(nowMs, '00:00', timeZone);
  return localTime(nowMs, timeZone).msOfDay >= publishedAtMsOfDay ? nextLocalTimeMs(midnight, '00:00', timeZone) : midnight;
}
