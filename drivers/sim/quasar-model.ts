/**
 * The Wallbox Quasar as the simulated home sees it: its registers and its
 * slow, stateful behaviour, independent of any socket (quasar-server.ts puts
 * it on Modbus TCP).
 *
 * Field behaviour modelled (register map and state codes: the map Wallbox
 * supplied to V2G Liberty, github.com/V2G-liberty/addon-v2g-liberty,
 * chargers/wallbox_quasar_1.py; read for reference only):
 * - setpoints and actions are obeyed only while 0x51 = 1 (remote control);
 * - a start takes `startDelayMs` (~22 s) of site time, each setpoint change
 *   `changeDelayMs` (6-11 s in the field; fixed here so tests are
 *   deterministic), then the power ramps at RAMP_W_PER_S;
 * - if no write arrives for 0x58 seconds in remote control, the charger
 *   falls back on its own. The field documents only that it then stops
 *   (dis)charging; we choose: remote control cleared, autostart reset to 1
 *   (as the field map says happens whenever control returns to the app),
 *   the session stopped and the power ramped to 0 without the change delay,
 *   state 4 "paused". We do not model app schedules, so it stays paused;
 * - the SoC register reads 0 outside an established DC session (field quirk:
 *   the charger only learns the SoC from the car during a session).
 *
 * The register addresses are written out here on purpose instead of importing
 * the driver's table: the simulator must not share the driver's mistakes.
 */

/** Nominal AC voltage used to turn the current setpoint into power (single-phase device). */
export const SIM_VOLTAGE_V = 230;
/** How fast the power electronics follow once a change is executed. */
export const RAMP_W_PER_S = 2500;
/** Below this the charger reports no (dis)charging. */
const ACTIVE_THRESHOLD_W = 50;

const REG = {
  remoteControl: 0x51,
  autostart: 0x52,
  setpointType: 0x53,
  idleTimeout: 0x58,
  action: 0x101,
  currentSetpoint: 0x102,
  powerSetpoint: 0x104,
  maxAvailablePower: 0x202,
  actualPower: 0x20e,
  state: 0x219,
  soc: 0x21a,
  error1: 0x21b,
  error4: 0x21e,
} as const;

/** Modbus exception codes the model raises. */
export const ILLEGAL_DATA_ADDRESS = 2;
export const ILLEGAL_DATA_VALUE = 3;

export class ModbusException extends Error {
  readonly modbusErrorCode: number;
  constructor(code: number, message: string) {
    super(message);
    this.name = 'ModbusException';
    this.modbusErrorCode = code;
  }
}

interface WritableSpec {
  readonly min: number;
  readonly max: number;
  readonly signed: boolean;
}

const writable: ReadonlyMap<number, WritableSpec> = new Map([
  [REG.remoteControl, { min: 0, max: 1, signed: false }],
  [REG.autostart, { min: 0, max: 1, signed: false }],
  [REG.setpointType, { min: 0, max: 1, signed: false }],
  // Not documented in the field; 1 s .. 1 h chosen so the watchdog cannot be switched off.
  [REG.idleTimeout, { min: 1, max: 3600, signed: false }],
  [REG.action, { min: 1, max: 3, signed: false }],
  [REG.currentSetpoint, { min: -32, max: 32, signed: true }],
  [REG.powerSetpoint, { min: -7400, max: 7400, signed: true }],
  [REG.maxAvailablePower, { min: 1380, max: 7400, signed: false }],
]);

/** Read-only: the status block 0x20E..0x21E (readable as a whole, gaps read 0). */
function isStatusRegister(address: number): boolean {
  return address >= REG.actualPower && address <= REG.error4;
}

export interface CarView {
  readonly pluggedIn: boolean;
  readonly socPct: number;
  /** Power actually flowing, after the car's own limits (> 0 charging). */
  readonly powerW: number;
}

export type QuasarSession = 'stopped' | 'starting' | 'running';

/** A snapshot of the simulator's inner state, for tests and debugging. */
export interface QuasarSimState {
  readonly remoteControl: boolean;
  readonly autostart: boolean;
  readonly setpointType: 'current' | 'power';
  readonly idleTimeoutS: number;
  readonly currentSetpointA: number;
  readonly powerSetpointW: number;
  readonly maxAvailablePowerW: number;
  readonly session: QuasarSession;
  /** What the power electronics are heading for now. */
  readonly aimW: number;
  /** A change waiting for its delay to pass. */
  readonly pendingW: number | null;
  /** Power sent to the physics. */
  readonly appliedW: number;
  readonly stateCode: number;
  readonly faultCode: number;
  readonly lastWriteTs: number | null;
  readonly writes: number;
  readonly rejectedWrites: number;
  readonly fallbacks: number;
}

export interface QuasarModelOptions {
  readonly startDelayMs: number;
  readonly changeDelayMs: number;
}

export class QuasarModel {
  private remote = 0;
  private autostart = 1;
  private setpointType = 0;
  private idleTimeoutS = 60;
  private lastAction = 0;
  private currentA = 0;
  private powerW = 0;
  private maxAvailableW = 7400;
  private faultCode = 0;

  private running = false;
  private startingUntil: number | null = null;
  private pending: { readonly w: number; readonly untilTs: number } | null = null;
  private aimW = 0;
  private appliedW = 0;
  private lastWriteTs: number | null = null;
  private car: CarView = { pluggedIn: false, socPct: 0, powerW: 0 };
  private counters = { writes: 0, rejectedWrites: 0, fallbacks: 0 };

  constructor(private readonly opts: QuasarModelOptions) {}

  /** Function 3 for one register. Unknown addresses answer "illegal data address". */
  read(address: number): number {
    switch (address) {
      case REG.remoteControl:
        return this.remote;
      case REG.autostart:
        return this.autostart;
      case REG.setpointType:
        return this.setpointType;
      case REG.idleTimeout:
        return this.idleTimeoutS;
      case REG.action:
        return this.lastAction;
      case REG.currentSetpoint:
        return toWord(this.currentA);
      case REG.powerSetpoint:
        return toWord(this.powerW);
      case REG.maxAvailablePower:
        return this.maxAvailableW;
      case REG.actualPower:
        return toWord(Math.round(this.car.powerW));
      case REG.state:
        return this.stateCode();
      case REG.soc:
        return this.sessionEstablished() && this.car.pluggedIn ? Math.round(this.car.socPct) : 0;
      case REG.error1:
        return this.faultCode;
      default:
        if (isStatusRegister(address)) return 0;
        throw new ModbusException(ILLEGAL_DATA_ADDRESS, `register 0x${address.toString(16)} does not exist`);
    }
  }

  /**
   * Function 6/16. All words are checked before any is applied, so a rejected
   * multi-register write changes nothing. Any accepted write resets the idle timer.
   */
  write(address: number, words: readonly number[], nowMs: number): void {
    const values: number[] = [];
    words.forEach((w, i) => {
      const reg = address + i;
      const spec = writable.get(reg);
      if (spec === undefined) {
        this.counters.rejectedWrites++;
        const why = isStatusRegister(reg) ? 'is read-only' : 'does not exist';
        throw new ModbusException(ILLEGAL_DATA_ADDRESS, `register 0x${reg.toString(16)} ${why}`);
      }
      const value = spec.signed && w >= 0x8000 ? w - 0x10000 : w;
      if (value < spec.min || value > spec.max) {
        this.counters.rejectedWrites++;
        throw new ModbusException(ILLEGAL_DATA_VALUE, `value ${value} outside ${spec.min}..${spec.max} for register 0x${reg.toString(16)}`);
      }
      values.push(value);
    });
    values.forEach((v, i) => this.apply(address + i, v, nowMs));
    this.counters.writes++;
    this.lastWriteTs = nowMs;
    this.commandChanged(nowMs);
  }

  /** One site second: watchdog, delays, ramp. Returns the power the charger delivers now. */
  step(nowMs: number, car: CarView): number {
    this.observe(car);
    if (this.remote === 1 && this.lastWriteTs !== null && nowMs - this.lastWriteTs > this.idleTimeoutS * 1000) {
      this.counters.fallbacks++;
      this.leaveRemote();
    }
    if (!car.pluggedIn || this.faultCode !== 0) {
      this.stopNow();
      this.appliedW = 0;
      return 0;
    }
    if (this.startingUntil !== null && nowMs >= this.startingUntil) {
      this.startingUntil = null;
      this.aimW = this.requestedW();
    }
    if (this.pending !== null && nowMs >= this.pending.untilTs) {
      this.aimW = this.pending.w;
      this.pending = null;
    }
    const stepW = RAMP_W_PER_S; // one step = one site second
    this.appliedW = Math.abs(this.aimW - this.appliedW) <= stepW ? this.aimW : this.appliedW + Math.sign(this.aimW - this.appliedW) * stepW;
    return this.appliedW;
  }

  /** Latest car values from the physics, so reads between steps are current. */
  observe(car: CarView): void {
    this.car = car;
  }

  /** Puts the charger in (code > 0) or out of (0) a fault; a fault ends the session. */
  setFault(code: number): void {
    this.faultCode = code;
    if (code !== 0) this.stopNow();
  }

  snapshot(): QuasarSimState {
    return {
      remoteControl: this.remote === 1,
      autostart: this.autostart === 1,
      setpointType: this.setpointType === 1 ? 'power' : 'current',
      idleTimeoutS: this.idleTimeoutS,
      currentSetpointA: this.currentA,
      powerSetpointW: this.powerW,
      maxAvailablePowerW: this.maxAvailableW,
      session: !this.running ? 'stopped' : this.startingUntil !== null ? 'starting' : 'running',
      aimW: this.aimW,
      pendingW: this.pending?.w ?? null,
      appliedW: this.appliedW,
      stateCode: this.stateCode(),
      faultCode: this.faultCode,
      lastWriteTs: this.lastWriteTs,
      ...this.counters,
    };
  }

  private apply(address: number, value: number, nowMs: number): void {
    switch (address) {
      case REG.remoteControl:
        if (value === 0) this.leaveRemote();
        this.remote = value;
        break;
      case REG.autostart:
        this.autostart = value;
        break;
      case REG.setpointType:
        this.setpointType = value;
        break;
      case REG.idleTimeout:
        this.idleTimeoutS = value;
        break;
      case REG.action:
        this.lastAction = value;
        if (this.remote === 1) this.act(value, nowMs);
        break;
      case REG.currentSetpoint:
        this.currentA = value;
        break;
      case REG.powerSetpoint:
        this.powerW = value;
        break;
      case REG.maxAvailablePower:
        this.maxAvailableW = value;
        break;
    }
  }

  private act(action: number, nowMs: number): void {
    if (action === 2 || action === 3) {
      this.running = false;
      this.startingUntil = null;
    }
    // A start without a car or with a session already running is ignored, as the field reports.
    if ((action === 1 || action === 3) && !this.running && this.car.pluggedIn && this.faultCode === 0) {
      this.running = true;
      this.startingUntil = nowMs + this.opts.startDelayMs;
      this.pending = null;
      // A new session starts from zero (a restart drops the power first).
      this.aimW = 0;
    }
  }

  /** After any write: if what the charger should deliver changed, schedule the change after its delay. */
  private commandChanged(nowMs: number): void {
    if (this.startingUntil !== null) return; // the start picks up the latest setpoint when it completes
    const desired = this.requestedW();
    if (desired === (this.pending?.w ?? this.aimW)) return;
    // A newer command replaces a waiting one and restarts its delay.
    this.pending = { w: desired, untilTs: nowMs + this.opts.changeDelayMs };
  }

  /** Signed power the current registers ask for, 0 unless a remote session runs. */
  private requestedW(): number {
    if (this.remote !== 1 || !this.running) return 0;
    const w = this.setpointType === 1 ? this.powerW : this.currentA * SIM_VOLTAGE_V;
    return Math.max(-this.maxAvailableW, Math.min(this.maxAvailableW, w));
  }

  /** The charger's own behaviour when remote control ends: stop and ramp down at once. */
  private leaveRemote(): void {
    this.remote = 0;
    this.autostart = 1;
    this.stopNow();
  }

  private stopNow(): void {
    this.running = false;
    this.startingUntil = null;
    this.pending = null;
    this.aimW = 0;
  }

  private sessionEstablished(): boolean {
    return this.running && this.startingUntil === null;
  }

  private stateCode(): number {
    if (!this.car.pluggedIn) return 0;
    if (this.faultCode !== 0) return 7;
    if (this.car.powerW > ACTIVE_THRESHOLD_W) return 1;
    if (this.car.powerW < -ACTIVE_THRESHOLD_W) return 11;
    // Starting, or running with nothing to deliver (setpoint 0, car full): waiting for car demand.
    if (this.running) return 2;
    return 4;
  }
}

function toWord(value: number): number {
  const v = Math.max(-32768, Math.min(32767, value));
  return v < 0 ? v + 0x10000 : v;
}
