/**
 * The CSMS side of OCPP 2.0.1 and 2.1 for the messages a station sends: boot,
 * heartbeat, status, local authorisation, TransactionEvent, meter values and
 * the car's charging needs. Payloads arrive schema-validated
 * (rpc-connection.ts), so the types below only name the fields read here.
 */
import { applyMeter } from './handlers-v16.js';
import { parseChargingNeeds, type ChargingNeedsMessage } from './charging-needs.js';
import { readMeter, samplesV2 } from './meter-values.js';
import { OcppRpcError } from './rpc-error.js';
import type { ConnectorStatus, HandlerContext } from './station-state.js';

interface MeterValueV2 {
  readonly timestamp: string;
  readonly sampledValue: readonly { readonly value: number; readonly measurand?: string; readonly phase?: string; readonly unitOfMeasure?: { readonly unit?: string; readonly multiplier?: number } }[];
}

interface TransactionEventV2 {
  readonly eventType: 'Started' | 'Updated' | 'Ended';
  readonly triggerReason: string;
  readonly transactionInfo: { readonly transactionId: string; readonly chargingState?: string };
  readonly evse?: { readonly id: number; readonly connectorId?: number };
  readonly idToken?: { readonly idToken: string; readonly type: string };
  readonly meterValue?: readonly MeterValueV2[];
}

const iso = (ms: number): string => new Date(ms).toISOString();

export function handleV2(action: string, payload: Record<string, unknown>, ctx: HandlerContext): object {
  const { state } = ctx;
  switch (action) {
    case 'BootNotification': {
      const station = payload['chargingStation'] as { model: string; vendorName: string };
      state.vendor = station.vendorName;
      state.model = station.model;
      state.bootedMs = ctx.nowMs;
      ctx.changed('boot');
      return { status: 'Accepted', currentTime: iso(ctx.nowMs), interval: ctx.heartbeatIntervalS };
    }
    case 'Heartbeat':
      return { currentTime: iso(ctx.nowMs) };
    case 'StatusNotification': {
      const evseId = payload['evseId'] as number;
      if (evseId === ctx.evseId || evseId === 0) applyConnectorStatus(payload['connectorStatus'] as string, evseId === 0, ctx);
      return {};
    }
    case 'Authorize': {
      const token = payload['idToken'] as { idToken: string };
      return { idTokenInfo: { status: ctx.authorize(token.idToken) ? 'Accepted' : 'Invalid' } };
    }
    case 'TransactionEvent':
      return transactionEvent(payload as unknown as TransactionEventV2, ctx);
    case 'MeterValues': {
      if ((payload['evseId'] as number) !== ctx.evseId) return {};
      const values = payload['meterValue'] as readonly MeterValueV2[];
      const last = values[values.length - 1];
      if (last !== undefined) applyMeter(readMeter(samplesV2(last.sampledValue)), ctx);
      return {};
    }
    case 'NotifyEVChargingNeeds': {
      const message = payload as unknown as ChargingNeedsMessage;
      if (message.evseId !== ctx.evseId) return { status: 'Rejected' };
      const parsed = parseChargingNeeds(message, ctx.nowMs);
      state.needs = parsed.needs;
      state.carBidirectional = parsed.bidirectional;
      state.carModes = parsed.modes;
      if (parsed.socPct !== null) state.socPct = parsed.socPct;
      ctx.changed('needs');
      // The hub answers with its own charging profile shortly (not with one inside this response).
      return { status: 'Accepted' };
    }
    default:
      throw new OcppRpcError('NotImplemented', `${action} is not handled by this CSMS`);
  }
}

function transactionEvent(event: TransactionEventV2, ctx: HandlerContext): object {
  const { state } = ctx;
  if (event.evse !== undefined && event.evse.id !== ctx.evseId) return {};
  const id = event.transactionInfo.transactionId;
  const token = event.idToken;
  const accepted = token === undefined ? null : ctx.authorize(token.idToken);
  if (event.eventType === 'Ended') {
    if (state.transaction?.id === id) {
      state.transaction = null;
      state.needs = null;
      state.carBidirectional = false;
      state.carModes = [];
      state.powerW = 0;
      state.activity = null;
      ctx.changed('transaction');
    }
  } else {
    const known = state.transaction?.id === id;
    // 'Started', or an 'Updated' for a session that began before this hub run: adopt it.
    if (!known || accepted !== null) {
      const previous = known ? state.transaction : null;
      state.transaction = {
        id,
        startedMs: previous?.startedMs ?? ctx.nowMs,
        idTag: token?.idToken ?? previous?.idTag ?? null,
        authorized: accepted ?? previous?.authorized ?? event.eventType === 'Updated',
      };
      ctx.changed('transaction');
    }
    const activity = activityOf(event.transactionInfo.chargingState);
    if (activity !== undefined) {
      state.activity = activity;
      if (state.status === 'available' || state.status === 'unknown') state.status = 'occupied';
      ctx.changed('status');
    }
  }
  const last = event.meterValue?.[event.meterValue.length - 1];
  if (last !== undefined) applyMeter(readMeter(samplesV2(last.sampledValue)), ctx);
  return accepted === null ? {} : { idTokenInfo: { status: accepted ? 'Accepted' : 'Invalid' } };
}

function activityOf(chargingState: string | undefined): 'charging' | 'suspended' | 'idle' | undefined {
  switch (chargingState) {
    case 'Charging':
      return 'charging';
    case 'SuspendedEV':
    case 'SuspendedEVSE':
      return 'suspended';
    case 'EVConnected':
    case 'Idle':
      return 'idle';
    default:
      return undefined;
  }
}

function applyConnectorStatus(status: string, wholeStation: boolean, ctx: HandlerContext): void {
  const s = ctx.state;
  const statuses: Readonly<Record<string, ConnectorStatus>> = { Available: 'available', Occupied: 'occupied', Reserved: 'reserved', Unavailable: 'unavailable', Faulted: 'faulted' };
  const mapped = statuses[status];
  // EVSE 0 is the whole station: only its faults concern our EVSE.
  if (wholeStation && mapped !== 'faulted' && mapped !== 'unavailable') return;
  s.status = mapped ?? 'unknown';
  if (s.status === 'available') s.activity = null;
  ctx.changed('status');
}
