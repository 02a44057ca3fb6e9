/**
 * The official OCPP JSON schemas this hub uses for this version (see
 * schemas/README.md for where each file comes from and its licence).
 * Data, not code: one line per action, its direction and its two schemas.
 */
import AuthorizeRequest from './schemas/v16/AuthorizeRequest.json' with { type: 'json' };
import AuthorizeResponse from './schemas/v16/AuthorizeResponse.json' with { type: 'json' };
import BootNotificationRequest from './schemas/v16/BootNotificationRequest.json' with { type: 'json' };
import BootNotificationResponse from './schemas/v16/BootNotificationResponse.json' with { type: 'json' };
import HeartbeatRequest from './schemas/v16/HeartbeatRequest.json' with { type: 'json' };
import HeartbeatResponse from './schemas/v16/HeartbeatResponse.json' with { type: 'json' };
import StatusNotificationRequest from './schemas/v16/StatusNotificationRequest.json' with { type: 'json' };
import StatusNotificationResponse from './schemas/v16/StatusNotificationResponse.json' with { type: 'json' };
import StartTransactionRequest from './schemas/v16/StartTransactionRequest.json' with { type: 'json' };
import StartTransactionResponse from './schemas/v16/StartTransactionResponse.json' with { type: 'json' };
import StopTransactionRequest from './schemas/v16/StopTransactionRequest.json' with { type: 'json' };
import StopTransactionResponse from './schemas/v16/StopTransactionResponse.json' with { type: 'json' };
import MeterValuesRequest from './schemas/v16/MeterValuesRequest.json' with { type: 'json' };
import MeterValuesResponse from './schemas/v16/MeterValuesResponse.json' with { type: 'json' };
import SetChargingProfileRequest from './schemas/v16/SetChargingProfileRequest.json' with { type: 'json' };
import SetChargingProfileResponse from './schemas/v16/SetChargingProfileResponse.json' with { type: 'json' };
import ClearChargingProfileRequest from './schemas/v16/ClearChargingProfileRequest.json' with { type: 'json' };
import ClearChargingProfileResponse from './schemas/v16/ClearChargingProfileResponse.json' with { type: 'json' };
import GetCompositeScheduleRequest from './schemas/v16/GetCompositeScheduleRequest.json' with { type: 'json' };
import GetCompositeScheduleResponse from './schemas/v16/GetCompositeScheduleResponse.json' with { type: 'json' };
import RemoteStartTransactionRequest from './schemas/v16/RemoteStartTransactionRequest.json' with { type: 'json' };
import RemoteStartTransactionResponse from './schemas/v16/RemoteStartTransactionResponse.json' with { type: 'json' };
import RemoteStopTransactionRequest from './schemas/v16/RemoteStopTransactionRequest.json' with { type: 'json' };
import RemoteStopTransactionResponse from './schemas/v16/RemoteStopTransactionResponse.json' with { type: 'json' };
import type { SchemaTable } from './schema-table.js';

export const v16Schemas: SchemaTable = {
  Authorize: { from: 'station', request: AuthorizeRequest, response: AuthorizeResponse, source: 'official' },
  BootNotification: { from: 'station', request: BootNotificationRequest, response: BootNotificationResponse, source: 'official' },
  Heartbeat: { from: 'station', request: HeartbeatRequest, response: HeartbeatResponse, source: 'official' },
  StatusNotification: { from: 'station', request: StatusNotificationRequest, response: StatusNotificationResponse, source: 'official' },
  StartTransaction: { from: 'station', request: StartTransactionRequest, response: StartTransactionResponse, source: 'official' },
  StopTransaction: { from: 'station', request: StopTransactionRequest, response: StopTransactionResponse, source: 'official' },
  MeterValues: { from: 'station', request: MeterValuesRequest, response: MeterValuesResponse, source: 'official' },
  SetChargingProfile: { from: 'csms', request: SetChargingProfileRequest, response: SetChargingProfileResponse, source: 'official' },
  ClearChargingProfile: { from: 'csms', request: ClearChargingProfileRequest, response: ClearChargingProfileResponse, source: 'official' },
  GetCompositeSchedule: { from: 'csms', request: GetCompositeScheduleRequest, response: GetCompositeScheduleResponse, source: 'official' },
  RemoteStartTransaction: { from: 'csms', request: RemoteStartTransactionRequest, response: RemoteStartTransactionResponse, source: 'official' },
  RemoteStopTransaction: { from: 'csms', request: RemoteStopTransactionRequest, response: RemoteStopTransactionResponse, source: 'official' },
};
