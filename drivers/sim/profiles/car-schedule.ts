/**
 * When the simulated car is at home. A commuter's week: home from 17:30 until
 * 07:30 on weekdays, at home all weekend. Tests override it through the
 * physics (setCarPluggedIn) rather than by bending the clock.
 */
import { hm, localTime } from '../../../main/common/local-time.js';

export type PlugSchedule = (ts: number) => boolean;

export function commuterPlugSchedule(timeZone: string, leaveMs = hm(7, 30), arriveMs = hm(17, 30)): PlugSchedule {
  return (ts) => {
    const local = localTime(ts, timeZone);
    if (local.weekday === 0 || local.weekday === 6) return true;
    return local.msOfDay >= arriveMs || local.msOfDay < leaveMs;
  };
}
