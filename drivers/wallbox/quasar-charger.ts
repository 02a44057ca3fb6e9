/**
 * The Wallbox Quasar as a hub device: polls its status block, takes and keeps
 * remote control, and turns signed power requests into setpoint writes.
 *
 * Why it looks the way it does:
 * - The Quasar is slow: a start takes ~22 s and each setpoint change 6-11 s
 *   before the power ramps. So writes happen only when the setpoint really
 *   changes (deadband), and changeInFlight() tells the controller to hold
 *   steady until the measured power has followed or 30 s have passed.
 * - The charger drops remote control by itself when no write arrives within
 *   its idle timeout (0x58). That is our failsafe if the hub dies, so the
 *   driver keeps it alive deliberately (a write every third of the timeout)
 *   and takes control back if it finds it lost (e.g. after a network cut).
 * - Every request goes through one queue, so "take control, then write the
 *   setpoint, then start" is never interleaved with a poll or a release.
 */
import type { Clock } from '../../main/common/clock.js';
import { HubError, describeError } from '../../main/common/errors.js';
import type { Logger } from '../../main/common/log.js';
import type { BidirectionalCharger, Capability, Charger, ChargerState, Device, DeviceHealth, DeviceRole, PowerMeter, VehicleSoc } from '../api.js';
import type { ModbusUnit } from '../transports/modbus-types.js';
import { hex, modbusError } from './modbus-errors.js';
import type { QuasarSettings } from './quasar-config.js';
import { quasarActions, quasarRegisters, quasarSetpointTypes, quasarStatusBlock } from './quasar-registers.js';
import { maxPowerW, setpointChanged, toSetpoint, type Setpoint, type SetpointOptions } from './quasar-setpoint.js';
import { quasarStateInfo } from './quasar-states.js';
import { decodeQuasarStatus, type QuasarStatus } from './quasar-status.js';

/** No successful poll for this long (site ms): readings become null and health 'stale'. */
export const STALE_AFTER_MS = 5000;
/** A change that has not shown up in the measured power by then is considered done (the car may limit it). */
export const CHANGE_TIMEOUT_MS = 30_000;
/** The change has arrived when the measured power is this close to the target. */
export const CHANGE_TOLERANCE_W = 200;
/** 0x202 is an installer setting: re-read it now and then, not every poll. */
const MAX_POWER_REREAD_POLLS = 60;

export interface QuasarChargerInit {
  readonly id: string;
  readonly role: DeviceRole;
  readonly settings: QuasarSettings;
  readonly unit: ModbusUnit;
  readonly clock: Clock;
  readonly log: Logger;
}

export class QuasarCharger implements Device, PowerMeter, Charger, BidirectionalCharger, VehicleSoc {
  readonly id: string;
  readonly type = 'quasar';
  readonly role: DeviceRole;
  readonly capabilities: readonly Capability[] = ['powerMeter', 'charger', 'bidirectionalCharger', 'vehicleSoc'];

  private readonly s: QuasarSettings;
  private readonly unit: ModbusUnit;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly endpoint: string;
  private readonly listeners = new Set<() => void>();
  private readonly counters = { polls: 0, errors: 0, writes: 0 };

  private queue: Promise<void> = Promise.resolve();
  private cancelPoll: (() => void) | null = null;
  private pollBusy = false;

  private reading: QuasarStatus | null = null;
  private lastValidTs: number | null = null;
  private lastError: string | null = null;
  private lastAttemptFailed = false;
  private deviceMaxW: number | null = null;
  private pluggedIn = false;
  /** Last valid SoC of the car now plugged in; the register reads 0 outside a DC session. */
  private socPct: number | null = null;

  /** The hub wants control (between start()/setChargerPowerW() and releaseCharger()). */
  private wantControl = false;
  private controlTaken = false;
  private requestedW: number | null = null;
  private written: Setpoint | null = null;
  /** Whether a start action is in force: null = unknown (right after taking control). */
  private sessionStarted: boolean | null = null;
  private lastWriteTs: number | null = null;
  private change: { readonly targetW: number; readonly sinceTs: number } | null = null;

  constructor(init: QuasarChargerInit) {
    this.id = init.id;
    this.role = init.role;
    this.s = init.settings;
    this.unit = init.unit;
    this.clock = init.clock;
    this.log = init.log;
    this.endpoint = `Quasar ${this.s.host}:${this.s.port} unit ${this.s.unitId}`;
  }

  start(): Promise<void> {
    if (this.cancelPoll !== null) return Promise.resolve();
    this.wantControl = true;
    this.cancelPoll = this.clock.every(this.s.pollMs, () => void this.pollOnce());
    void this.pollOnce();
    return Promise.resolve();
  }

  async stop(): Promise<void> {
    this.wantControl = false;
    this.cancelPoll?.();
    this.cancelPoll = null;
    try {
      await this.releaseCharger();
    } catch (err) {
      // The charger's idle timeout hands control back on its own; stopping must not fail on an unreachable device.
      this.log.warn('could not hand the charger back on stop; it falls back after its idle timeout', { error: describeError(err), idleTimeoutS: this.s.idleTimeoutS });
    }
  }

  health(): DeviceHealth {
    return {
      id: this.id,
      role: this.role,
      type: this.type,
      status: this.status(),
      lastValidTs: this.lastValidTs,
      lastError: this.lastError,
      counters: { ...this.counters },
    };
  }

  onReading(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  powerW(): number | null {
    return this.fresh() && this.reading !== null ? this.reading.actualW : null;
  }

  chargerState(): ChargerState {
    return this.fresh() && this.reading !== null ? quasarStateInfo(this.reading.stateCode).chargerState : 'unknown';
  }

  carConnected(): boolean {
    return this.fresh() && this.pluggedIn;
  }

  maxChargePowerW(): number | null {
    return this.deviceMaxW === null ? null : maxPowerW(this.setpointOptions());
  }

  maxDischargePowerW(): number | null {
    // The Quasar's limit (0x202) applies to both directions.
    return this.maxChargePowerW();
  }

  vehicleSocPct(): number | null {
    return this.carConnected() ? this.socPct : null;
  }

  changeInFlight(): boolean {
    return this.change !== null && this.clock.now() - this.change.sinceTs < CHANGE_TIMEOUT_MS;
  }

  setChargerPowerW(powerW: number): Promise<void> {
    if (!Number.isFinite(powerW)) {
      return Promise.reject(new HubError('bad_request', `${this.endpoint}: charger power setpoint must be a finite number of W, got ${powerW}`));
    }
    this.wantControl = true;
    return this.recorded(this.exclusive(() => this.applySetpoint(powerW)));
  }

  releaseCharger(): Promise<void> {
    this.wantControl = false;
    this.requestedW = null;
    return this.recorded(this.exclusive(async () => {
      // From here on no keep-alive may go out, even if a write below fails.
      this.controlTaken = false;
      // Always written, even if we think we never had control: a previous hub run may have left it in remote mode.
      const zero = toSetpoint(0, this.setpointOptions());
      await this.write(`${this.s.setpoint} setpoint`, zero.register, zero.word);
      await this.write('action (stop)', quasarRegisters.action.address, quasarActions.stop);
      await this.write('remote control (release)', quasarRegisters.remoteControl.address, 0);
      this.written = null;
      this.sessionStarted = null;
      this.change = null;
      this.log.info('charger handed back to its own control');
    }));
  }

  /** Counts and reports a failed command, then passes the rejection on to the caller. */
  private async recorded(command: Promise<void>): Promise<void> {
    try {
      await command;
    } catch (err) {
      this.fail(err);
      throw err;
    }
  }

  private status(): DeviceHealth['status'] {
    if (this.lastAttemptFailed) return 'error';
    if (this.lastValidTs === null) return 'connecting';
    return this.fresh() ? 'ok' : 'stale';
  }

  private fresh(): boolean {
    return this.lastValidTs !== null && this.clock.now() - this.lastValidTs <= STALE_AFTER_MS;
  }

  private setpointOptions(): SetpointOptions {
    return { mode: this.s.setpoint, deviceMaxW: this.deviceMaxW, voltageV: this.s.voltageV, phases: this.s.phases };
  }

  /** Runs fn after everything queued before it, whatever their outcome. */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private async pollOnce(): Promise<void> {
    // A slow device must not pile up polls behind each other.
    if (this.pollBusy || this.cancelPoll === null) return;
    this.pollBusy = true;
    try {
      await this.exclusive(() => this.poll());
    } catch (err) {
      this.fail(err);
    } finally {
      this.pollBusy = false;
    }
  }

  private async poll(): Promise<void> {
    if (this.wantControl) await this.ensureControl();
    const remote = await this.read(`remote control ${hex(quasarRegisters.remoteControl.address)}`, quasarRegisters.remoteControl.address, 1);
    const block = await this.read(`status ${hex(quasarStatusBlock.start)}..${hex(quasarStatusBlock.start + quasarStatusBlock.count - 1)}`, quasarStatusBlock.start, quasarStatusBlock.count);
    if (this.deviceMaxW === null || this.counters.polls % MAX_POWER_REREAD_POLLS === 0) {
      const max = await this.read(`max available power ${hex(quasarRegisters.maxAvailablePower.address)}`, quasarRegisters.maxAvailablePower.address, 1);
      this.deviceMaxW = this.checkedMaxW(word(max, 0));
    }
    const reading = this.decode(block);
    const now = this.clock.now();
    this.lastValidTs = now;
    this.lastAttemptFailed = false;
    this.counters.polls++;

    const newCar = this.trackPlug(reading);
    this.reading = reading;
    this.trackChange(reading.actualW, now);
    if (this.wantControl && this.controlTaken) {
      if (word(remote, 0) !== 1) {
        // Idle timeout or someone else took over: take it back on the next poll and re-send the setpoint.
        this.log.warn('charger left remote control; taking it back', { register: hex(quasarRegisters.remoteControl.address) });
        this.controlTaken = false;
      } else if (this.requestedW !== null && (newCar || this.sessionLost(reading))) {
        await this.applySetpoint(this.requestedW);
      } else {
        await this.keepAlive(now);
      }
    }
    for (const listener of this.listeners) {
      try {
        listener();
      } catch (err) {
        this.log.error('reading listener failed', { error: describeError(err) });
      }
    }
  }

  private decode(block: Uint16Array): QuasarStatus {
    let status: QuasarStatus;
    try {
      status = decodeQuasarStatus(block);
    } catch (err) {
      throw err instanceof HubError ? new HubError(err.code, `${this.endpoint}: ${err.message}`, { retryable: true, cause: err.cause }) : err;
    }
    if (quasarStateInfo(status.stateCode).chargerState === 'unknown' && status.stateCode !== this.reading?.stateCode) {
      this.log.warn('unknown Quasar state code; charger state reported as unknown', { register: hex(quasarRegisters.state.address), code: status.stateCode });
    }
    if (status.socWord > 100 && status.socWord !== this.reading?.socWord) {
      this.log.warn('implausible car SoC ignored', { register: hex(quasarRegisters.carSoc.address), value: status.socWord });
    }
    if (status.errorCodes.some((c) => c !== 0) && !sameCodes(status.errorCodes, this.reading?.errorCodes)) {
      this.log.warn('charger reports error codes', { registers: `${hex(quasarRegisters.errorCode1.address)}..${hex(quasarRegisters.errorCode4.address)}`, errorCodes: status.errorCodes });
    }
    return status;
  }

  /**
   * The charger paused a session we started (a fault cleared, a restart):
   * forget the start so the setpoint goes out again. Not while a change is in
   * flight, so a slow start is never interrupted by a second one.
   */
  private sessionLost(reading: QuasarStatus): boolean {
    const lost = this.sessionStarted === true && (this.written?.value ?? 0) !== 0 && quasarStateInfo(reading.stateCode).chargerState === 'paused' && !this.changeInFlight();
    if (lost) {
      this.log.warn('charger paused a session the hub wants running; starting it again', { register: hex(quasarRegisters.state.address) });
      this.written = null;
      this.sessionStarted = null;
    }
    return lost;
  }

  /** 0x202 outside the device's documented range is ignored (the register range then limits), never trusted. */
  private checkedMaxW(value: number): number | null {
    const { min, max, address } = quasarRegisters.maxAvailablePower;
    if (value >= min && value <= max) return value;
    if (this.deviceMaxW !== null || this.counters.polls === 0) this.log.warn('implausible max available power ignored', { register: hex(address), value, expected: `${min}..${max}` });
    return null;
  }

  /** Follows the plug from the state code; true when a car has just been plugged in. */
  private trackPlug(status: QuasarStatus): boolean {
    const info = quasarStateInfo(status.stateCode);
    if (info.carConnected === false) {
      this.pluggedIn = false;
      this.socPct = null;
      this.change = null;
      return false;
    }
    const newCar = info.carConnected === true && !this.pluggedIn;
    if (newCar) {
      this.pluggedIn = true;
      // A start sent without a car did nothing: re-send setpoint and start, unless a session already runs (hub restart).
      this.written = null;
      this.sessionStarted = info.chargerState === 'charging' || info.chargerState === 'discharging' ? true : null;
    }
    // Outside a DC session the register reads 0: keep the car's last known SoC.
    if (status.socPct !== null) this.socPct = status.socPct;
    return newCar;
  }

  private trackChange(actualW: number, now: number): void {
    if (this.change === null) return;
    if (Math.abs(actualW - this.change.targetW) <= CHANGE_TOLERANCE_W || now - this.change.sinceTs >= CHANGE_TIMEOUT_MS) this.change = null;
  }

  private async ensureControl(): Promise<void> {
    if (this.controlTaken) return;
    // 0x51 first: the other settings only take effect in remote mode.
    await this.write('remote control (take)', quasarRegisters.remoteControl.address, 1);
    // Autostart off: plugging in must not start a session the controller did not ask for.
    await this.write('autostart', quasarRegisters.autostart.address, 0);
    await this.write('setpoint type', quasarRegisters.setpointType.address, quasarSetpointTypes[this.s.setpoint]);
    await this.write('idle timeout', quasarRegisters.idleTimeout.address, this.s.idleTimeoutS);
    this.controlTaken = true;
    this.written = null;
    this.sessionStarted = null;
    this.log.info('took remote control of the charger', { idleTimeoutS: this.s.idleTimeoutS, setpoint: this.s.setpoint });
    if (this.requestedW !== null) await this.applySetpoint(this.requestedW);
  }

  private async applySetpoint(powerW: number): Promise<void> {
    this.requestedW = powerW;
    if (!this.controlTaken) {
      await this.ensureControl(); // ends by applying requestedW
      return;
    }
    const sp = toSetpoint(powerW, this.setpointOptions());
    if (setpointChanged(this.written?.value ?? null, sp.value, this.s.setpoint)) {
      await this.write(`${this.s.setpoint} setpoint (${sp.value} ${this.s.setpoint === 'power' ? 'W' : 'A'})`, sp.register, sp.word);
      this.written = sp;
      // Without a car nothing will move; there is no change to wait for.
      this.change = this.pluggedIn ? { targetW: sp.effectiveW, sinceTs: this.clock.now() } : null;
    }
    const value = this.written?.value ?? 0;
    if (value !== 0 && this.sessionStarted !== true) {
      await this.write('action (start)', quasarRegisters.action.address, quasarActions.start);
      this.sessionStarted = true;
    } else if (value === 0 && this.sessionStarted !== false) {
      await this.write('action (stop)', quasarRegisters.action.address, quasarActions.stop);
      this.sessionStarted = false;
    }
  }

  private async keepAlive(now: number): Promise<void> {
    const everyMs = Math.max(this.s.pollMs, (this.s.idleTimeoutS * 1000) / 3);
    if (this.lastWriteTs !== null && now - this.lastWriteTs < everyMs) return;
    // Rewriting 0x51 = 1 is idempotent and changes nothing but the idle timer; a setpoint rewrite could restart a change.
    await this.write('remote control (keep-alive)', quasarRegisters.remoteControl.address, 1);
  }

  private async read(what: string, address: number, count: number): Promise<Uint16Array> {
    try {
      const words = await this.unit.readHoldingRegisters(address, count);
      if (words.length !== count) throw new HubError('device_protocol', `expected ${count} registers, got ${words.length}`);
      return words;
    } catch (err) {
      throw modbusError(`reading ${what}`, this.endpoint, err);
    }
  }

  private async write(what: string, address: number, value: number): Promise<void> {
    try {
      await this.unit.writeRegisters(address, [value]);
    } catch (err) {
      throw modbusError(`writing ${what} ${hex(address)}`, this.endpoint, err);
    }
    this.counters.writes++;
    this.lastWriteTs = this.clock.now();
  }

  private fail(err: unknown): void {
    // Our HubErrors already name operation, register, endpoint and cause; the full chain would repeat it.
    const message = err instanceof HubError ? err.message : describeError(err);
    this.counters.errors++;
    this.lastAttemptFailed = true;
    if (message !== this.lastError) this.log.warn('charger request failed', { error: message });
    this.lastError = message;
  }
}

function word(words: Uint16Array, index: number): number {
  const value = words[index];
  if (value === undefined) throw new HubError('device_protocol', `register index ${index} missing from a ${words.length}-register reply`);
  return value;
}

function sameCodes(a: readonly number[], b: readonly number[] | undefined): boolean {
  return b !== undefined && a.every((v, i) => v === b[i]);
}
