/**
 * Wallbox Quasar (1) Modbus TCP register map, holding registers, as the driver
 * uses it. Data, not code: addresses, ranges and meanings in one table.
 *
 * Source: the register map Wallbox Chargers S.L. supplied "as is" to the V2G
 * Liberty project (github.com/V2G-liberty/addon-v2g-liberty, file
 * v2g_liberty/chargers/wallbox_quasar_1.py, read for reference only), which
 * matches the addresses used by other field integrations. Where the field is
 * silent we chose, and say so in `note`.
 *
 * The device simulator (drivers/sim/quasar-model.ts) deliberately keeps its own
 * copy of these addresses, so a typo here cannot be mirrored by the simulator.
 */

export type RegisterAccess = 'rw' | 'ro';
export type RegisterType = 'uint16' | 'int16';

export interface QuasarRegister {
  readonly address: number;
  readonly access: RegisterAccess;
  readonly type: RegisterType;
  /** Allowed write range (device-side validation answers "illegal data value" outside it). */
  readonly min?: number;
  readonly max?: number;
  readonly unit?: 'W' | 'A' | 's' | '%';
  readonly note: string;
}

export const quasarRegisters = {
  remoteControl: { address: 0x51, access: 'rw', type: 'uint16', min: 0, max: 1, note: '1 = the Modbus master controls; 0 = the charger app/schedule. Setpoints and actions are obeyed only at 1.' },
  autostart: { address: 0x52, access: 'rw', type: 'uint16', min: 0, max: 1, note: 'Start (dis)charging as soon as a car is plugged in. Resets to 1 when control returns to the app; the driver sets 0.' },
  setpointType: { address: 0x53, access: 'rw', type: 'uint16', min: 0, max: 1, note: '0 = current setpoint (0x102) is used, 1 = power setpoint (0x104).' },
  idleTimeout: { address: 0x58, access: 'rw', type: 'uint16', min: 1, max: 3600, unit: 's', note: 'Leave remote control if no Modbus write arrives for this long. Range chosen by us: the field does not document it.' },
  action: { address: 0x101, access: 'rw', type: 'uint16', min: 1, max: 3, note: '1 start (dis)charging, 2 stop/pause, 3 restart.' },
  currentSetpoint: { address: 0x102, access: 'rw', type: 'int16', min: -32, max: 32, unit: 'A', note: 'Signed: < 0 discharges the car.' },
  powerSetpoint: { address: 0x104, access: 'rw', type: 'int16', min: -7400, max: 7400, unit: 'W', note: 'Signed: < 0 discharges the car.' },
  maxAvailablePower: { address: 0x202, access: 'rw', type: 'uint16', min: 1380, max: 7400, unit: 'W', note: 'Installer hardware limit, same for charge and discharge. Writable per the field map; this driver only reads it.' },
  actualPower: { address: 0x20e, access: 'ro', type: 'int16', unit: 'W', note: 'Measured power, > 0 charging the car.' },
  state: { address: 0x219, access: 'ro', type: 'uint16', note: 'Charger state code, see quasar-states.ts.' },
  carSoc: { address: 0x21a, access: 'ro', type: 'uint16', unit: '%', note: 'Reads 0 when no DC session is running (not a real SoC).' },
  errorCode1: { address: 0x21b, access: 'ro', type: 'uint16', note: 'Error registers 1..4; non-zero while the charger reports a fault.' },
  errorCode2: { address: 0x21c, access: 'ro', type: 'uint16', note: '' },
  errorCode3: { address: 0x21d, access: 'ro', type: 'uint16', note: '' },
  errorCode4: { address: 0x21e, access: 'ro', type: 'uint16', note: '' },
} as const satisfies Record<string, QuasarRegister>;

/** Actions written to 0x101. */
export const quasarActions = { start: 1, stop: 2, restart: 3 } as const;

/** Values of 0x53. */
export const quasarSetpointTypes = { current: 0, power: 1 } as const;

/**
 * The status block read in one request. The field integrations read
 * 0x20E..0x21E in one go, so the gaps inside it are readable; gaps elsewhere
 * (e.g. 0x103, 0x54..0x57) may not be, and are never read.
 */
export const quasarStatusBlock = {
  start: quasarRegisters.actualPower.address,
  count: quasarRegisters.errorCode4.address - quasarRegisters.actualPower.address + 1,
} as const;
