/**
 * Ids are TypeIDs over UUIDv7 (src/lib/ids.ts writes them itself): typeid-js reads them back,
 * the UUID inside has version 7, the RFC's variant and the clock's millisecond, and ids made
 * one after another sort in the order they were made, within one millisecond too and when the
 * clock steps back. In the isolated project (vitest.config.ts): the id clock never runs
 * backwards, so another file's fake future date would leave it ahead.
 */
import { TypeID } from 'typeid-js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isId, newId } from '@/lib/ids';

function uuidOf(id: string): string {
  return TypeID.fromString(id).toUUID().replaceAll('-', '');
}

afterEach(() => {
  vi.useRealTimers();
});

describe('newId', () => {
  it('makes a TypeID with the kind prefix over a version-7 UUID carrying the clock', () => {
    const before = Date.now();
    const id = newId('booking');
    const after = Date.now();
    expect(isId('booking', id)).toBe(true);
    expect(TypeID.fromString(id).getType()).toBe('bkg');
    const hex = uuidOf(id);
    expect(hex[12]).toBe('7'); // version
    expect(['8', '9', 'a', 'b']).toContain(hex[16]); // variant 10
    const ms = parseInt(hex.slice(0, 12), 16);
    expect(ms).toBeGreaterThanOrEqual(before);
    expect(ms).toBeLessThanOrEqual(after + 1);
  });

  it('sorts ids in the order they were made and never repeats one (100,000 in a row)', () => {
    const ids = Array.from({ length: 100_000 }, () => newId('audit'));
    expect(new Set(ids).size).toBe(ids.length);
    for (let i = 1; i < ids.length; i++) {
      if (!(ids[i - 1]! < ids[i]!)) throw new Error(`${ids[i - 1]} made before ${ids[i]} sorts after it`);
    }
    // The suffix part spans all 32 letters of the alphabet (the random tail is really random).
    const letters = new Set(ids.flatMap((id) => [...id.slice(-6)]));
    expect(letters.size).toBe(32);
  });

  it('keeps the order within one millisecond and when the clock steps back', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const now = Date.now();
    vi.setSystemTime(now);
    const sameMs = Array.from({ length: 5_000 }, () => newId('order'));
    vi.setSystemTime(now - 60_000);
    const afterStepBack = Array.from({ length: 100 }, () => newId('order'));
    const all = [...sameMs, ...afterStepBack];
    for (let i = 1; i < all.length; i++) expect(all[i - 1]! < all[i]!).toBe(true);
    // Every one of them still reads as a valid UUIDv7 at (or just after) the frozen millisecond.
    for (const id of [all[0]!, all.at(-1)!]) {
      const ms = parseInt(uuidOf(id).slice(0, 12), 16);
      expect(ms).toBeGreaterThanOrEqual(now);
      expect(ms).toBeLessThanOrEqual(now + 1);
    }
  });
});
