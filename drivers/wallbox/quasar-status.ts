/**
 * Decoding of the Quasar status block (0x20E..0x21E, read in one request).
 * Pure, so the wire-level meaning is tested without a socket. Values a Quasar
 * cannot produce are rejected here rather than passed on as readings.
 */
import { HubError } from '../../main/common/errors.js';
import { decodeInt16 } from './int16.js';
import { hex } from './modbus-errors.js';
import { quasarRegisters, quasarStatusBlock } from './quasar-registers.js';

export interface QuasarStatus {
  /** > 0 charging the car, < 0 discharging it. */
  readonly actualW: number;
  readonly stateCode: number;
  /** null: the register reads 0 (no DC session, so no SoC from the car) or an impossible value. */
  readonly socPct: number | null;
  /** Raw SoC register, for logging implausible values. */
  readonly socWord: number;
  readonly errorCodes: readonly number[];
}

/** Measured power beyond this is not a Quasar reading (7.4 kW device) but a decoding or device fault. */
export const PLAUSIBLE_POWER_W = 10_000;

const errorRegisters = [quasarRegisters.errorCode1, quasarRegisters.errorCode2, quasarRegisters.errorCode3, quasarRegisters.errorCode4];

export function decodeQuasarStatus(block: Uint16Array): QuasarStatus {
  if (block.length !== quasarStatusBlock.count) {
    throw new HubError('device_protocol', `status block ${hex(quasarStatusBlock.start)}: expected ${quasarStatusBlock.count} registers, got ${block.length}`);
  }
  const at = (address: number): number => block[address - quasarStatusBlock.start] ?? 0;
  const actualW = decodeInt16(at(quasarRegisters.actualPower.address));
  if (Math.abs(actualW) > PLAUSIBLE_POWER_W) {
    throw new HubError('device_protocol', `actual power ${hex(quasarRegisters.actualPower.address)} reads ${actualW} W, beyond what a Quasar can deliver; reading rejected`);
  }
  const socWord = at(quasarRegisters.carSoc.address);
  return {
    actualW,
    stateCode: at(quasarRegisters.state.address),
    // 0 is the Quasar's "no DC session" value, not an empty battery.
    socPct: socWord >= 1 && socWord <= 100 ? socWord : null,
    socWord,
    errorCodes: errorRegisters.map((r) => at(r.address)),
  };
}
