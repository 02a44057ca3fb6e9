/**
 * OCPP 2.1 schemas: the official OCA 2.1 files where the project has them
 * (schemas/v21, byte-identical copies of ../shared/fixtures/ocpp/v21), and
 * for the other actions the 2.0.1 schema, marked 'fallback-2.0.1'. See
 * schemas/README.md for why and what that costs.
 */
import BootNotificationRequest from './schemas/v21/BootNotificationRequest.json' with { type: 'json' };
import BootNotificationResponse from './schemas/v21/BootNotificationResponse.json' with { type: 'json' };
import MeterValuesRequest from './schemas/v21/MeterValuesRequest.json' with { type: 'json' };
import MeterValuesResponse from './schemas/v21/MeterValuesResponse.json' with { type: 'json' };
import NotifyAllowedEnergyTransferRequest from './schemas/v21/NotifyAllowedEnergyTransferRequest.json' with { type: 'json' };
import NotifyAllowedEnergyTransferResponse from './schemas/v21/NotifyAllowedEnergyTransferResponse.json' with { type: 'json' };
import NotifyEVChargingNeedsRequest from './schemas/v21/NotifyEVChargingNeedsRequest.json' with { type: 'json' };
import NotifyEVChargingNeedsResponse from './schemas/v21/NotifyEVChargingNeedsResponse.json' with { type: 'json' };
import SetChargingProfileRequest from './schemas/v21/SetChargingProfileRequest.json' with { type: 'json' };
import SetChargingProfileResponse from './schemas/v21/SetChargingProfileResponse.json' with { type: 'json' };
import StatusNotificationRequest from './schemas/v21/StatusNotificationRequest.json' with { type: 'json' };
import StatusNotificationResponse from './schemas/v21/StatusNotificationResponse.json' with { type: 'json' };
import TransactionEventRequest from './schemas/v21/TransactionEventRequest.json' with { type: 'json' };
import TransactionEventResponse from './schemas/v21/TransactionEventResponse.json' with { type: 'json' };
import type { SchemaEntry, SchemaTable } from './schema-table.js';
import { v201Schemas } from './schemas-v201.js';

function fallback(action: string): SchemaEntry {
  const entry = v201Schemas[action];
  if (entry === undefined) throw new Error(`no OCPP 2.0.1 schema for ${action}`);
  return { ...entry, source: 'fallback-2.0.1' };
}

export const v21Schemas: SchemaTable = {
  BootNotification: { from: 'station', request: BootNotificationRequest, response: BootNotificationResponse, source: 'official' },
  StatusNotification: { from: 'station', request: StatusNotificationRequest, response: StatusNotificationResponse, source: 'official' },
  TransactionEvent: { from: 'station', request: TransactionEventRequest, response: TransactionEventResponse, source: 'official' },
  MeterValues: { from: 'station', request: MeterValuesRequest, response: MeterValuesResponse, source: 'official' },
  NotifyEVChargingNeeds: { from: 'station', request: NotifyEVChargingNeedsRequest, response: NotifyEVChargingNeedsResponse, source: 'official' },
  SetChargingProfile: { from: 'csms', request: SetChargingProfileRequest, response: SetChargingProfileResponse, source: 'official' },
  NotifyAllowedEnergyTransfer: { from: 'csms', request: NotifyAllowedEnergyTransferRequest, response: NotifyAllowedEnergyTransferResponse, source: 'official' },
  Authorize: fallback('Authorize'),
  Heartbeat: fallback('Heartbeat'),
  ClearChargingProfile: fallback('ClearChargingProfile'),
  GetCompositeSchedule: fallback('GetCompositeSchedule'),
  RequestStartTransaction: fallback('RequestStartTransaction'),
  RequestStopTransaction: fallback('RequestStopTransaction'),
};
