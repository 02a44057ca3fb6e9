/**
 * Scan targets typed or tapped by the installer: an IPv4 address, a /24 (or
 * smaller) network, or a host name. Larger networks are refused: a home LAN
 * is a /24, and a wider sweep would take long and look like an attack.
 */
import { isIP } from 'node:net';
import { HubError } from '../common/errors.js';

export const maxScanPairs = 4096;

function v4ToInt(a: string): number {
  return a.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

function intToV4(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
}

/** The hosts a target stands for; throws bad_request naming the target. */
export function expandTarget(target: string): string[] {
  const t = target.trim();
  const cidr = /^(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2})$/.exec(t);
  if (cidr !== null) {
    const [, address = '', bits = ''] = cidr;
    const prefix = Number(bits);
    if (isIP(address) !== 4) throw new HubError('bad_request', `targets: "${t}" is not an IPv4 network`);
    if (prefix < 24 || prefix > 32) throw new HubError('bad_request', `targets: "${t}": at most a /24 network (256 addresses) per target`);
    const size = 2 ** (32 - prefix);
    const first = Math.floor(v4ToInt(address) / size) * size;
    const hosts: string[] = [];
    for (let i = 0; i < size; i++) {
      // Network and broadcast addresses of a /24../30 are no devices.
      if (size >= 4 && (i === 0 || i === size - 1)) continue;
      hosts.push(intToV4(first + i));
    }
    return hosts;
  }
  if (isIP(t) === 4) return [t];
  if (/^[a-z0-9]([a-z0-9-]{0,62})(\.[a-z0-9]([a-z0-9-]{0,62}))*$/i.test(t) && t.length <= 253) return [t];
  throw new HubError('bad_request', `targets: "${t}" is not an IPv4 address, a network such as 192.168.1.0/24, or a host name`);
}
