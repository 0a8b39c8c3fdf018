/**
 * `?next=` comes from the URL, so anyone can craft it: only same-site paths are followed,
 * never `//host` or `/\host` (browsers treat both as another origin), to avoid an open redirect.
 */
export function safeNextPath(raw: unknown, fallback = '/dashboard'): string {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (typeof value !== 'string' || value.length > 2000) return fallback;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  // Browsers drop tabs and newlines inside URLs, which can turn "/\t/evil" into "//evil".
  for (const ch of value) {
    const code = ch.charCodeAt(0);
    if (code < 0x20 || code === 0x7f || ch === '\\') return fallback;
  }
  return value;
}
