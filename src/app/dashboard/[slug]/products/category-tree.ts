/** A category as a select shows it: tree order (each right after its parent), depth for the indent. */
export interface CategoryOption {
  id: string;
  name: string;
  depth: number;
}

export function treeOrder<C extends { id: string; parentId: string | null; name: string; position: number }>(all: C[]): Array<C & { depth: number }> {
  const children = new Map<string | null, C[]>();
  const ids = new Set(all.map((c) => c.id));
  for (const c of all) {
    const parent = c.parentId && ids.has(c.parentId) ? c.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), c]);
  }
  const out: Array<C & { depth: number }> = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, depth: number) => {
    const list = [...(children.get(parent) ?? [])].sort((a, b) => a.position - b.position || a.name.localeCompare(b.name));
    for (const c of list) {
      if (seen.has(c.id)) continue;
      seen.add(c.id);
      out.push({ ...c, depth });
      walk(c.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}
