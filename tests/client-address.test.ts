/**
 * The client address behind proxies: the socket's peer unless it is a trusted proxy; then
 * X-Forwarded-For from the right, skipping trusted hops. What a client writes itself never
 * decides its address (so never its rate-limit bucket).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeAddress, NO_TRUSTED_PROXIES, parseTrustedProxies, rateLimitSubject, resolveClientAddress } from '@/lib/client-address';

describe('normalizeAddress', () => {
  it('gives one spelling per address: IPv4-mapped IPv6 as IPv4, IPv6 compressed and lower-case', () => {
    expect(normalizeAddress('192.0.2.1')).toBe('192.0.2.1');
    expect(normalizeAddress(' ::ffff:192.0.2.1 ')).toBe('192.0.2.1');
    expect(normalizeAddress('::FFFF:c000:0201')).toBe('192.0.2.1');
    expect(normalizeAddress('2001:0DB8:0000:0000:0000:0000:0000:0001')).toBe('2001:db8::1');
    expect(normalizeAddress('[2001:db8::1]')).toBe('2001:db8::1');
    expect(normalizeAddress('fe80::1%eth0')).toBe('fe80::1');
    expect(normalizeAddress('::1')).toBe('::1');
  });

  it('refuses what is not an address', () => {
    for (const bad of ['', 'unknown', '01.2.3.4', '256.1.1.1', '1.2.3', 'example.com', '2001:db8::1::2', '192.0.2.1:80', null, undefined]) {
      expect(normalizeAddress(bad)).toBeNull();
    }
  });
});

describe('parseTrustedProxies', () => {
  it('reads addresses and CIDR ranges of both families, normalised', () => {
    const t = parseTrustedProxies(' 10.0.0.0/8, 192.0.2.10 ,fd00::/8, ::ffff:198.51.100.1 ');
    expect(t.entries).toEqual(['10.0.0.0/8', '192.0.2.10', 'fd00::/8', '198.51.100.1']);
    expect(t.has('10.200.3.4')).toBe(true);
    expect(t.has('::ffff:10.200.3.4')).toBe(true);
    expect(t.has('11.0.0.1')).toBe(false);
    expect(t.has('192.0.2.10')).toBe(true);
    expect(t.has('192.0.2.11')).toBe(false);
    expect(t.has('fd12:3456::1')).toBe(true);
    expect(t.has('fe80::1')).toBe(false);
    expect(t.has('198.51.100.1')).toBe(true);
    expect(t.has('garbage')).toBe(false);
  });

  it('is empty for an unset or blank value', () => {
    expect(parseTrustedProxies(undefined).entries).toEqual([]);
    expect(parseTrustedProxies(' , ').entries).toEqual([]);
  });

  it('fails naming the entry that is not an address or range', () => {
    expect(() => parseTrustedProxies('10.0.0.1, proxy.internal')).toThrow(/"proxy\.internal"/);
    expect(() => parseTrustedProxies('10.0.0.0/33')).toThrow(/prefix length/);
    expect(() => parseTrustedProxies('fd00::/129')).toThrow(/prefix length/);
    expect(() => parseTrustedProxies('10.0.0.0/8/1')).toThrow(/"10\.0\.0\.0\/8\/1"/);
  });
});

describe('resolveClientAddress', () => {
  const proxies = parseTrustedProxies('10.0.0.0/8, 2001:db8:ffff::/48');

  it('uses the socket and ignores X-Forwarded-For when no proxy is trusted', () => {
    expect(resolveClientAddress('203.0.113.7', '198.51.100.1', NO_TRUSTED_PROXIES)).toBe('203.0.113.7');
    expect(resolveClientAddress('::ffff:203.0.113.7', '198.51.100.1', NO_TRUSTED_PROXIES)).toBe('203.0.113.7');
  });

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', () => {
    expect(resolveClientAddress('203.0.113.7', '198.51.100.1, 10.0.0.5', proxies)).toBe('203.0.113.7');
  });

  it('has no address without a socket, whatever the header says', () => {
    expect(resolveClientAddress(null, '198.51.100.1', proxies)).toBeNull();
    expect(resolveClientAddress(undefined, '198.51.100.1', NO_TRUSTED_PROXIES)).toBeNull();
  });

  it('walks from the right past trusted hops to the first untrusted one, ignoring what the client prepended', () => {
    expect(resolveClientAddress('10.0.0.1', '198.51.100.1', proxies)).toBe('198.51.100.1');
    expect(resolveClientAddress('10.0.0.1', '1.1.1.1, 198.51.100.1, 10.0.0.9', proxies)).toBe('198.51.100.1');
    expect(resolveClientAddress('10.0.0.1', ['6.6.6.6, 198.51.100.1', '10.3.3.3'], proxies)).toBe('198.51.100.1');
    expect(resolveClientAddress('::ffff:10.0.0.1', '[2001:db8::7]:443, 2001:db8:ffff::2', proxies)).toBe('2001:db8::7');
    expect(resolveClientAddress('10.0.0.1', '198.51.100.1:4711', proxies)).toBe('198.51.100.1');
  });

  it('answers the proxy itself when the header is missing, all hops are trusted, or a hop is garbage', () => {
    expect(resolveClientAddress('10.0.0.1', undefined, proxies)).toBe('10.0.0.1');
    expect(resolveClientAddress('10.0.0.1', '', proxies)).toBe('10.0.0.1');
    expect(resolveClientAddress('10.0.0.1', '10.0.0.7, 10.0.0.8', proxies)).toBe('10.0.0.7');
    expect(resolveClientAddress('10.0.0.1', '198.51.100.1, not-an-ip', proxies)).toBe('10.0.0.1');
    expect(resolveClientAddress('10.0.0.1', '198.51.100.1, not-an-ip, 10.0.0.8', proxies)).toBe('10.0.0.8');
  });

  const ipv4 = fc.ipV4();
  const untrusted = ipv4.filter((a) => !a.startsWith('10.'));
  const headerJunk = fc.array(fc.oneof(ipv4, fc.ipV6(), fc.string({ maxLength: 20 })), { maxLength: 6 });

  it('property: without trust, no header changes the answer', () => {
    fc.assert(
      fc.property(ipv4, headerJunk, (peer, junk) => {
        expect(resolveClientAddress(peer, junk.join(', '), NO_TRUSTED_PROXIES)).toBe(normalizeAddress(peer));
      }),
    );
  });

  it('property: behind trusted proxies, whatever the client prepends, the address the first proxy saw wins', () => {
    fc.assert(
      fc.property(headerJunk, untrusted, fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 3 }), (junk, client, hops) => {
        const chain = [...junk, client, ...hops.map((n) => `10.0.${n}.1`)].join(', ');
        expect(resolveClientAddress(`10.9.9.${hops.length}`, chain, proxies)).toBe(client);
      }),
    );
  });
});

describe('rateLimitSubject', () => {
  it('keys IPv4 by address, IPv6 by its /64, and requests without an address together', () => {
    expect(rateLimitSubject('203.0.113.7')).toBe('203.0.113.7');
    expect(rateLimitSubject('2001:db8:1:2:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64');
    expect(rateLimitSubject('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(rateLimitSubject('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(rateLimitSubject('::1')).toBe('0:0:0:0::/64');
    expect(rateLimitSubject(null)).toBe('unknown');
  });
});
