/**
 * One API route: method, path and handler. Feature modules (car, plan,
 * signals, installer...) each export their routes; the server composes them.
 * A handler returns the JSON body (status 200) or throws a HubError.
 */
import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';

export interface RouteContext {
  readonly url: URL;
  readonly req: IncomingMessage;
  /** Reads and validates the JSON body; throws a 400 HubError naming the bad key. */
  body<T>(schema: z.ZodType<T>): Promise<T>;
  /** Validates the query string. */
  query<T>(schema: z.ZodType<T>): T;
}

export interface ApiRoute {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly path: string;
  /** Who may call it; 'installer' routes need an installer session (see the installer issue). Default 'user'. */
  readonly access?: 'user' | 'installer';
  handle(ctx: RouteContext): unknown;
}
