/**
 * Validates every OpenADR 3 object the VEN receives or sends against the
 * OpenAPI schemas of the spec version in use (generated from the spec YAML
 * into oadr-schemas.json), and event payload values against the 3.1.0
 * enumerations (e.g. IMPORT_CAPACITY_LIMIT: one number >= 0). A VTN object
 * that fails is ignored with a logged reason; nothing of it is applied.
 */
import { Ajv } from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormatsPlugin from 'ajv-formats';
import schemas from './oadr-schemas.json' with { type: 'json' };

export type OadrVersion = '3.0.1' | '3.1.0';

const addFormats = ((addFormatsPlugin as unknown as { default?: unknown }).default ?? addFormatsPlugin) as (ajv: Ajv) => Ajv;

function describe(errors: readonly ErrorObject[] | null | undefined): string {
  const e = errors?.[0];
  if (e === undefined) return 'invalid';
  return `${e.instancePath === '' ? '(object)' : e.instancePath}: ${e.message ?? e.keyword}`;
}

export class OadrValidator {
  private readonly ajv: Ajv;
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(readonly version: OadrVersion) {
    // The spec's schemas are OpenAPI, not strict JSON Schema (required lists without properties, etc.).
    this.ajv = new Ajv({ strict: false, allErrors: false });
    addFormats(this.ajv);
    this.ajv.addSchema(schemas['3.0.1']);
    this.ajv.addSchema(schemas['3.1.0']);
  }

  /** Null when `value` is a valid `definition` (e.g. "event", "program"), else the first problem. */
  check(definition: string, value: unknown): string | null {
    const validate = this.compiled(`oadr-${this.version}#/definitions/${definition}`);
    return validate(value) ? null : `${definition} ${describe(validate.errors)}`;
  }

  /** Event interval payload values by type; types the enumerations do not define (private strings) pass. */
  checkEventPayload(type: string, values: unknown): string | null {
    const defs = schemas.eventPayloads as Record<string, object>;
    if (defs[type] === undefined) return null;
    const validate = this.compiledSchema(`payload:${type}`, defs[type]);
    return validate(values) ? null : `${type} values ${describe(validate.errors)}`;
  }

  has(definition: string): boolean {
    return (schemas[this.version].definitions as Record<string, unknown>)[definition] !== undefined;
  }

  private compiled(ref: string): ValidateFunction {
    let v = this.cache.get(ref);
    if (v === undefined) {
      const found = this.ajv.getSchema(ref);
      if (found === undefined) throw new Error(`no OpenADR schema ${ref}`);
      v = found;
      this.cache.set(ref, v);
    }
    return v;
  }

  private compiledSchema(key: string, schema: object): ValidateFunction {
    let v = this.cache.get(key);
    if (v === undefined) {
      v = this.ajv.compile(schema);
      this.cache.set(key, v);
    }
    return v;
  }
}
