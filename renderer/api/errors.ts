import type { ApiErrorBody } from '../../main/common/api.js';

/**
 * A failed call to the hub. `code` is the hub's error code (from its
 * `{ error: { code, message } }` body) or `network` when the hub could not be
 * reached at all; `message` is the text to show the user.
 */
export class HubRequestError extends Error {
  readonly code: string;
  /** HTTP status, or 0 when no response came back. */
  readonly status: number;

  constructor(code: string, message: string, status: number, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'HubRequestError';
    this.code = code;
    this.status = status;
  }

  /** A network failure or a 5xx may go away; a refused request (4xx) will not. */
  get retryable(): boolean {
    return this.status === 0 || this.status >= 500;
  }
}

export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error: unknown = value.error;
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    'message' in error &&
    typeof error.code === 'string' &&
    typeof error.message === 'string'
  );
}
