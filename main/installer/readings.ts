/** A device's current values through its capabilities (drivers/api.ts), for the probe list and the sign check. */
import { has } from '../../drivers/api.js';
import type { Device } from '../../drivers/api.js';
import type { DeviceReadings } from '../common/installer.js';

export function readingsOf(d: Device): DeviceReadings {
  const phases = has(d, 'phaseMeter') ? d.phases() : null;
  return {
    powerW: has(d, 'powerMeter') ? d.powerW() : null,
    energyImportWh: has(d, 'energyMeter') ? d.energyImportWh() : null,
    energyExportWh: has(d, 'energyMeter') ? d.energyExportWh() : null,
    socPct: has(d, 'battery') ? d.socPct() : has(d, 'vehicleSoc') ? d.vehicleSocPct() : null,
    phases: phases === null ? null : phases.map((p) => ({ voltageV: p.voltageV, currentA: p.currentA, powerW: p.powerW })),
    chargerState: has(d, 'charger') ? d.chargerState() : null,
    carConnected: has(d, 'charger') ? d.carConnected() : null,
  };
}

export const noReadings: DeviceReadings = { powerW: null, energyImportWh: null, energyExportWh: null, socPct: null, phases: null, chargerState: null, carConnected: null };
