/**
 * Where a request comes from. The wall screen is a browser on the hub itself:
 * its requests arrive over loopback, and only those are exempt from tokens.
 * "Loopback" is judged strictly, because the exemption is a free pass:
 * - the TCP peer is 127.0.0.0/8 or ::1 (the socket, not a header, says so);
 * - the Host header is a loopback name, so a DNS-rebinding page (Host:
 *   evil.example) opened in a browser on the hub gets no pass;
 * - no proxy header: a reverse proxy on the hub would make every LAN client
 *   look local, so a proxied request must carry a token like any other.
 */
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

export function isLoopbackAddress(address: string | undefined): boolean {
  if (address === undefined) return false;
  const a = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (a === '::1') return true;
  return isIP(a) === 4 && a.startsWith('127.');
}

/** Host header without its port: "127.0.0.1:8080" -> "127.0.0.1", "[::1]:80" -> "::1". */
export function hostName(hostHeader: string | undefined): string | null {
  if (hostHeader === undefined || hostHeader === '') return null;
  if (hostHeader.startsWith('[')) {
    const end = hostHeader.indexOf(']');
    return end < 0 ? null : hostHeader.slice(1, end).toLowerCase();
  }
  const colon = hostHeader.indexOf(':');
  return (colon < 0 ? hostHeader : hostHeader.slice(0, colon)).toLowerCase();
}

export function isLoopbackHostName(name: string | null): boolean {
  if (name === null) return false;
  return name === 'localhost' || isLoopbackAddress(name);
}

const proxyHeaders = ['forwarded', 'x-forwarded-for', 'x-real-ip'] as const;

/** True for the wall screen: loopback peer, loopback Host, not proxied. */
export function isLocalRequest(req: IncomingMessage): boolean {
  if (!isLoopbackAddress(req.socket.remoteAddress)) return false;
  if (!isLoopbackHostName(hostName(req.headers.host))) return false;
  return proxyHeaders.every((h) => req.headers[h] === undefined);
}

/**
 * Browsers send Origin on cross-origin requests and on every POST and
 * WebSocket handshake. A page from another site may not drive the hub (CSRF,
 * cross-site WebSocket hijacking): its Origin names another host than the one
 * the request was sent to. Tools that send no Origin (curl, the tests) pass.
 */
export function crossOrigin(req: IncomingMessage): string | null {
  const origin = req.headers.origin;
  if (origin === undefined) return null;
  let originHost: string;
  try {
    originHost = new URL(origin).host.toLowerCase();
  } catch {
    return origin;
  }
  const host = (req.headers.host ?? '').toLowerCase();
  return originHost === host ? null : origin;
}
