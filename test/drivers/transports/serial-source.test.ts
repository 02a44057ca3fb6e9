/**
 * The serial transport over a real pseudo-terminal pair: a P1 meter driver
 * reads DSMR telegrams written at the other end, including a DSMR 4 meter
 * that sends 7E1 into an 8N1 port, and a corrupted telegram is counted.
 */
import { openSync, writeSync, closeSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../main/common/log.js';
import { p1SerialDriver } from '../../../drivers/p1/p1-serial.js';
import type { StreamMeter } from '../../../drivers/p1/stream-meter.js';
import type { ModbusPool } from '../../../drivers/transports/modbus-types.js';
import { fixture } from '../p1/fixtures.js';
import { waitFor } from '../p1/helpers.js';
import { ManualClock } from '../../support/manual-clock.js';
import { openPtyPair } from './serial-pty.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Each byte with even parity in bit 7, as a 7E1 line delivers it to an 8N1 UART. */
function asSevenE1(text: string): Buffer {
  const bytes = Buffer.from(text, 'latin1');
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] ?? 0;
    let ones = 0;
    for (let k = 0; k < 7; k++) ones += (b >> k) & 1;
    bytes[i] = b | ((ones % 2) << 7);
  }
  return bytes;
}

describe('serial transport over a socat pty pair', () => {
  it('reads P1 telegrams, 8N1 and 7E1, and drops a corrupted one', async () => {
    const pty = await openPtyPair();
    cleanups.push(() => pty.close());
    const clock = new ManualClock(Date.UTC(2024, 0, 1));
    const config = p1SerialDriver.configSchema.parse({ path: pty.driverPath });
    const meter = p1SerialDriver.create({ ...config, id: 'grid', role: 'grid', type: 'p1-serial' }, { clock, log: silentLogger, modbus: {} as ModbusPool }) as StreamMeter;
    cleanups.push(() => meter.stop());
    await meter.start();
    const fd = openSync(pty.meterPath, 'w');
    cleanups.push(() => closeSync(fd));
    const counter = (name: string): number => meter.health().counters[name] ?? 0;

    // The driver may open its end a moment after start(); resend until the first telegram lands, then let the copies drain.
    await waitFor(() => {
      if (counter('telegrams') === 0) writeSync(fd, Buffer.from(fixture('nl-iskra-v5'), 'latin1'));
      return counter('telegrams') >= 1;
    }, 'a telegram over the pty', 5000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(meter.powerW()).toBe(244);

    writeSync(fd, asSevenE1(fixture('se-landisgyr-e360')));
    await waitFor(() => meter.powerW() === 2301, 'the 7E1 telegram', 5000);

    const damaged = fixture('nl-iskra-v5').replace('00.244*kW', '00.944*kW');
    writeSync(fd, Buffer.from(damaged, 'latin1'));
    await waitFor(() => counter('crcErrors') === 1, 'the CRC error', 5000);
    expect(meter.powerW()).toBe(2301);
    expect(meter.health().lastError).toMatch(/^CRC mismatch/);
  });

  it('reports a port that does not exist and keeps trying', async () => {
    const clock = new ManualClock(Date.UTC(2024, 0, 1));
    const config = p1SerialDriver.configSchema.parse({ path: '/dev/does-not-exist-p1' });
    const meter = p1SerialDriver.create({ ...config, id: 'grid', role: 'grid', type: 'p1-serial' }, { clock, log: silentLogger, modbus: {} as ModbusPool });
    cleanups.push(() => meter.stop());
    await meter.start();
    await waitFor(() => meter.health().status === 'error', 'the open error');
    expect(meter.health().lastError).toMatch(/^cannot open \/dev\/does-not-exist-p1/);
  });

  it('validates the line settings by key', () => {
    expect(p1SerialDriver.configSchema.parse({ path: '/dev/ttyUSB0' })).toMatchObject({ baudRate: 115_200, dataBits: 8, parity: 'none', stopBits: 1 });
    const r = p1SerialDriver.configSchema.safeParse({ path: '/dev/ttyUSB0', parity: 'space' });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues[0]?.path).toEqual(['parity']);
  });
});

describe('serial transport with the wrong line settings', () => {
  it('says to check the baud rate when only noise arrives', async () => {
    const pty = await openPtyPair();
    cleanups.push(() => pty.close());
    const clock = new ManualClock(Date.UTC(2024, 0, 1));
    const config = p1SerialDriver.configSchema.parse({ path: pty.driverPath });
    const meter = p1SerialDriver.create({ ...config, id: 'grid', role: 'grid', type: 'p1-serial' }, { clock, log: silentLogger, modbus: {} as ModbusPool });
    cleanups.push(() => meter.stop());
    await meter.start();
    const fd = openSync(pty.meterPath, 'w');
    cleanups.push(() => closeSync(fd));
    // A 9600-baud DSMR 3 meter read at 115200 delivers bytes without structure: no '/' and no '!'.
    const noise = Buffer.from(Array.from({ length: 700 }, (_, i) => [0x80, 0xf8, 0x00, 0x78, 0xe0][i % 5] ?? 0));
    await waitFor(() => {
      if ((meter.health().counters.droppedBytes ?? 0) < 512) writeSync(fd, noise);
      return /check the baud rate/.test(meter.health().lastError ?? '');
    }, 'the line-settings hint', 5000);
    expect(meter.health().status).toBe('error');
    expect(meter.health().lastError).toMatch(/^\d+ bytes of noise without a valid telegram from .* @ 115200 8N1: check the baud rate, parity and cable$/);
  });
});
