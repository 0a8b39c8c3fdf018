/**
 * SSRF guard: which addresses a webhook may be sent to. An organization chooses the URL, and
 * the server makes the request from inside its own network, so an endpoint on loopback, a
 * private range, link-local (cloud metadata at 169.254.169.254), unique-local or an
 * unspecified address would let a tenant probe or call internal services. Checked when an
 * endpoint is saved AND at every delivery, on the addresses the name resolves to at that
 * moment, and the connection is made to the address that was checked (DNS rebinding cannot
 * swap it between check and connect).
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';

export type AddressClass = 'public' | 'loopback' | 'private' | 'link-local' | 'unique-local' | 'unspecified' | 'multicast' | 'reserved';

type V4Rule = [number, number, number, number, number, AddressClass];

// [a, b, c, d, prefix length, class]
const v4Rules: V4Rule[] = [
  [0, 0, 0, 0, 8, 'unspecified'], // "this network"; 0.0.0.0 reaches the local host on Linux
  [10, 0, 0, 0, 8, 'private'],
  [100, 64, 0, 0, 10, 'private'], // carrier-grade NAT (shared address space)
  [127, 0, 0, 0, 8, 'loopback'],
  [169, 254, 0, 0, 16, 'link-local'], // includes cloud metadata services
  [172, 16, 0, 0, 12, 'private'],
  [192, 0, 0, 0, 24, 'reserved'], // IETF protocol assignments
  [192, 0, 2, 0, 24, 'reserved'], // documentation
  [192, 88, 99, 0, 24, 'reserved'], // 6to4 relay anycast
  [192, 168, 0, 0, 16, 'private'],
  [198, 18, 0, 0, 15, 'private'], // benchmarking
  [198, 51, 100, 0, 24, 'reserved'],
  [203, 0, 113, 0, 24, 'reserved'],
  [224, 0, 0, 0, 4, 'multicast'],
  [240, 0, 0, 0, 4, 'reserved'], // includes 255.255.255.255 broadcast
];

function v4Bytes(address: string): number[] {
  return address.split('.').map(Number);
}

function matchesPrefix(bytes: number[], rule: number[], bits: number): boolean {
  for (let i = 0; i < bytes.length && bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if ((bytes[i]! & mask) !== (rule[i]! & mask)) return false;
  }
  return true;
}

function classifyV4(bytes: number[]): AddressClass {
  for (const [a, b, c, d, bits, cls] of v4Rules) if (matchesPrefix(bytes, [a, b, c, d], bits)) return cls;
  return 'public';
}

/** An IPv6 address as 16 bytes (handles `::`, and a dotted IPv4 tail as in `::ffff:1.2.3.4`). */
function v6Bytes(address: string): number[] {
  let text = address.replace(/%.*$/, ''); // zone id
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = v4Bytes(dotted[1]!);
    text = `${text.slice(0, -dotted[1]!.length)}${((a! << 8) | b!).toString(16)}:${((c! << 8) | d!).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const groups = tail === undefined ? headGroups : [...headGroups, ...Array(8 - headGroups.length - tailGroups.length).fill('0'), ...tailGroups];
  return groups.flatMap((g) => {
    const n = Number.parseInt(g || '0', 16);
    return [n >> 8, n & 0xff];
  });
}

function classifyV6(bytes: number[]): AddressClass {
  const zeroUpTo = (n: number) => bytes.slice(0, n).every((b) => b === 0);
  if (zeroUpTo(16)) return 'unspecified';
  if (zeroUpTo(15) && bytes[15] === 1) return 'loopback';
  // IPv4-mapped ::ffff:0:0/96 and the deprecated IPv4-compatible ::/96: the IPv4 address decides.
  if (zeroUpTo(10) && bytes[10] === 0xff && bytes[11] === 0xff) return classifyV4(bytes.slice(12));
  if (zeroUpTo(12)) return classifyV4(bytes.slice(12));
  // NAT64 64:ff9b::/96 and 6to4 2002::/16 embed an IPv4 address that the gateway reaches.
  if (matchesPrefix(bytes, [0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0], 96)) return classifyV4(bytes.slice(12));
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return classifyV4(bytes.slice(2, 6));
  if ((bytes[0]! & 0xfe) === 0xfc) return 'unique-local'; // fc00::/7
  if (bytes[0] === 0xfe && (bytes[1]! & 0xc0) === 0x80) return 'link-local'; // fe80::/10
  if (bytes[0] === 0xfe && (bytes[1]! & 0xc0) === 0xc0) return 'private'; // fec0::/10 site-local (deprecated)
  if (bytes[0] === 0xff) return 'multicast';
  if (matchesPrefix(bytes, [0x01, 0x00, 0, 0, 0, 0, 0, 0], 64)) return 'reserved'; // discard-only 100::/64
  if (matchesPrefix(bytes, [0x20, 0x01, 0x0d, 0xb8], 32)) return 'reserved'; // documentation
  if (matchesPrefix(bytes, [0x20, 0x01, 0x00, 0x00], 32)) return 'reserved'; // Teredo: hides an IPv4 address
  return 'public';
}

/** The class of an IP address (v4, v6, or v6 with an embedded v4); 'reserved' for anything unparseable. */
export function classifyAddress(address: string): AddressClass {
  const bare = address.replace(/^\[|\]$/g, '');
  const family = isIP(bare.replace(/%.*$/, ''));
  if (family === 4) return classifyV4(v4Bytes(bare));
  if (family === 6) return classifyV6(v6Bytes(bare));
  return 'reserved';
}

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));

export class UnsafeUrlError extends Error {
  override name = 'UnsafeUrlError';
  constructor(
    message: string,
    readonly reason: 'scheme' | 'credentials' | 'unresolvable' | AddressClass,
  ) {
    super(message);
  }
}

/** Checks a URL's form: http or https, a host, no user:password part. */
export function parseEndpointUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UnsafeUrlError('is not a valid URL', 'scheme');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UnsafeUrlError('must start with https:// or http://', 'scheme');
  if (url.username || url.password) throw new UnsafeUrlError('must not contain a user name or password', 'credentials');
  if (!url.hostname) throw new UnsafeUrlError('must name a host', 'scheme');
  return url;
}

/**
 * The addresses a delivery to `url` may connect to: every address the host resolves to must
 * be public (one private answer among public ones refuses it: a resolver could hand out
 * either). With `allowPrivate` any address goes, but the name must still resolve at delivery.
 */
export async function resolveEndpoint(url: URL, opts: { allowPrivate: boolean; resolve?: Resolver }): Promise<ResolvedAddress[]> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const literal = isIP(host);
  let addresses: ResolvedAddress[];
  if (literal) addresses = [{ address: host, family: literal === 6 ? 6 : 4 }];
  else {
    try {
      addresses = await (opts.resolve ?? systemResolver)(host);
    } catch {
      addresses = [];
    }
    if (addresses.length === 0) throw new UnsafeUrlError(`host "${host}" does not resolve`, 'unresolvable');
  }
  if (!opts.allowPrivate) {
    for (const a of addresses) {
      const cls = classifyAddress(a.address);
      if (cls !== 'public') throw new UnsafeUrlError(`resolves to a ${cls} address (${a.address}); webhooks go to public addresses only`, cls);
    }
  }
  return addresses;
}

/**
 * The check when an endpoint is saved: form, and (unless private addresses are allowed) that
 * the host resolves to public addresses only.
 */
export async function checkEndpointUrl(value: string, opts: { allowPrivate: boolean; resolve?: Resolver }): Promise<URL> {
  const url = parseEndpointUrl(value);
  if (!opts.allowPrivate) await resolveEndpoint(url, opts);
  return url;
}
