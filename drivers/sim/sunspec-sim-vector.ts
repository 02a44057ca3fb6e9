/**
 * The modbus-serial server "vector" (register callbacks) for the simulated
 * SunSpec units, shared by the TCP and the RTU server. Callback style so
 * that a unit can answer late or not at all (faults.silent), as a unit that
 * is missing from a bus does.
 */
import type { FCallback, FCallbackVal, IServiceVector } from 'modbus-serial';
import type { SimSunSpecUnit } from './sunspec-sim-unit.js';
import { SimModbusException } from './sunspec-sim-unit.js';

export interface SunSpecVectorOptions {
  readonly units: ReadonlyMap<number, SimSunSpecUnit>;
  /** Brings the registers up to date before a read (the physics may have stepped since the last refresh). */
  readonly beforeRead: () => void;
  /**
   * A unit id nobody answers to: a TCP gateway says so with exception 11
   * (gateway target device failed to respond); on a serial bus there is only
   * silence.
   */
  readonly unknownUnit: 'exception' | 'silent';
}

/** A request for a unit id nobody answers to: what a gateway says when the target is missing. */
const gatewayTargetFailed = 11;

export function sunspecVector(options: SunSpecVectorOptions): IServiceVector {
  const answer = <T>(unitId: number, done: (err: Error | null, value: T) => void, work: (unit: SimSunSpecUnit) => T): void => {
    const fail = (err: Error): void => (done as (err: Error) => void)(err);
    const unit = options.units.get(unitId);
    if (unit === undefined) {
      if (options.unknownUnit === 'exception') fail(new SimModbusException(gatewayTargetFailed, `no device with unit id ${unitId}`));
      return;
    }
    if (unit.faults.silent) return;
    const run = (): void => {
      let value: T;
      try {
        value = work(unit);
      } catch (err) {
        fail(err instanceof Error ? err : new Error(String(err)));
        return;
      }
      done(null, value);
    };
    if (unit.faults.responseDelayMs > 0) setTimeout(run, unit.faults.responseDelayMs);
    else run();
  };

  // Exactly these arities: modbus-serial picks the callback convention by Function.length.
  return {
    getHoldingRegister: (addr: number, unitId: number, done: FCallbackVal<number>): void =>
      answer(unitId, done, (unit) => {
        options.beforeRead();
        return unit.read(addr, 1)[0] ?? 0;
      }),
    getMultipleHoldingRegisters: (addr: number, length: number, unitId: number, done: FCallbackVal<number[]>): void =>
      answer(unitId, done, (unit) => {
        options.beforeRead();
        return unit.read(addr, length);
      }),
    setRegister: (addr: number, value: number, unitId: number, done: FCallback): void => answer(unitId, done, (unit) => unit.write(addr, [value])),
    setRegisterArray: (addr: number, values: number[], unitId: number, done: FCallback): void => answer(unitId, done, (unit) => unit.write(addr, values)),
  };
}
