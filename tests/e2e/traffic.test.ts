import { afterEach, describe, expect, it } from 'vitest';
import { notices } from '../../src/discord/render/index.js';
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
