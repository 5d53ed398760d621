import { isIPv6 } from 'node:net';

/**
 * The address a client is counted under: IPv4 as it is; IPv6 per /64, since one host usually
 * owns a whole /64 and could otherwise pick a fresh address for every attempt.
 */
export function clientAddressKey(ip: string): string {
  const address = ip.replace(/^::ffff:/i, '');
  if (!isIPv6(address)) return address;
  return `${expandIPv6(address).slice(0, 4).join(':')}::/64`;
}

function expandIPv6(ip: string): string[] {
  const [head = '', tail = ''] = ip.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return groups.map((g) => g.toLowerCase().replace(/^0+(?=.)/, ''));
}
