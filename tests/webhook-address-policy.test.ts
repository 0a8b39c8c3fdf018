/** The SSRF classifier and URL checks, address by address (IPv4, IPv6, IPv4 inside IPv6). */
import { describe, expect, it } from 'vitest';
import { parseEnv } from '@/lib/env';
import { type AddressClass, checkEndpointUrl, classifyAddress, resolveEndpoint, UnsafeUrlError } from '@/modules/webhooks';

const matrix: [string, AddressClass][] = [
  // IPv4
  ['8.8.8.8', 'public'],
  ['93.184.215.14', 'public'],
  ['1.1.1.1', 'public'],
  ['127.0.0.1', 'loopback'],
  ['127.255.255.254', 'loopback'],
  ['0.0.0.0', 'unspecified'],
  ['0.1.2.3', 'unspecified'],
  ['10.0.0.1', 'private'],
  ['10.255.255.255', 'private'],
  ['172.16.0.1', 'private'],
  ['172.31.255.255', 'private'],
  ['172.15.255.255', 'public'],
  ['172.32.0.0', 'public'],
  ['192.168.1.1', 'private'],
  ['100.64.0.1', 'private'],
  ['100.127.255.255', 'private'],
  ['100.128.0.0', 'public'],
  ['169.254.169.254', 'link-local'],
  ['169.254.0.1', 'link-local'],
  ['192.0.2.10', 'reserved'],
  ['198.18.0.1', 'private'],
  ['224.0.0.1', 'multicast'],
  ['255.255.255.255', 'reserved'],
  // IPv6
  ['2606:4700:4700::1111', 'public'],
  ['2a00:1450:4001:80b::200e', 'public'],
  ['::', 'unspecified'],
  ['::1', 'loopback'],
  ['0:0:0:0:0:0:0:1', 'loopback'],
  ['fe80::1', 'link-local'],
  ['fe80::1%eth0', 'link-local'],
  ['febf::1', 'link-local'],
  ['fc00::1', 'unique-local'],
  ['fd12:3456:789a::1', 'unique-local'],
  ['ff02::1', 'multicast'],
  ['2001:db8::1', 'reserved'],
  // IPv4-mapped and other embeddings: the IPv4 address decides
  ['::ffff:127.0.0.1', 'loopback'],
  ['::ffff:7f00:1', 'loopback'],
  ['::ffff:10.0.0.1', 'private'],
  ['::ffff:169.254.169.254', 'link-local'],
  ['::ffff:a9fe:a9fe', 'link-local'],
  ['::ffff:8.8.8.8', 'public'],
  ['::127.0.0.1', 'loopback'],
  ['64:ff9b::10.0.0.1', 'private'],
  ['64:ff9b::8.8.8.8', 'public'],
  ['2002:7f00:1::', 'loopback'],
  ['2002:0808:0808::', 'public'],
  ['[::1]', 'loopback'],
  // not an address
  ['example.com', 'reserved'],
  ['', 'reserved'],
];

describe('address classifier', () => {
  it.each(matrix)('%s is %s', (address, cls) => {
    expect(classifyAddress(address)).toBe(cls);
  });
});

const resolveTo =
  (...addresses: string[]) =>
  async () =>
    addresses.map((address) => ({ address, family: (address.includes(':') ? 6 : 4) as 4 | 6 }));

describe('endpoint URL check', () => {
  const strict = { allowPrivate: false };

  it('takes https and http only, without credentials', async () => {
    for (const url of ['ftp://example.com/', 'file:///etc/passwd', 'gopher://x/', 'javascript:alert(1)', 'not a url', 'https://u:p@example.com/']) {
      await expect(checkEndpointUrl(url, { allowPrivate: true }), url).rejects.toBeInstanceOf(UnsafeUrlError);
    }
    await expect(checkEndpointUrl('https://93.184.215.14/x', strict)).resolves.toBeInstanceOf(URL);
  });

  it('refuses literal non-public addresses in every spelling a URL parser accepts', async () => {
    for (const url of ['http://127.1/', 'http://2130706433/', 'http://0x7f000001/', 'http://[::ffff:127.0.0.1]/', 'http://[0:0:0:0:0:ffff:a9fe:a9fe]/', 'http://0/']) {
      await expect(checkEndpointUrl(url, strict), url).rejects.toBeInstanceOf(UnsafeUrlError);
    }
  });

  it('refuses a name when any address it resolves to is not public, and one that does not resolve', async () => {
    await expect(checkEndpointUrl('https://a.test/', { ...strict, resolve: resolveTo('93.184.215.14') })).resolves.toBeInstanceOf(URL);
    await expect(checkEndpointUrl('https://a.test/', { ...strict, resolve: resolveTo('93.184.215.14', '192.168.0.1') })).rejects.toThrow(/private/);
    await expect(checkEndpointUrl('https://a.test/', { ...strict, resolve: resolveTo('fd00::5') })).rejects.toThrow(/unique-local/);
    await expect(checkEndpointUrl('https://a.test/', { ...strict, resolve: resolveTo() })).rejects.toThrow(/does not resolve/);
    await expect(
      checkEndpointUrl('https://a.test/', {
        ...strict,
        resolve: async () => {
          throw new Error('ENOTFOUND');
        },
      }),
    ).rejects.toThrow(/does not resolve/);
  });

  it('with private addresses allowed, saving skips resolution, and delivery still resolves', async () => {
    await expect(checkEndpointUrl('http://localhost:3000/x', { allowPrivate: true })).resolves.toBeInstanceOf(URL);
    await expect(resolveEndpoint(new URL('http://a.test/'), { allowPrivate: true, resolve: resolveTo('127.0.0.1') })).resolves.toEqual([{ address: '127.0.0.1', family: 4 }]);
    await expect(resolveEndpoint(new URL('http://a.test/'), { allowPrivate: true, resolve: resolveTo() })).rejects.toThrow(/does not resolve/);
  });
});

describe('webhook settings in the environment', () => {
  it('refuses private addresses unless WEBHOOKS_ALLOW_PRIVATE is set, and bounds the timeout and threshold', () => {
    expect(parseEnv({})).toMatchObject({ WEBHOOKS_ALLOW_PRIVATE: false, WEBHOOKS_TIMEOUT_MS: 10_000, WEBHOOKS_DISABLE_AFTER_FAILURES: 20 });
    expect(parseEnv({ WEBHOOKS_ALLOW_PRIVATE: '1' }).WEBHOOKS_ALLOW_PRIVATE).toBe(true);
    expect(() => parseEnv({ WEBHOOKS_ALLOW_PRIVATE: 'sure' })).toThrow(/WEBHOOKS_ALLOW_PRIVATE/);
    expect(() => parseEnv({ WEBHOOKS_TIMEOUT_MS: '50' })).toThrow(/WEBHOOKS_TIMEOUT_MS/);
    expect(() => parseEnv({ WEBHOOKS_DISABLE_AFTER_FAILURES: '0' })).toThrow(/WEBHOOKS_DISABLE_AFTER_FAILURES/);
  });
});
