/**
 * Where devices usually answer on a home LAN, as data. Modbus TCP: 502
 * (standard) and 1502 (SolarEdge older firmware, Kostal; see
 * drivers/sunspec/vendor-quirks.ts). P1 dongles and serial-to-TCP bridges
 * push telegrams on a raw TCP port: 23 (most Wi-Fi/Ethernet P1 gateways),
 * 2000/2001 (ser2net examples), 8088 (several network P1 readers).
 */
export const defaultScanPorts = {
  modbus: [502, 1502],
  stream: [23, 2000, 2001, 8088],
} as const satisfies { modbus: readonly number[]; stream: readonly number[] };

/** Unit ids tried on a Modbus port: the usual first, then what vendors use (SMA 126, Kostal 71...). */
export const defaultUnitIds: readonly number[] = [1, 2, 3, 126, 71];

/** Driver types that speak Modbus TCP (a port of theirs is probed as Modbus). */
export const modbusTypes: ReadonlySet<string> = new Set(['sunspec-inverter', 'sunspec-battery', 'quasar', 'modbus-meter']);
/** Driver types that read a pushed byte stream over TCP. */
export const streamTypes: ReadonlySet<string> = new Set(['p1-tcp', 'han-tcp', 'tic-tcp', 'sml-tcp']);
