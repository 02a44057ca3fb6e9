/**
 * One API route: method, path and handler. Feature modules (car, plan,
 * signals, installer...) each export their routes; the server composes them.
 * A handler returns the JSON body (status 200) or throws a HubError.
 */
import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import type { Principal, RouteAccess } from './auth/access-control.js';

export type { Principal, RouteAccess };

export interface RouteContext {
  readonly url: URL;
  readonly req: IncomingMessage;
  /** Reads and validates the JSON body; throws a 400 HubError naming the bad key. */
  body<T>(schema: z.ZodType<T>): Promise<T>;
  /** Validates the query string. */
  query<T>(schema: z.ZodType<T>): T;
  /** Who is calling: the wall screen (loopback), a paired device, or null (public routes only). */
  readonly principal: Principal | null;
}

export interface ApiRoute {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly path: string;
  /**
   * Who may call it (main/api/auth/access-control.ts): 'public', 'user' (the
   * wall screen or a paired device; the default), 'local' (the wall screen or
   * installer mode), 'installer' (a PIN-unlocked installer session).
   */
  readonly access?: RouteAccess;
  handle(ctx: RouteContext): unknown;
}

/**
 * A non-JSON answer (a CSV export, a PDF report): a handler returns it instead
 * of a JSON body; the server sends it with status 200 and, with a filename,
 * as a download.
 */
export class RawBody {
  constructor(
    readonly contentType: string,
    readonly body: string | Uint8Array,
    readonly filename?: string,
  ) {}
}
