import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createStringIndex, hash32, hashedSet } from '../../src/engine/compact.js';

describe('hashedSet', () => {
  it('never says no for a string it holds', () => {
    fc.assert(
      fc.property(fc.array(fc.string()), (strings) => {
        const set = hashedSet(strings);
        return strings.every((s) => set.mayHave(s));
      }),
    );
  });

  it('mostly says no for strings it does not hold', () => {
    const set = hashedSet(Array.from({ length: 5000 }, (_, i) => `word${i}`));
    const wrong = Array.from({ length: 5000 }, (_, i) => `other${i}`).filter((s) => set.mayHave(s));
    expect(wrong.length).toBeLessThan(5);
  });

  it('keeps one entry per distinct hash', () => {
    expect(hashedSet(['a', 'b', 'a', 'a']).size).toBe(2);
    expect(hashedSet([]).mayHave('')).toBe(false);
  });
});

describe('createStringIndex', () => {
  it('finds the first and last position of a key, as Maps keeping the first or last entry would', () => {
    const key = fc.constantFrom('', 'a', 'b', 'ab', 'ba', 'salmon', 'tuna', 'Tuna');
    fc.assert(
      fc.property(fc.array(key, { maxLength: 40 }), key, (keys, probe) => {
        const index = createStringIndex(keys.length, (i) => keys[i] as string);
        const first = new Map<string, number>();
        keys.forEach((k, i) => {
          if (!first.has(k)) first.set(k, i);
        });
        const last = new Map(keys.map((k, i) => [k, i]));
        return index.first(probe) === first.get(probe) && index.last(probe) === last.get(probe);
      }),
    );
  });

  it('tells apart keys that share a hash', () => {
    // Two different strings with one FNV-1a hash, found by trying (the birthday bound makes it quick).
    const seen = new Map<number, string>();
    let pair: [string, string] | null = null;
    for (let i = 0; !pair; i++) {
      const s = `k${i}`;
      const other = seen.get(hash32(s));
      if (other !== undefined) pair = [other, s];
      else seen.set(hash32(s), s);
    }
    const [a, b] = pair;
    expect(hash32(a)).toBe(hash32(b));
    const keys = [b, a, b];
    const index = createStringIndex(keys.length, (i) => keys[i] as string);
    expect([index.first(a), index.last(a), index.first(b), index.last(b)]).toEqual([1, 1, 0, 2]);
    expect(hashedSet([a]).mayHave(b)).toBe(true);
  });
});
