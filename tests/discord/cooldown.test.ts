import { describe, expect, it } from 'vitest';
import { createCooldowns } from '../../src/discord/cooldown.js';

describe('cooldowns', () => {
  it('refuses a second turn inside the window, notifying once, and allows it after', () => {
    let t = 0;
    const c = createCooldowns(3, () => t);
    expect(c.take('u')).toEqual({ ok: true });
    t = 1000;
    expect(c.take('u')).toEqual({ ok: false, retryAfterSeconds: 2, notify: true });
    expect(c.take('u')).toMatchObject({ ok: false, notify: false });
    expect(c.take('other')).toEqual({ ok: true });
    t = 3000;
    expect(c.take('u')).toEqual({ ok: true });
  });

  it('is off with 0 seconds', () => {
    const c = createCooldowns(0, () => 0);
    expect(c.take('u')).toEqual({ ok: true });
    expect(c.take('u')).toEqual({ ok: true });
  });

  it('prunes expired users so the map does not grow without bound', () => {
    let t = 0;
    const c = createCooldowns(1, () => t);
    for (let i = 0; i < 1000; i++) c.take(`u${i}`);
    expect(c.size).toBe(1000);
    t = 5000;
    c.take('late');
    expect(c.size).toBe(1);
  });
});

describe('cooldowns under a flood of distinct members', () => {
  it('never holds more than its cap, forgetting the oldest turns first', () => {
    let t = 0;
    const c = createCooldowns(3600, () => t, 1000);
    for (let i = 0; i < 20_000; i++) {
      t++;
      expect(c.take(`u${i}`)).toEqual({ ok: true });
    }
    expect(c.size).toBe(1000);
    // The most recent members are still on cooldown; the first ones were forgotten.
    expect(c.take('u19999')).toMatchObject({ ok: false });
    expect(c.take('u0')).toEqual({ ok: true });
  });

  it('keeps a refused member on cooldown without moving their turn', () => {
    let t = 0;
    const c = createCooldowns(10, () => t, 3);
    c.take('a');
    t = 1;
    expect(c.take('a')).toMatchObject({ ok: false, notify: true });
    t = 10_000;
    expect(c.take('a')).toEqual({ ok: true });
  });
});
