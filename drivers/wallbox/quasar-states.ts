/**
 * Quasar state codes (register 0x219) and what they mean for the hub.
 *
 * Sources (read for reference, not copied): the Quasar 1 map that Wallbox
 * supplied to V2G Liberty (github.com/V2G-liberty/addon-v2g-liberty,
 * v2g_liberty/chargers/wallbox_quasar_1.py: codes 0-11 with descriptions) and
 * the Wallbox status list in github.com/jagheterfredrik/wallbox-mqtt-bridge-go
 * (wallbox_const.go), which agrees on 0-7, 9, 10 and 11. The two differ on 8
 * (power-sharing queue vs. waiting for current assignment): both mean "car
 * connected, not getting power yet".
 */
import type { ChargerState } from '../api.js';

export interface QuasarStateInfo {
  readonly label: string;
  readonly chargerState: ChargerState;
  /** null: the code does not tell (e.g. an error), keep the last known plug state. */
  readonly carConnected: boolean | null;
}

export const quasarStates: Readonly<Record<number, QuasarStateInfo>> = {
  0: { label: 'ready, no car connected', chargerState: 'disconnected', carConnected: false },
  1: { label: 'charging', chargerState: 'charging', carConnected: true },
  2: { label: 'connected, waiting for car demand', chargerState: 'connected', carConnected: true },
  3: { label: 'connected, waiting for schedule (app control)', chargerState: 'connected', carConnected: true },
  4: { label: 'connected, paused', chargerState: 'paused', carConnected: true },
  5: { label: 'connected, end of schedule', chargerState: 'connected', carConnected: true },
  6: { label: 'locked, no car connected', chargerState: 'disconnected', carConnected: false },
  7: { label: 'error', chargerState: 'error', carConnected: null },
  8: { label: 'connected, queued by power sharing / waiting for current assignment', chargerState: 'connected', carConnected: true },
  9: { label: 'error: power sharing not configured', chargerState: 'error', carConnected: null },
  10: { label: 'connected, queued by power boost (home uses all power)', chargerState: 'connected', carConnected: true },
  11: { label: 'discharging', chargerState: 'discharging', carConnected: true },
};

const unknownState: QuasarStateInfo = { label: 'unknown state code', chargerState: 'unknown', carConnected: null };

/** Meaning of a raw 0x219 value; unknown codes map to 'unknown', never to a guess. */
export function quasarStateInfo(code: number): QuasarStateInfo {
  return quasarStates[code] ?? { ...unknownState, label: `unknown state code ${code}` };
}
