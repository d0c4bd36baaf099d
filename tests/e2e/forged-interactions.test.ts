import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notices } from '../../src/discord/render/index.js';
import { createEngine } from '../../src/engine/index.js';
import type { Engine } from '../../src/engine/types.js';
import { createMetrics, type Metrics } from '../../src/ops/metrics.js';
import { body, type Harness, isEphemeral, memberFactory, startHarness } from './helpers/bot.js';

// Interactions a member (or a script with a user token) can forge: custom ids and command names Selene never
// made. Each must get the ordinary short reply, log no error, and leave /metrics the same size.

let h: Harness;
let metrics: Metrics;
let member: () => ReturnType<Harness['fake']['addUser']>;
/** The longest text any engine call received since the last reset: forged values must never get there. */
let longestEngineInput = 0;

/** The real engine, recording the length of every string it is given. */
function measuredEngine(real: Engine): Engine {
  return new Proxy(real, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        for (const a of args) if (typeof a === 'string') longestEngineInput = Math.max(longestEngineInput, a.length);
        return value.apply(target, args);
      };
    },
  });
}

beforeAll(async () => {
  metrics = createMetrics({ defaultMetrics: false });
  h = await startHarness({
    env: { COOLDOWN_SECONDS: '0' },
    start: { metrics, engineFactory: (kb) => measuredEngine(createEngine(kb)) },
  });
  member = memberFactory(h.fake);
});

afterAll(async () => {
  await h?.close();
});

const errorsLogged = () => h.logs.lines.filter((l) => Number(l.level) >= 50);

describe('forged button custom ids', () => {
  it.each(['sel:constructor:x', 'sel:__proto__:x', 'sel:hasOwnProperty:x', 'sel:toString:x', 'sel:valueOf'])(
    '%s gets the "button no longer works" reply and logs no error',
    async (customId) => {
      const before = errorsLogged().length;
      const o = await h.fake.clickButton({ customId, user: member() });
      expect(o.type).toBe(4);
      expect(body(o.data).content).toBe(notices.expiredButton().content);
      expect(isEphemeral(body(o.data))).toBe(true);
      expect(errorsLogged().slice(before)).toEqual([]);
    },
  );
});

describe('metric labels', () => {
  it('labels forged button kinds and made-up command names "unknown", so /metrics does not grow with them', async () => {
    // Known traffic first, so every known series exists before the size is taken.
    await h.fake.clickButton({ customId: 'sel:forged-0:x', user: member() });
    await h.fake.slash({ name: 'made-up-0', user: member() });
    await h.fake.slash({ name: 'help', user: member() });
    // The latency is observed once the handler's promise settles, just after the fake saw the reply.
    await expect
      .poll(() => metrics.registry.metrics())
      .toSatisfy((t: string) =>
        ['command="unknown"', 'command="button:unknown"', 'command="help"'].every((l) => t.includes(l)),
      );
    const seriesBefore = (await metrics.registry.metrics()).split('\n').length;

    for (let i = 1; i <= 30; i++) await h.fake.clickButton({ customId: `sel:forged-${i}:x`, user: member() });
    for (let i = 1; i <= 10; i++) {
      const o = await h.fake.slash({ name: `made-up-${i}`, user: member() });
      expect(body(o.data).content).toMatch(/unknown command/i);
    }

    const text = await metrics.registry.metrics();
    expect(text).not.toMatch(/forged-\d+/);
    expect(text).not.toMatch(/made-up-\d+/);
    expect(text).toContain('command="button:unknown"');
    expect(text).toContain('command="unknown"');
    expect(text).toContain('command="help"');
    // Same series as before the 40 forged interactions: only counts and sums changed.
    expect(text.split('\n').length).toBe(seriesBefore);
  });
});

describe('member text echoed back', () => {
  it('shows mentions, channel links and masked links typed into /food compare as plain text', async () => {
    const hostile =
      '@everyone <@123456789012345678> <@&234567890123456789> <#345678901234567890> [x](https://e.example)';
    const o = await h.fake.slash({ name: 'food', options: { food: 'tuna', compare: hostile }, user: member() });
    const shown = body(await o.finalReply());
    expect(shown.content).toContain('＠everyone');
    expect(shown.content).not.toMatch(/@everyone|<@\d+>|<@&\d+>|<#\d+>|(?<!\\)\[x\]\(/);
    expect(shown.allowed_mentions?.parse).toEqual([]);
  });
});

describe("option values outside Discord's limits", () => {
  const long = 'brazil nuts '.repeat(334);

  it.each([
    ['/food compare', 'food', { food: 'tuna', compare: long }, /`compare` can be at most 100 characters/],
    ['/food food', 'food', { food: long }, /`food` can be at most 100 characters/],
    ['/ask question', 'ask', { question: long }, /`question` can be at most 500 characters/],
    ['/article section', 'article', { section: long }, /`section` can be at most 100 characters/],
    ['/food servings', 'food', { food: 'tuna', servings: 1e9 }, /`servings` must be a number from 0.25 to 20/],
  ])('a forged %s is refused with a short reply before the engine sees it', async (_what, name, options, reason) => {
    longestEngineInput = 0;
    const o = await h.fake.slash({ name, options, user: member() });
    expect(o.type).toBe(4);
    expect(body(o.data).content).toMatch(reason);
    expect(isEphemeral(body(o.data))).toBe(true);
    expect(longestEngineInput).toBe(0);
  });

  it('answers a forged 4,000-character autocomplete with no choices, without searching', async () => {
    longestEngineInput = 0;
    const o = await h.fake.autocomplete({ name: 'food', options: { food: long }, focused: 'food', user: member() });
    expect(o.type).toBe(8);
    expect(o.data).toEqual({ choices: [] });
    expect(longestEngineInput).toBe(0);
  });

  it('still answers values inside the limits', async () => {
    const o = await h.fake.slash({ name: 'food', options: { food: 'tuna', compare: 'brazil nuts' }, user: member() });
    expect(body(await o.finalReply()).content).toMatch(/brazil nuts/i);
    expect(longestEngineInput).toBeGreaterThan(0);
  });
});
