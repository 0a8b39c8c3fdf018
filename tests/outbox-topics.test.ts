import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { outboxTopics } from '@/modules/notifications';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

describe('outbox topics', () => {
  it('every topic a module enqueues has a delivery handler', () => {
    const enqueued = new Set<string>();
    for (const file of sources(path.resolve(import.meta.dirname, '../src/modules'))) {
      for (const match of readFileSync(file, 'utf8').matchAll(/topic: '([a-z_.]+)'/g)) enqueued.add(match[1]!);
    }
    expect(enqueued.size).toBeGreaterThanOrEqual(4);
    expect([...enqueued].filter((t) => !(t in outboxTopics))).toEqual([]);
  });
});
