import { afterEach, describe, expect, it } from 'vitest';
import { notices } from '../../src/discord/render/index.js';
import { DEFER_AFTER_MS } from '../../src/discord/respond.js';
import type { RestCall } from './fake-discord/index.js';
import { body, type Harness, memberFactory, startHarness } from './helpers/bot.js';

// What a slow, rate-limited or restarting Discord connection does to replies (issue 10, items 9 and 10).
// Each test starts its own bot: they stop it or hold its REST queue.

let h: Harness | undefined;

afterEach(async () => {
  await h?.close();
  h = undefined;
});

const isCallback = (c: { path: string }) => /^\/interactions\/\d+\/[^/]+\/callback$/.test(c.path);

describe('shutdown', () => {
  it('waits for the "restarting" notice to an /ask that arrives while it drains', async () => {
    h = await startHarness({ env: { COOLDOWN_SECONDS: '0' }, start: { drainTimeoutMs: 8_000 } });
    const fake = h.fake;
    const member = memberFactory(fake);
    const channel = fake.guilds[0]?.channels[0]?.id ?? '';
    // A mention whose reply waits out a 1 s rate limit keeps the drain going...
    fake.rateLimitNext(`POST /channels/${channel}/messages`, { retryAfter: 1 });
    const from = fake.restCalls.length;
    fake.sendMessage({ content: 'what is selenium?', mentionsBot: true, author: member() });
    await fake.waitForRest((c) => c.status === 429, 5_000, from);
    const stopped = h.bot.stop();
    // ...and an /ask arriving meanwhile gets the notice, whose callback waits out 1.5 s: it ends after the
    // mention's reply, so a drain that only waits for what was in flight when it began would not wait for it.
    fake.rateLimitNext(isCallback, { retryAfter: 1.5 });
    const asked = fake.slash({ name: 'ask', options: { question: 'what is selenium?' }, user: member() });
    await stopped;
    const delivered = fake.restCalls.filter((c: RestCall) => isCallback(c) && c.status === 204);
    expect(delivered).toHaveLength(1);
    expect(body((await asked).data).content).toBe(notices.shuttingDown().content);
  });
});

describe('interactions under a global 429', () => {
  it('defers an interaction whose reply is stuck behind a several-second 429, then edits in the reply', async () => {
    // Like Discord, the fake drops interactions that get no callback within 3 s.
    h = await startHarness({ env: { COOLDOWN_SECONDS: '0' }, fake: { interactionTimeoutMs: 3_000 } });
    const fake = h.fake;
    fake.rateLimitNext(isCallback, { global: true, retryAfter: 5 });
    const o = await fake.slash({ name: 'food', options: { food: 'brazil nuts' }, user: memberFactory(fake)() });
    expect(o.type).toBe(5);
    expect(o.latencyMs).toBeLessThan(3_000);
    const shown = body(await o.finalReply());
    expect(shown.embeds?.[0]?.title).toMatch(/brazil nuts/i);
    // The reply given up on was not sent again after its 429.
    const callbacks = fake.restCalls.filter((c) => isCallback(c) && c.path.includes(String(o.interaction.id)));
    expect(callbacks.map((c) => c.status)).toEqual([429, 204]);
    expect(h.logs.lines.filter((l) => Number(l.level) >= 50)).toEqual([]);
  });

  it('defers a button update the same way (the /topics pages)', async () => {
    h = await startHarness({ env: { COOLDOWN_SECONDS: '0' }, fake: { interactionTimeoutMs: 3_000 } });
    const fake = h.fake;
    const first = await fake.slash({ name: 'topics', user: fake.tester });
    fake.rateLimitNext(isCallback, { global: true, retryAfter: 5 });
    const next = body(first.data).components?.[0]?.components[1]?.custom_id ?? '';
    const o = await fake.clickButton({ customId: next, message: first.messageId ?? '' });
    expect(o.type).toBe(6);
    const edited = await fake.waitForRest((c) => c.method === 'PATCH' && c.path.endsWith('/messages/@original'));
    expect(edited.body).toMatchObject({ embeds: [{ footer: { text: expect.stringMatching(/Page 2/) } }] });
  });

  it('answers at once when the 429 was on other routes: interaction callbacks are not held by it', async () => {
    h = await startHarness({ env: { COOLDOWN_SECONDS: '0' }, fake: { interactionTimeoutMs: 3_000 } });
    const fake = h.fake;
    const member = memberFactory(fake);
    const channel = fake.guilds[0]?.channels[0]?.id ?? '';
    fake.rateLimitNext(`POST /channels/${channel}/messages`, { global: true, retryAfter: 5 });
    const from = fake.restCalls.length;
    fake.sendMessage({ content: 'what is selenium?', mentionsBot: true, author: member() });
    await fake.waitForRest((c) => c.status === 429, 5_000, from);
    const o = await fake.slash({ name: 'food', options: { food: 'tuna' }, user: member() });
    expect(o.type).toBe(4);
    expect(o.latencyMs).toBeLessThan(DEFER_AFTER_MS);
  });
});
