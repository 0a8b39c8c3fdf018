/**
 * The client's address: the socket peer, unless that peer is a proxy we were told to trust,
 * in which case X-Forwarded-For is read from the right (each trusted proxy appends the address
 * it saw) and the first hop we do not trust is the client. Everything left of that hop was
 * written by the client and is ignored: a forged header must never buy a fresh rate-limit
 * bucket. Addresses are normalised (IPv4-mapped IPv6 → IPv4, IPv6 in RFC 5952 form) so one
 * client has one spelling in audit rows and limiter keys.
 */
import { BlockList, isIP } from 'node:net';

export interface TrustedProxies {
  /** The configuration as given, normalised; empty when no proxy is trusted. */
  readonly entries: readonly string[];
  has(address: string): boolean;
}

export const NO_TRUSTED_PROXIES: TrustedProxies = { entries: [], has: () => false };

/** `192.0.2.1`, `::ffff:192.0.2.1`, `[2001:DB8::1]`, `fe80::1%eth0` → one canonical spelling; null if not an IP. */
export function normalizeAddress(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let value = raw.trim();
  if (value.startsWith('[') && value.endsWith(']')) value = value.slice(1, -1);
  const zone = value.indexOf('%');
  if (zone > 0) value = value.slice(0, zone); // link-local zone ids name our interface, not the client
  const family = isIP(value);
  if (family === 4) return value;
  if (family !== 6) return null;
  // The WHATWG URL parser prints IPv6 in the compressed lower-case form of RFC 5952.
  const canonical = new URL(`http://[${value}]/`).hostname.slice(1, -1);
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(canonical);
  if (mapped) {
    const hi = parseInt(mapped[1]!, 16);
    const lo = parseInt(mapped[2]!, 16);
    return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  return canonical;
}

/**
 * One X-Forwarded-For element as proxies write it: a bare address, or with a port
 * (`192.0.2.1:4711`, `[2001:db8::1]:443`). Null when it is not an address.
 */
function forwardedElement(raw: string): string | null {
  const value = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) return normalizeAddress(bracketed[1]);
  const v4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(value);
  if (v4WithPort) return normalizeAddress(v4WithPort[1]);
  return normalizeAddress(value);
}

/**
 * Parses TRUSTED_PROXIES: comma-separated addresses or CIDR ranges, IPv4 or IPv6
 * (`10.0.0.0/8, 192.0.2.10, fd00::/8`). Throws naming the first entry that is neither.
 */
export function parseTrustedProxies(spec: string | null | undefined): TrustedProxies {
  const parts = (spec ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) return NO_TRUSTED_PROXIES;
  const list = new BlockList();
  const entries: string[] = [];
  for (const part of parts) {
    const [base = '', prefixText, extra] = part.split('/');
    const address = normalizeAddress(base);
    if (!address || extra !== undefined) throw new Error(`"${part}" is not an IP address or CIDR range`);
    const type = isIP(address) === 4 ? 'ipv4' : 'ipv6';
    const max = type === 'ipv4' ? 32 : 128;
    if (prefixText === undefined) {
      list.addAddress(address, type);
      entries.push(address);
      continue;
    }
    if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > max) throw new Error(`"${part}" has an invalid prefix length (0–${max})`);
    list.addSubnet(address, Number(prefixText), type);
    entries.push(`${address}/${Number(prefixText)}`);
  }
  return {
    entries,
    has(candidate: string) {
      const address = normalizeAddress(candidate);
      if (!address) return false;
      return list.check(address, isIP(address) === 4 ? 'ipv4' : 'ipv6');
    },
  };
}

/**
 * The client address for a request that arrived from `socketAddress` with these
 * X-Forwarded-For values (several headers are read in order, as if joined by commas).
 * No socket (in-process requests) means no address: the header alone is never believed.
 */
export function resolveClientAddress(
  socketAddress: string | null | undefined,
  forwardedFor: string | readonly string[] | null | undefined,
  trusted: TrustedProxies,
): string | null {
  const peer = normalizeAddress(socketAddress);
  if (!peer || !trusted.has(peer)) return peer;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : ((forwardedFor as string | null | undefined) ?? ''))
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean);
  let nearest = peer;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = forwardedElement(hops[i]!);
    // A malformed hop was written by a proxy we trust or by the client; either way it names
    // nobody, so the last address we could vouch for is the answer (never a client's pick).
    if (!hop) return nearest;
    if (!trusted.has(hop)) return hop;
    nearest = hop;
  }
  // Every hop is a trusted proxy: the request started inside our own network.
  return nearest;
}

/**
 * The bucket a client address counts against. IPv6 clients are grouped by /64: one
 * subscriber usually holds a whole /64, and per-address buckets would let it rotate freely.
 */
export function rateLimitSubject(address: string | null): string {
  if (!address) return 'unknown';
  if (isIP(address) !== 6) return address;
  const full = expandIpv6(address);
  return `${full.slice(0, 4).join(':')}::/64`;
}

function expandIpv6(address: string): string[] {
  const [head = '', tail] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const fill = tail === undefined ? [] : Array(8 - left.length - right.length).fill('0');
  return [...left, ...fill, ...right].map((g) => g.padStart(4, '0').replace(/^0+(?=.)/, ''));
}
