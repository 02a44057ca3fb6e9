/**
 * The CSMS side of OCPP 1.6J for the messages a station sends: boot,
 * heartbeat, status, local authorisation, Start/StopTransaction and meter
 * values. Payloads arrive schema-validated (rpc-connection.ts), so the types
 * below only name the fields read here.
 */
import type { HandlerContext } from './station-state.js';
import { OcppRpcError } from './rpc-error.js';
import { readMeter, samplesV16 } from './meter-values.js';

interface MeterValueV16 {
  readonly timestamp: string;
  readonly sampledValue: readonly { readonly value: string; readonly measurand?: string; readonly phase?: string; readonly unit?: string }[];
}

const iso = (ms: number): string => new Date(ms).toISOString();

export function handleV16(action: string, payload: Record<string, unknown>, ctx: HandlerContext): object {
  const { state } = ctx;
  switch (action) {
    case 'BootNotification': {
      state.vendor = payload['chargePointVendor'] as string;
      state.model = payload['chargePointModel'] as string;
      state.bootedMs = ctx.nowMs;
      ctx.changed('boot');
      return { status: 'Accepted', currentTime: iso(ctx.nowMs), interval: ctx.heartbeatIntervalS };
    }
    case 'Heartbeat':
      return { currentTime: iso(ctx.nowMs) };
    case 'StatusNotification': {
      const connectorId = payload['connectorId'] as number;
      const status = payload['status'] as string;
      // Connector 0 is the whole charge point: only its faults concern our connector.
      if (connectorId === ctx.connectorId || (connectorId === 0 && (status === 'Faulted' || status === 'Unavailable'))) {
        applyStatus(status, payload['errorCode'] as string, ctx);
      }
      return {};
    }
    case 'Authorize': {
      const idTag = payload['idTag'] as string;
      return { idTagInfo: { status: ctx.authorize(idTag) ? 'Accepted' : 'Invalid' } };
    }
    case 'StartTransaction': {
      const idTag = payload['idTag'] as string;
      const accepted = ctx.authorize(idTag);
      // The CSMS must return a transaction id even when it refuses the tag; the station then ends the session.
      const transactionId = ctx.newTransactionId();
      if ((payload['connectorId'] as number) === ctx.connectorId && accepted) {
        state.transaction = { id: String(transactionId), startedMs: ctx.nowMs, idTag, authorized: true };
        state.energyImportWh = payload['meterStart'] as number;
        ctx.changed('transaction');
      }
      return { idTagInfo: { status: accepted ? 'Accepted' : 'Invalid' }, transactionId };
    }
    case 'StopTransaction': {
      if (state.transaction?.id === String(payload['transactionId'])) {
        state.transaction = null;
        state.powerW = 0;
        state.energyImportWh = payload['meterStop'] as number;
        ctx.changed('transaction');
      }
      return typeof payload['idTag'] === 'string' ? { idTagInfo: { status: 'Accepted' } } : {};
    }
    case 'MeterValues': {
      if ((payload['connectorId'] as number) !== ctx.connectorId) return {};
      const transactionId = payload['transactionId'];
      if (typeof transactionId === 'number' && state.transaction === null) {
        // A session that started before this hub run (or while it was away): adopt it.
        state.transaction = { id: String(transactionId), startedMs: ctx.nowMs, idTag: null, authorized: true };
        ctx.changed('transaction');
      }
      const values = payload['meterValue'] as readonly MeterValueV16[];
      const last = values[values.length - 1];
      if (last !== undefined) applyMeter(readMeter(samplesV16(last.sampledValue)), ctx);
      return {};
    }
    default:
      throw new OcppRpcError('NotImplemented', `${action} is not handled by this CSMS`);
  }
}

function applyStatus(status: string, errorCode: string, ctx: HandlerContext): void {
  const s = ctx.state;
  s.errorCode = errorCode === 'NoError' ? null : errorCode;
  switch (status) {
    case 'Available':
      s.status = 'available';
      s.activity = null;
      break;
    case 'Preparing':
    case 'Finishing':
      s.status = 'occupied';
      s.activity = 'idle';
      break;
    case 'Charging':
      s.status = 'occupied';
      s.activity = 'charging';
      break;
    case 'SuspendedEV':
    case 'SuspendedEVSE':
      s.status = 'occupied';
      s.activity = 'suspended';
      break;
    case 'Reserved':
      s.status = 'reserved';
      break;
    case 'Unavailable':
      s.status = 'unavailable';
      break;
    default:
      s.status = 'faulted';
  }
  ctx.changed('status');
}

export function applyMeter(reading: ReturnType<typeof readMeter>, ctx: HandlerContext): void {
  const s = ctx.state;
  if (reading.powerW !== null) s.powerW = reading.powerW;
  if (reading.energyImportWh !== null) s.energyImportWh = reading.energyImportWh;
  if (reading.energyExportWh !== null) s.energyExportWh = reading.energyExportWh;
  if (reading.socPct !== null) s.socPct = reading.socPct;
  if (reading.powerW !== null) {
    s.meterTs = ctx.nowMs;
    ctx.changed('meter');
  }
}
