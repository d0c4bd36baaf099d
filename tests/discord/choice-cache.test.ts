import { describe, expect, it } from 'vitest';
import { CHOICE_CACHE, createChoiceCache } from '../../src/discord/choice-cache.js';
import type { Engine } from '../../src/engine/types.js';

// Only the engine's identity matters to the cache: a reload brings a new engine.
const engineA = {} as Engine;
const engineB = {} as Engine;

const counting = () => {
  let calls = 0;
  return {
    compute: (typed: string) => () => {
      calls++;
      return [{ name: `${typed}?`, value: `${typed}?` }];
    },
    calls: () => calls,
  };
};

describe('autocomplete choice cache (choice-cache.ts)', () => {
  it('computes what a prefix offers once, and per option', () => {
    const cache = createChoiceCache();
    const c = counting();
    expect(cache.get(engineA, 'ask:question', 'wha', c.compute('wha'))).toEqual([{ name: 'wha?', value: 'wha?' }]);
    expect(cache.get(engineA, 'ask:question', 'wha', c.compute('wha'))).toEqual([{ name: 'wha?', value: 'wha?' }]);
    expect(c.calls()).toBe(1);
    cache.get(engineA, 'food:food', 'wha', c.compute('wha'));
    expect(c.calls()).toBe(2);
  });

  it('starts afresh with a new engine (a knowledge reload)', () => {
    const cache = createChoiceCache();
    const c = counting();
    cache.get(engineA, 'ask:question', 'sel', c.compute('sel'));
    cache.get(engineB, 'ask:question', 'sel', c.compute('sel'));
    expect(c.calls()).toBe(2);
    expect(cache.size).toBe(1);
  });

  it('keeps at most its size, dropping the prefix read longest ago, and never keeps long input', () => {
    const cache = createChoiceCache(2);
    const c = counting();
    cache.get(engineA, 'q', 'a', c.compute('a'));
    cache.get(engineA, 'q', 'b', c.compute('b'));
    cache.get(engineA, 'q', 'a', c.compute('a'));
    cache.get(engineA, 'q', 'c', c.compute('c'));
    expect(c.calls()).toBe(3);
    // 'b' went (read longest ago); 'a' was read again and stayed.
    cache.get(engineA, 'q', 'a', c.compute('a'));
    expect(c.calls()).toBe(3);
    cache.get(engineA, 'q', 'b', c.compute('b'));
    expect(c.calls()).toBe(4);
    const long = 'x'.repeat(CHOICE_CACHE.maxTypedLength + 1);
    cache.get(engineA, 'q', long, c.compute(long));
    cache.get(engineA, 'q', long, c.compute(long));
    expect(c.calls()).toBe(6);
    expect(cache.size).toBe(2);
  });
});
