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
