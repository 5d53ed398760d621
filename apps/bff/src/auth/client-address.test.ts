import { describe, expect, it } from 'vitest';
import { clientAddressKey } from './client-address.ts';

describe('clientAddressKey', () => {
  it('counts IPv4 (also IPv4-mapped IPv6) by the address itself', () => {
    expect(clientAddressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(clientAddressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('counts IPv6 per /64, however the address is written', () => {
    const key = '2001:db8:aa:1::/64';
    expect(clientAddressKey('2001:db8:aa:1::1')).toBe(key);
    expect(clientAddressKey('2001:db8:aa:1:ffff:ffff:ffff:ffff')).toBe(key);
    expect(clientAddressKey('2001:0DB8:00aa:0001:0:0:0:5')).toBe(key);
    expect(clientAddressKey('2001:db8:aa:2::1')).not.toBe(key);
  });

  it('expands a short form: :: and ::1 land in the zero /64', () => {
    expect(clientAddressKey('::1')).toBe('0:0:0:0::/64');
    expect(clientAddressKey('fe80::1')).toBe('fe80:0:0:0::/64');
  });
});
