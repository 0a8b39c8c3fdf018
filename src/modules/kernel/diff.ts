/** Field-level change detection for audit rows (jsonb hands objects back with its own key order). */

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

export const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

/** Keys of `patch` whose value differs from `row`'s. */
export function changedKeys<T extends object>(row: T, patch: Partial<T>): (keyof T)[] {
  return (Object.keys(patch) as (keyof T)[]).filter((k) => patch[k] !== undefined && !sameValue(row[k], patch[k]));
}

/** `{ before, after }` restricted to `keys`, for recordAudit. */
export function auditChanges<T extends object>(before: T, after: T, keys: readonly (keyof T)[], extra?: { before: object; after: object }) {
  return {
    before: { ...Object.fromEntries(keys.map((k) => [k, before[k]])), ...extra?.before },
    after: { ...Object.fromEntries(keys.map((k) => [k, after[k]])), ...extra?.after },
  };
}
