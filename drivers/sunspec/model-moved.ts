/**
 * "The model is no longer where discovery found it" (firmware update, device
 * swapped, a reboot that came back with another map): the one read failure
 * that makes a driver walk the model chain again. Other failures (timeouts,
 * exceptions, a scale factor changing mid-read) are retried as they are.
 */
import { HubError } from '../../main/common/errors.js';

export class ModelMovedError extends HubError {
  constructor(message: string) {
    super('device_protocol', message, { retryable: true });
    this.name = 'ModelMovedError';
  }
}

/** True when `err` or one of its causes is a ModelMovedError (errors get wrapped on the way up). */
export function isModelMoved(err: unknown): boolean {
  for (let cur: unknown = err, depth = 0; cur instanceof Error && depth < 5; cur = cur.cause, depth++) {
    if (cur instanceof ModelMovedError) return true;
  }
  return false;
}
