/**
 * One OCPP-J connection over a WebSocket, from either side (the CSMS uses it
 * for each station; the charge-point simulator for its link to the hub).
 *
 * - Every payload, in and out, is validated against the official schema of
 *   the negotiated version (schema-validator.ts). An invalid incoming CALL is
 *   answered with the CALLERROR the spec names and the connection stays up;
 *   an invalid outgoing payload is a bug here and is never sent.
 * - OCPP-J allows one outstanding CALL per direction, so outgoing calls queue.
 * - Timeouts are real milliseconds: the network does not run at --speed.
 */
import { randomUUID } from 'node:crypto';
import type { WebSocket } from 'ws';
import { HubError, describeError } from '../../main/common/errors.js';
import type { Logger } from '../../main/common/log.js';
import type { OcppVersion } from './ocpp-version.js';
import { OcppRpcError, canonicalErrorCode, wireErrorCode, type RpcErrorCode } from './rpc-error.js';
import { callFrame, errorFrame, parseFrame, resultFrame, type RpcFrame } from './rpc-frame.js';
import type { Sender } from './schema-table.js';
import type { OcppSchemas } from './schema-validator.js';

export type CallHandler = (action: string, payload: Record<string, unknown>) => Promise<object> | object;

export interface RpcConnectionOptions {
  readonly socket: WebSocket;
  readonly version: OcppVersion;
  /** Which side we are: decides which actions we may receive. */
  readonly side: Sender;
  readonly schemas: OcppSchemas;
  readonly log: Logger;
  /** How long to wait for the answer to a CALL, real ms. */
  readonly callTimeoutMs: number;
  readonly onCall: CallHandler;
}

export interface RpcCounters {
  callsReceived: number;
  callsSent: number;
  callErrorsSent: number;
  callErrorsReceived: number;
  timeouts: number;
}

interface Pending {
  readonly action: string;
  readonly resolve: (payload: Record<string, unknown>) => void;
  readonly reject: (err: unknown) => void;
  readonly timer: NodeJS.Timeout;
}

export class RpcConnection {
  readonly version: OcppVersion;
  readonly counters: RpcCounters = { callsReceived: 0, callsSent: 0, callErrorsSent: 0, callErrorsReceived: 0, timeouts: 0 };
  private readonly o: RpcConnectionOptions;
  private readonly pending = new Map<string, Pending>();
  private readonly closeListeners = new Set<() => void>();
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(options: RpcConnectionOptions) {
    this.o = options;
    this.version = options.version;
    options.socket.on('message', (data, isBinary) => {
      if (isBinary) {
        this.answerError(null, 'RpcFrameworkError', 'OCPP-J messages are text frames');
        return;
      }
      this.receive(Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.concat(data as Buffer[]).toString('utf8'));
    });
    options.socket.on('close', () => this.shutDown());
    options.socket.on('error', (err) => this.o.log.debug('websocket error', { error: describeError(err) }));
  }

  get open(): boolean {
    return !this.closed;
  }

  onClose(listener: () => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  /** Sends a CALL and resolves with the validated CALLRESULT payload; rejects with OcppRpcError for a CALLERROR. */
  call(action: string, payload: object): Promise<Record<string, unknown>> {
    const run = this.queue.then(
      () => this.callNow(action, payload),
      () => this.callNow(action, payload),
    );
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Sends text as it is: for simulators and tests that misbehave on purpose. */
  sendRaw(text: string): void {
    if (!this.closed) this.o.socket.send(text);
  }

  close(code = 1000, reason = ''): void {
    if (this.closed) return;
    this.o.socket.close(code, reason);
    // 'close' arrives after the closing handshake; callers expect pending calls to fail now.
    this.shutDown();
  }

  private callNow(action: string, payload: object): Promise<Record<string, unknown>> {
    if (this.closed) return Promise.reject(new HubError('device_unreachable', `OCPP ${action}: connection closed`, { retryable: true }));
    const violation = this.o.schemas.entry(this.version, action) === undefined ? { code: 'NotImplemented', description: `no schema for ${action}` } : this.o.schemas.validate(this.version, action, 'request', payload);
    if (violation !== null) {
      this.o.log.error('refusing to send an invalid OCPP message', { action, problem: violation.description });
      return Promise.reject(new HubError('internal', `OCPP ${action} request would be invalid: ${violation.description}`));
    }
    const id = randomUUID();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        this.counters.timeouts++;
        reject(new HubError('device_timeout', `OCPP ${action}: no answer within ${this.o.callTimeoutMs} ms`, { retryable: true }));
      }, this.o.callTimeoutMs);
      this.pending.set(id, { action, resolve, reject, timer });
      this.counters.callsSent++;
      this.o.socket.send(callFrame(id, action, payload), (err) => {
        if (err === undefined || err === null) return;
        clearTimeout(timer);
        this.pending.delete(id);
        reject(new HubError('device_unreachable', `OCPP ${action}: send failed`, { retryable: true, cause: err }));
      });
    });
  }

  private receive(text: string): void {
    const parsed = parseFrame(text);
    if (!parsed.ok) {
      this.o.log.warn('invalid OCPP frame', { problem: parsed.description });
      // Only a CALL (or an unreadable frame) may be answered: OCPP-J never answers a CALLRESULT or CALLERROR.
      if (parsed.messageType === null || parsed.messageType === 2 || parsed.code === 'MessageTypeNotSupported') this.answerError(parsed.id, parsed.code, parsed.description);
      return;
    }
    const frame = parsed.frame;
    if (frame.kind === 'call') {
      // A CALLRESULT and a CALL can arrive in one TCP read; letting the result's continuations run first
      // means a CALL that refers to its outcome (e.g. a profile for the transaction id just assigned) finds it.
      setImmediate(() => void this.answerCall(frame));
    } else this.settle(frame);
  }

  private async answerCall(frame: Extract<RpcFrame, { kind: 'call' }>): Promise<void> {
    this.counters.callsReceived++;
    const entry = this.o.schemas.entry(this.version, frame.action);
    if (entry === undefined) {
      this.answerError(frame.id, 'NotImplemented', `${frame.action} is not implemented by this ${this.o.side === 'csms' ? 'CSMS' : 'charging station'} (OCPP ${this.version})`);
      return;
    }
    if (entry.from === this.o.side) {
      this.answerError(frame.id, 'NotSupported', `${frame.action} is sent by the ${entry.from === 'csms' ? 'CSMS' : 'charging station'}, not to it`);
      return;
    }
    const violation = this.o.schemas.validate(this.version, frame.action, 'request', frame.payload);
    if (violation !== null) {
      this.o.log.warn('rejected an invalid OCPP request', { action: frame.action, code: violation.code, problem: violation.description });
      this.answerError(frame.id, violation.code, violation.description);
      return;
    }
    let response: object;
    try {
      response = await this.o.onCall(frame.action, frame.payload);
    } catch (err) {
      if (err instanceof OcppRpcError) this.answerError(frame.id, err.code, err.message, err.details);
      else {
        this.o.log.error('OCPP handler failed', { action: frame.action, error: describeError(err) });
        this.answerError(frame.id, 'InternalError', `${frame.action} could not be processed`);
      }
      return;
    }
    const invalid = this.o.schemas.validate(this.version, frame.action, 'response', response);
    if (invalid !== null) {
      this.o.log.error('refusing to send an invalid OCPP response', { action: frame.action, problem: invalid.description });
      this.answerError(frame.id, 'InternalError', `${frame.action} could not be answered`);
      return;
    }
    if (!this.closed) this.o.socket.send(resultFrame(frame.id, response));
  }

  private settle(frame: Exclude<RpcFrame, { kind: 'call' }>): void {
    const pending = this.pending.get(frame.id);
    if (pending === undefined) {
      this.o.log.warn('OCPP answer to no pending call (late or unknown id) dropped', { id: frame.id });
      return;
    }
    this.pending.delete(frame.id);
    clearTimeout(pending.timer);
    if (frame.kind === 'error') {
      this.counters.callErrorsReceived++;
      pending.reject(new OcppRpcError(canonicalErrorCode(frame.code), `OCPP ${pending.action} answered ${frame.code}: ${frame.description}`));
      return;
    }
    const violation = this.o.schemas.validate(this.version, pending.action, 'response', frame.payload);
    if (violation !== null) {
      this.o.log.warn('invalid OCPP response', { action: pending.action, problem: violation.description });
      pending.reject(new OcppRpcError(violation.code, `OCPP ${pending.action}: invalid response: ${violation.description}`));
      return;
    }
    pending.resolve(frame.payload);
  }

  private answerError(id: string | null, code: RpcErrorCode, description: string, details: object = {}): void {
    if (this.closed) return;
    this.counters.callErrorsSent++;
    this.o.socket.send(errorFrame(id ?? '-1', wireErrorCode(this.version, code), description, details));
  }

  private shutDown(): void {
    if (this.closed) return;
    this.closed = true;
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(new HubError('device_unreachable', `OCPP ${p.action}: connection closed before the answer`, { retryable: true }));
      this.pending.delete(id);
    }
    for (const l of this.closeListeners) l();
  }
}
