/**
 * Errors carry a stable code and whether retrying can help (evcc marks
 * ErrNotAvailable permanent so retries stop). Wrap lower-level failures with
 * `{ cause }`; the API boundary turns them into user messages.
 */
export type ErrorCode =
  | 'bad_request'
  | 'not_found'
  | 'unauthorized'
  | 'forbidden'
  | 'locked_out'
  | 'config_invalid'
  | 'device_timeout'
  | 'device_unreachable'
  | 'device_protocol'
  | 'device_rejected'
  | 'not_available'
  | 'internal';

export class HubError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;

  constructor(code: ErrorCode, message: string, options: { retryable?: boolean; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'HubError';
    this.code = code;
    this.retryable = options.retryable ?? false;
  }
}

/** Message of any thrown value, including the chain of causes. */
export function describeError(err: unknown): string {
  const parts: string[] = [];
  let cur: unknown = err;
  for (let depth = 0; cur !== undefined && cur !== null && depth < 5; depth++) {
    if (cur instanceof Error) {
      parts.push(cur.message);
      cur = cur.cause;
    } else {
      parts.push(typeof cur === 'string' ? cur : JSON.stringify(cur));
      break;
    }
  }
  return parts.join(': ');
}
