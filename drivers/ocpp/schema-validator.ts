/**
 * Validates every OCPP payload, in and out, against the official JSON schemas
 * of the negotiated version, and turns the first violation into the OCPP-J
 * error code the spec names for it.
 *
 * - One Ajv instance per version: the 2.0.1 and 2.1 files reuse definition
 *   names and (for some actions) nothing else tells them apart.
 * - OCPP 1.6 schemas are JSON Schema draft-04, which Ajv 8 does not ship
 *   (ajv-draft-04 is not installed). They are compiled with Ajv's draft-07
 *   engine and `validateSchema: false`; the keywords whose meaning changed
 *   after draft-04 (`id`, boolean `exclusiveMinimum`/`exclusiveMaximum`) do
 *   not occur in them, which test/drivers/ocpp/schemas.test.ts checks, so the
 *   result is the draft-04 result.
 * - `strict: false`: the OCA files carry annotation members Ajv does not know
 *   (`comment`, `javaType`) and `additionalProperties` on string enums.
 * - `multipleOfPrecision`: 1.6 limits are `multipleOf: 0.1`, and 3.3 / 0.1 is
 *   not an integer in binary floating point.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsPlugin from 'ajv-formats';
import draft06MetaSchema from 'ajv/dist/refs/json-schema-draft-06.json' with { type: 'json' };
import type { OcppVersion } from './ocpp-version.js';
import type { RpcErrorCode } from './rpc-error.js';
import type { SchemaEntry, SchemaTable, Sender } from './schema-table.js';
import { v16Schemas } from './schemas-v16.js';
import { v201Schemas } from './schemas-v201.js';
import { v21Schemas } from './schemas-v21.js';

export type MessageKind = 'request' | 'response';

export interface SchemaViolation {
  readonly code: RpcErrorCode;
  readonly description: string;
}

const tables: Readonly<Record<OcppVersion, SchemaTable>> = { '1.6': v16Schemas, '2.0.1': v201Schemas, '2.1': v21Schemas };

/**
 * Which OCPP-J code a failed JSON-schema keyword maps to (OCPP 2.0.1 part 4,
 * 4.3): a wrong JSON type is a TypeConstraintViolation; a missing field or a
 * wrong number of items an OccurrenceConstraintViolation; a field the PDU does
 * not have makes the payload "not conform the PDU structure", a
 * FormatViolation; a value outside its enum, length, range or format a
 * PropertyConstraintViolation.
 */
const keywordCodes: Readonly<Record<string, RpcErrorCode>> = {
  type: 'TypeConstraintViolation',
  required: 'OccurrenceConstraintViolation',
  minItems: 'OccurrenceConstraintViolation',
  maxItems: 'OccurrenceConstraintViolation',
  additionalItems: 'OccurrenceConstraintViolation',
  minProperties: 'OccurrenceConstraintViolation',
  maxProperties: 'OccurrenceConstraintViolation',
  additionalProperties: 'FormatViolation',
  enum: 'PropertyConstraintViolation',
  const: 'PropertyConstraintViolation',
  maxLength: 'PropertyConstraintViolation',
  minLength: 'PropertyConstraintViolation',
  minimum: 'PropertyConstraintViolation',
  maximum: 'PropertyConstraintViolation',
  exclusiveMinimum: 'PropertyConstraintViolation',
  exclusiveMaximum: 'PropertyConstraintViolation',
  multipleOf: 'PropertyConstraintViolation',
  format: 'PropertyConstraintViolation',
  pattern: 'PropertyConstraintViolation',
};

// ajv-formats is CommonJS; under NodeNext its default import is the module object with the plugin on `default`.
const addFormats = ((addFormatsPlugin as unknown as { default?: unknown }).default ?? addFormatsPlugin) as (ajv: Ajv) => Ajv;

export class OcppSchemas {
  private readonly ajv = new Map<OcppVersion, Ajv>();
  private readonly compiled = new Map<string, ValidateFunction>();

  /** The schema entry of an action in a version, or undefined for an action the hub does not implement. */
  entry(version: OcppVersion, action: string): SchemaEntry | undefined {
    return Object.hasOwn(tables[version], action) ? tables[version][action] : undefined;
  }

  /** Actions of a version sent by `from`. */
  actions(version: OcppVersion, from?: Sender): string[] {
    return Object.entries(tables[version])
      .filter(([, e]) => from === undefined || e.from === from)
      .map(([a]) => a);
  }

  /** null when the payload is valid; otherwise the first violation. Throws for an action without a schema (a programming error). */
  validate(version: OcppVersion, action: string, kind: MessageKind, payload: unknown): SchemaViolation | null {
    const validator = this.validator(version, action, kind);
    if (validator(payload)) return null;
    const error = validator.errors?.[0];
    return error === undefined ? { code: 'FormatViolation', description: `${action} ${kind} does not match its schema` } : describe(action, kind, error);
  }

  /** Compiles every schema of every version now (start-up cost instead of first-message latency; also a self-test). */
  compileAll(): void {
    for (const version of Object.keys(tables) as OcppVersion[]) {
      for (const action of this.actions(version)) {
        this.validator(version, action, 'request');
        this.validator(version, action, 'response');
      }
    }
  }

  private validator(version: OcppVersion, action: string, kind: MessageKind): ValidateFunction {
    const key = `${version}/${action}/${kind}`;
    const cached = this.compiled.get(key);
    if (cached !== undefined) return cached;
    const entry = this.entry(version, action);
    if (entry === undefined) throw new Error(`no OCPP ${version} schema for ${action}`);
    const compiled = this.instance(version).compile(kind === 'request' ? entry.request : entry.response);
    this.compiled.set(key, compiled);
    return compiled;
  }

  private instance(version: OcppVersion): Ajv {
    let ajv = this.ajv.get(version);
    if (ajv === undefined) {
      // optimize: false roughly halves compile time (the big 2.x schemas take ~100 ms each) for a few µs per validation.
      ajv = new Ajv({ strict: false, allErrors: false, validateSchema: version !== '1.6', multipleOfPrecision: 6, code: { optimize: false } });
      ajv.addMetaSchema(draft06MetaSchema);
      addFormats(ajv);
      this.ajv.set(version, ajv);
    }
    return ajv;
  }
}

let shared: OcppSchemas | null = null;

/**
 * One compiled set per process: compiling the OCPP 2.x schemas takes seconds
 * in all, so the CSMS and the station simulator share it.
 */
export function sharedOcppSchemas(): OcppSchemas {
  shared ??= new OcppSchemas();
  return shared;
}

function describe(action: string, kind: MessageKind, error: ErrorObject): SchemaViolation {
  const where = error.instancePath === '' ? `${action} ${kind}` : `${action} ${kind} ${error.instancePath}`;
  let detail = error.message ?? 'is invalid';
  if (error.keyword === 'additionalProperties' && typeof error.params['additionalProperty'] === 'string') detail = `has unknown field "${error.params['additionalProperty']}"`;
  if (error.keyword === 'enum' && Array.isArray(error.params['allowedValues'])) detail = `must be one of ${(error.params['allowedValues'] as unknown[]).join(', ')}`;
  return { code: keywordCodes[error.keyword] ?? 'FormatViolation', description: `${where} ${detail}` };
}
