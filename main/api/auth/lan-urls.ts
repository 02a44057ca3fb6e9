/**
 * The URLs a tablet on the LAN can open. Bound to a wildcard address: every
 * non-internal IPv4 address of the hub (private ranges first); bound to one
 * LAN address: that one; bound to loopback: none (LAN access is off).
 */
import { networkInterfaces } from 'node:os';
import { isLoopbackHostName } from './request-origin.js';

function isPrivateV4(a: string): boolean {
  return /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/.test(a);
}

export function lanUrls(host: string, port: number): string[] {
  if (port === 0 || isLoopbackHostName(host.toLowerCase())) return [];
  if (host !== '0.0.0.0' && host !== '::' && host !== '') return [`http://${host.includes(':') ? `[${host}]` : host}:${port}/`];
  const addresses: string[] = [];
  for (const list of Object.values(networkInterfaces())) {
    for (const i of list ?? []) if (i.family === 'IPv4' && !i.internal) addresses.push(i.address);
  }
  addresses.sort((a, b) => Number(isPrivateV4(b)) - Number(isPrivateV4(a)));
  return addresses.map((a) => `http://${a}:${port}/`);
}
