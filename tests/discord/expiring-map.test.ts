import { describe, expect, it } from 'vitest';
import { createExpiringMap } from '../../src/discord/expiring-map.js';

describe('createExpiringMap', () => {
  it('forgets entries once they expire', () => {
    let t = 0;
    const m = createExpiringMap<number>(10, () => t);
    m.set('a', 1, 100);
    expect(m.get('a')).toBe(1);
    t = 100;
    expect(m.get('a')).toBeUndefined();
    expect(m.size).toBe(0);
  });

  it('drops expired entries from the front as new ones arrive', () => {
    let t = 0;
    const m = createExpiringMap<number>(1_000_000, () => t);
    for (let i = 0; i < 500; i++) m.set(`k${i}`, i, t + 10);
    t = 50;
    m.set('new', 1, t + 10);
    expect(m.size).toBe(1);
  });

  it('never grows past its cap, evicting the oldest', () => {
    const m = createExpiringMap<number>(3, () => 0);
    for (const k of ['a', 'b', 'c', 'd']) m.set(k, 1, 1000);
    expect(m.size).toBe(3);
    expect(m.get('a')).toBeUndefined();
    expect(m.get('d')).toBe(1);
  });

  it('moves a key set again to the back', () => {
    const m = createExpiringMap<number>(2, () => 0);
    m.set('a', 1, 1000);
    m.set('b', 1, 1000);
    m.set('a', 2, 1000);
    m.set('c', 1, 1000);
    expect(m.get('a')).toBe(2);
    expect(m.get('b')).toBeUndefined();
  });

  it('deletes a key, returning its value only while live, and sweeps the expired front', () => {
    let t = 0;
    const m = createExpiringMap<number>(10, () => t);
    m.set('a', 1, 10);
    m.set('b', 2, 20);
    m.set('c', 3, 30);
    expect(m.delete('c')).toBe(3);
    expect(m.delete('c')).toBeUndefined();
    t = 25;
    expect(m.sweep()).toBe(2);
    expect(m.size).toBe(0);
    m.set('d', 4, 30);
    t = 31;
    expect(m.delete('d')).toBeUndefined();
    expect(m.size).toBe(0);
  });

  it('keeps evicting the oldest in order after many keys came and went behind a live one', () => {
    const m = createExpiringMap<number>(3, () => 0);
    m.set('first', 1, 1000);
    // Each set and delete leaves a dead slot behind 'first' in the queue, which is cut and compacted meanwhile.
    for (let i = 0; i < 5_000; i++) {
      m.set(`gone${i}`, i, 1000);
      expect(m.delete(`gone${i}`)).toBe(i);
    }
    m.set('second', 2, 1000);
    m.set('first', 3, 1000);
    m.set('third', 4, 1000);
    expect(m.size).toBe(3);
    m.set('fourth', 5, 1000);
    expect(m.get('second')).toBeUndefined();
    expect([m.get('first'), m.get('third'), m.get('fourth')]).toEqual([3, 4, 5]);
    for (let i = 0; i < 5_000; i++) m.set(`k${i}`, i, 1000);
    expect(m.size).toBe(3);
    expect([m.get('k4997'), m.get('k4998'), m.get('k4999'), m.get('first')]).toEqual([4997, 4998, 4999, undefined]);
  });
});
