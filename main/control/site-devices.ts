/**
 * The site's devices by role, typed by the capabilities the controller needs.
 * A role may be empty (no battery, no charger); the grid meter is required.
 * Optional capabilities (control, energy, phases) are asked with has().
 */
import type { Battery, Charger, Device, PowerMeter } from '../../drivers/api.js';
import { has } from '../../drivers/api.js';
import { HubError } from '../common/errors.js';

export interface SiteDevices {
  readonly all: readonly Device[];
  readonly grid: Device & PowerMeter;
  readonly pv: (Device & PowerMeter) | null;
  readonly battery: (Device & PowerMeter & Battery) | null;
  readonly charger: (Device & PowerMeter & Charger) | null;
}

export function assignRoles(devices: readonly Device[]): SiteDevices {
  const one = (role: Device['role']): Device | null => {
    const found = devices.filter((d) => d.role === role);
    if (found.length > 1) throw new HubError('config_invalid', `devices: more than one device has role "${role}" (${found.map((d) => d.id).join(', ')}); the site supports one per role`);
    return found[0] ?? null;
  };
  const grid = one('grid');
  if (grid === null || !has(grid, 'powerMeter')) throw new HubError('config_invalid', 'devices: a grid meter (role "grid" with a power reading) is required');
  const pv = one('pv');
  const battery = one('battery');
  const charger = one('charger');
  return {
    all: devices,
    grid,
    pv: pv !== null && has(pv, 'powerMeter') ? pv : null,
    battery: battery !== null && has(battery, 'powerMeter') && has(battery, 'battery') ? battery : null,
    charger: charger !== null && has(charger, 'powerMeter') && has(charger, 'charger') ? charger : null,
  };
}
