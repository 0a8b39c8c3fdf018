/**
 * `?next=` comes from the URL, so anyone can craft it: only same-site paths are followed,
 * never `//host` or `/\host` (browsers treat both as another origin), to avoid an open redirect.
 */
export function safeNextPath(raw: unknown, fallback = '/dashboard'): string {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (typeof value !== 'string' || value.length > 2000) return fallback;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  // Browsers drop tabs and newlines inside URLs, which can turn "/\t/evil" into "//evil".
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return fallback;
  return value;
}
