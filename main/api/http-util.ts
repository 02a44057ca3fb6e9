/** Small HTTP helpers for the API boundary: JSON bodies in and out, errors to status codes. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import type { ApiErrorBody } from '../common/api.js';
import { HubError } from '../common/errors.js';
import type { ErrorCode } from '../common/errors.js';

/** Commands are tiny; anything larger is a mistake or an attack. */
export const maxBodyBytes = 64 * 1024;

const statusByCode: Partial<Record<ErrorCode, number>> = {
  bad_request: 400,
  config_invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  locked_out: 429,
  not_found: 404,
  device_timeout: 504,
  device_unreachable: 502,
  device_protocol: 502,
  device_rejected: 502,
  not_available: 503,
};

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function sendError(res: ServerResponse, err: unknown): void {
  const hubError = err instanceof HubError ? err : new HubError('internal', 'internal error', { cause: err });
  const status = statusByCode[hubError.code] ?? 500;
  const body: ApiErrorBody = { error: { code: hubError.code, message: hubError.message } };
  sendJson(res, status, body);
}

export async function readJsonBody<T>(req: IncomingMessage, schema: z.ZodType<T>): Promise<T> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > maxBodyBytes) throw new HubError('bad_request', `request body larger than ${maxBodyBytes} bytes`);
    chunks.push(buf);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new HubError('bad_request', `request body is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  return validate(schema, parsed, 'body');
}

export function validate<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${[where, ...i.path.map(String)].join('.')}: ${i.message}`);
  throw new HubError('bad_request', problems.join('; '));
}
