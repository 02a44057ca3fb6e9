/**
 * OAuth2 client credentials for the VEN (RFC 6749 §4.4, as OpenADR 3's
 * /auth/token describes it): client id and secret in the form body, a Bearer
 * token back. The token is cached until shortly before it expires and
 * fetched again when the VTN says 401.
 */
import { HubError } from '../../common/errors.js';
import type { OadrValidator } from './oadr-validator.js';

export interface TokenSourceOptions {
  readonly tokenUrl: () => Promise<string>;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly scope?: string;
  readonly validator: OadrValidator;
  readonly timeoutMs?: number;
}

/** Renew this long before the VTN's expiry (ms), so a request never carries a token about to lapse. */
const renewEarlyMs = 30_000;

export class TokenSource {
  private token: string | null = null;
  private expiresAt = 0;
  private pending: Promise<string> | null = null;

  constructor(private readonly o: TokenSourceOptions) {}

  async get(): Promise<string> {
    if (this.token !== null && Date.now() < this.expiresAt) return this.token;
    // One request at a time: parallel callers share it.
    this.pending ??= this.fetchToken().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  invalidate(): void {
    this.token = null;
  }

  private async fetchToken(): Promise<string> {
    const url = await this.o.tokenUrl();
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: this.o.clientId, client_secret: this.o.clientSecret });
    if (this.o.scope !== undefined) form.set('scope', this.o.scope);
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: form.toString(),
        signal: AbortSignal.timeout(this.o.timeoutMs ?? 10_000),
      });
    } catch (err) {
      throw new HubError('device_unreachable', `OpenADR token endpoint ${url} unreachable`, { retryable: true, cause: err });
    }
    const body: unknown = await res.json().catch(() => null);
    if (!res.ok) {
      const e = typeof body === 'object' && body !== null && 'error' in body ? String(body.error) : `HTTP ${res.status}`;
      throw new HubError('unauthorized', `OpenADR token refused: ${e}`, { retryable: res.status >= 500 });
    }
    const problem = this.o.validator.check('clientCredentialResponse', body);
    if (problem !== null) throw new HubError('device_protocol', `OpenADR token response invalid: ${problem}`);
    const r = body as { access_token: string; expires_in?: number };
    this.token = r.access_token;
    this.expiresAt = Date.now() + Math.max(0, (r.expires_in ?? 3600) * 1000 - renewEarlyMs);
    return r.access_token;
  }
}
