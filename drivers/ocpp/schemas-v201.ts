/**
 * The official OCPP JSON schemas this hub uses for this version (see
 * schemas/README.md for where each file comes from and its licence).
 * Data, not code: one line per action, its direction and its two schemas.
 */
import AuthorizeRequest from './schemas/v201/AuthorizeRequest.json' with { type: 'json' };
import AuthorizeResponse from './schemas/v201/AuthorizeResponse.json' with { type: 'json' };
import BootNotificationRequest from './schemas/v201/BootNotificationRequest.json' with { type: 'json' };
import BootNotificationResponse from './schemas/v201/BootNotificationResponse.json' with { type: 'json' };
import HeartbeatRequest from './schemas/v201/HeartbeatRequest.json' with { type: 'json' };
import HeartbeatResponse from './schemas/v201/HeartbeatResponse.json' with { type: 'json' };
import StatusNotificationRequest from './schemas/v201/StatusNotificationRequest.json' with { type: 'json' };
import StatusNotificationResponse from './schemas/v201/StatusNotificationResponse.json' with { type: 'json' };
import TransactionEventRequest from './schemas/v201/TransactionEventRequest.json' with { type: 'json' };
import TransactionEventResponse from './schemas/v201/TransactionEventResponse.json' with { type: 'json' };
import MeterValuesRequest from './schemas/v201/MeterValuesRequest.json' with { type: 'json' };
import MeterValuesResponse from './schemas/v201/MeterValuesResponse.json' with { type: 'json' };
import NotifyEVChargingNeedsRequest from './schemas/v201/NotifyEVChargingNeedsRequest.json' with { type: 'json' };
import NotifyEVChargingNeedsResponse from './schemas/v201/NotifyEVChargingNeedsResponse.json' with { type: 'json' };
import SetChargingProfileRequest from './schemas/v201/SetChargingProfileRequest.json' with { type: 'json' };
import SetChargingProfileResponse from './schemas/v201/SetChargingProfileResponse.json' with { type: 'json' };
import ClearChargingProfileRequest from './schemas/v201/ClearChargingProfileRequest.json' with { type: 'json' };
import ClearChargingProfileResponse from './schemas/v201/ClearChargingProfileResponse.json' with { type: 'json' };
import GetCompositeScheduleRequest from './schemas/v201/GetCompositeScheduleRequest.json' with { type: 'json' };
import GetCompositeScheduleResponse from './schemas/v201/GetCompositeScheduleResponse.json' with { type: 'json' };
import RequestStartTransactionRequest from './schemas/v201/RequestStartTransactionRequest.json' with { type: 'json' };
import RequestStartTransactionResponse from './schemas/v201/RequestStartTransactionResponse.json' with { type: 'json' };
import RequestStopTransactionRequest from './schemas/v201/RequestStopTransactionRequest.json' with { type: 'json' };
import RequestStopTransactionResponse from './schemas/v201/RequestStopTransactionResponse.json' with { type: 'json' };
import type { SchemaTable } from './schema-table.js';

export const v201Schemas: SchemaTable = {
  Authorize: { from: 'station', request: AuthorizeRequest, response: AuthorizeResponse, source: 'official' },
  BootNotification: { from: 'station', request: BootNotificationRequest, response: BootNotificationResponse, source: 'official' },
  Heartbeat: { from: 'station', request: HeartbeatRequest, response: HeartbeatResponse, source: 'official' },
  StatusNotification: { from: 'station', request: StatusNotificationRequest, response: StatusNotificationResponse, source: 'official' },
  TransactionEvent: { from: 'station', request: TransactionEventRequest, response: TransactionEventResponse, source: 'official' },
  MeterValues: { from: 'station', request: MeterValuesRequest, response: MeterValuesResponse, source: 'official' },
  NotifyEVChargingNeeds: { from: 'station', request: NotifyEVChargingNeedsRequest, response: NotifyEVChargingNeedsResponse, source: 'official' },
  SetChargingProfile: { from: 'csms', request: SetChargingProfileRequest, response: SetChargingProfileResponse, source: 'official' },
  ClearChargingProfile: { from: 'csms', request: ClearChargingProfileRequest, response: ClearChargingProfileResponse, source: 'official' },
  GetCompositeSchedule: { from: 'csms', request: GetCompositeScheduleRequest, response: GetCompositeScheduleResponse, source: 'official' },
  RequestStartTransaction: { from: 'csms', request: RequestStartTransactionRequest, response: RequestStartTransactionResponse, source: 'official' },
  RequestStopTransaction: { from: 'csms', request: RequestStopTransactionRequest, response: RequestStopTransactionResponse, source: 'official' },
};
