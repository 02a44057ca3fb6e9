/**
 * Device-side SunSpec simulator over Modbus RTU: modbus-serial's ServerSerial
 * on a serial device (a real RS-485 adapter, or one end of a pseudo-terminal
 * pair made with socat in the tests) with the same simulated devices as the
 * TCP server. A unit id that nobody has stays silent, as on a real bus.
 */
import { ServerSerial } from 'modbus-serial';
import { silentLogger, type Logger } from '../../main/common/log.js';
import type { SerialPortConfig } from '../transports/serial-config.js';
import type { SimSunSpecBattery } from './sunspec-sim-battery.js';
import { createSunSpecDevices, type SunSpecDevicesOptions } from './sunspec-sim-devices.js';
import type { SimSunSpecInverter } from './sunspec-sim-inverter.js';
import { sunspecVector } from './sunspec-sim-vector.js';

export interface SunSpecRtuSimOptions extends SunSpecDevicesOptions {
  readonly serial: SerialPortConfig;
  readonly log?: Logger;
}

export interface SunSpecRtuSim {
  readonly inverter: SimSunSpecInverter;
  readonly battery: SimSunSpecBattery;
  close(): Promise<void>;
}

/** Silence that ends a request frame, ms (ServerSerial cuts frames by time). */
const frameGapMs = 10;

export async function startSunSpecRtuSim(opts: SunSpecRtuSimOptions): Promise<SunSpecRtuSim> {
  const log = (opts.log ?? silentLogger).child('sunspec-rtu-sim');
  const devices = createSunSpecDevices(opts, log);
  const vector = sunspecVector({ units: devices.units, beforeRead: () => devices.refresh(), unknownUnit: 'silent' });
  let server: ServerSerial;
  try {
    server = await new Promise<ServerSerial>((resolve, reject) => {
      const s = new ServerSerial(vector, {
        path: opts.serial.path,
        baudRate: opts.serial.baudRate,
        dataBits: opts.serial.dataBits,
        parity: opts.serial.parity,
        stopBits: opts.serial.stopBits,
        unitID: 255,
        interval: frameGapMs,
        openCallback: (err: Error | null) => {
          if (err !== null && err !== undefined) reject(err);
        },
      } as ConstructorParameters<typeof ServerSerial>[1]);
      s.on('initialized', () => resolve(s));
      s.on('error', (err: Error | null) => reject(err ?? new Error(`cannot open ${opts.serial.path}`)));
    });
  } catch (err) {
    devices.dispose();
    throw err;
  }
  server.on('socketError', (err: Error | null) => log.debug('serial error', { error: err?.message }));
  log.info('SunSpec RTU simulator on', { path: opts.serial.path });
  let closing: Promise<void> | null = null;
  return {
    inverter: devices.inverter,
    battery: devices.battery,
    close(): Promise<void> {
      closing ??= new Promise<void>((resolve) => {
        devices.dispose();
        server.close(() => resolve());
      });
      return closing;
    },
  };
}
