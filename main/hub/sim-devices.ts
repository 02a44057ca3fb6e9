/** The device entries that point the hub at the embedded simulated home. */
import type { SimHome } from '../../drivers/sim/home.js';
import type { DeviceEntry } from './config.js';

export function simDeviceEntries(sim: SimHome): DeviceEntry[] {
  const host = sim.host;
  return [
    { id: 'meter', role: 'grid', type: 'p1-tcp', host, port: sim.ports.p1 },
    { id: 'inverter', role: 'pv', type: 'sunspec-inverter', host, port: sim.ports.sunspec, unitId: sim.units.inverter },
    { id: 'battery', role: 'battery', type: 'sunspec-battery', host, port: sim.ports.sunspec, unitId: sim.units.battery },
    sim.ocpp !== null
      ? { id: 'wallbox', role: 'charger', type: 'ocpp', stationId: sim.ocpp.stationId, password: sim.ocpp.password }
      : { id: 'wallbox', role: 'charger', type: 'quasar', host, port: sim.ports.quasar, unitId: sim.units.wallbox },
  ];
}
