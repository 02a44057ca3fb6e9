/**
 * OCPP-J RPC error codes. The canonical names are OCPP 2.0.1's; OCPP 1.6
 * spells two of them differently on the wire ("FormationViolation",
 * "OccurenceConstraintViolation", both typos kept by the 1.6 JSON spec) and
 * lacks the framework codes, so every CALLERROR goes through wireErrorCode().
 */
import type { OcppVersion } from './ocpp-version.js';

export type RpcErrorCode =
  | 'FormatViolation'
  | 'GenericError'
  | 'InternalError'
  | 'MessageTypeNotSupported'
  | 'NotImplemented'
  | 'NotSupported'
  | 'OccurrenceConstraintViolation'
  | 'PropertyConstraintViolation'
  | 'ProtocolError'
  | 'RpcFrameworkError'
  | 'SecurityError'
  | 'TypeConstraintViolation';

const v16Spelling: Partial<Record<RpcErrorCode, string>> = {
  FormatViolation: 'FormationViolation',
  OccurrenceConstraintViolation: 'OccurenceConstraintViolation',
  // 1.6 has no framework codes: an unreadable frame is "syntactically incorrect" there.
  RpcFrameworkError: 'FormationViolation',
  MessageTypeNotSupported: 'NotSupported',
};

export function wireErrorCode(version: OcppVersion, code: RpcErrorCode): string {
  return version === '1.6' ? (v16Spelling[code] ?? code) : code;
}

/** A received wire code, in canonical spelling (unknown codes become GenericError). */
export function canonicalErrorCode(wire: string): RpcErrorCode {
  for (const [code, spelling] of Object.entries(v16Spelling)) if (spelling === wire && code !== 'RpcFrameworkError' && code !== 'MessageTypeNotSupported') return code as RpcErrorCode;
  return (knownCodes as readonly string[]).includes(wire) ? (wire as RpcErrorCode) : 'GenericError';
}

const knownCodes: readonly RpcErrorCode[] = [
  'FormatViolation',
  'GenericError',
  'InternalError',
  'MessageTypeNotSupported',
  'NotImplemented',
  'NotSupported',
  'OccurrenceConstraintViolation',
  'PropertyConstraintViolation',
  'ProtocolError',
  'RpcFrameworkError',
  'SecurityError',
  'TypeConstraintViolation',
];

/** Thrown by a CALL handler (answered as CALLERROR) or by call() when the peer answered with one. */
export class OcppRpcError extends Error {
  readonly code: RpcErrorCode;
  readonly details: Record<string, unknown>;

  constructor(code: RpcErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'OcppRpcError';
    this.code = code;
    this.details = details;
  }
}
