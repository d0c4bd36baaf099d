import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, memberFactory, startHarness } from './helpers/bot.js';

// Discord's REST sometimes answers 500/502/503 for a while. discord.js retries a 5xx a few times; past
// that the reply is lost, but only that one: the error is logged and the next question is answered.

const MESSAGES = /^POST \/channels\/\d+\/messages$/;
let h: Harness;
let member: ReturnType<typeof memberFactory>;

beforeAll(async () => {
  h = await startHarness({ env: { COOLDOWN_SECONDS: '0' } });
  member = memberFactory(h.fake);
});

afterAll(async () => {
  await h?.close();
});

const failedReplies = (messageId: string) =>
  h.fake.restCalls.filter(
    (c) =>
      MESSAGES.test(`${c.method} ${c.path}`) &&
      c.status >= 500 &&
      (c.body as { message_reference?: { message_id?: string } }).message_reference?.message_id === messageId,
  );

describe('Discord answers 5xx', () => {
  it('a reply that meets two 502s is retried and delivered', async () => {
    h.fake.failNext(MESSAGES, { status: 502, times: 2 });
    const asked = h.fake.sendMessage({ content: 'what is selenium?', mentionsBot: true, author: member() });
    const reply = await h.fake.waitForReplyTo(String(asked.id));
    expect(reply.status).toBe(200);
    expect(failedReplies(String(asked.id))).toHaveLength(2);
  });

  it('a reply that keeps failing is given up and logged; the next question is answered', async () => {
    // An outage that lasts until the test ends it: every reply POST fails while `down` holds.
    let down = true;
    h.fake.failNext((c) => down && MESSAGES.test(`${c.method} ${c.path}`), { status: 500, times: 1_000 });
    const lost = h.fake.sendMessage({ content: 'does selenium help the flu?', mentionsBot: true, author: member() });
    // discord.js gives up after its retries: wait until the failures stop growing, then clear the fault.
    let seen = -1;
    while (failedReplies(String(lost.id)).length !== seen) {
      seen = failedReplies(String(lost.id)).length;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(seen).toBeGreaterThan(1);
    down = false;
    const errors = h.logs.lines.filter((l) => Number(l.level) >= 50);
    expect(errors.length).toBeGreaterThan(0);
    expect(h.logs.text()).not.toContain(h.fake.token);
    const next = h.fake.sendMessage({ content: 'what is selenium?', mentionsBot: true, author: member() });
    await expect(h.fake.waitForReplyTo(String(next.id), 30_000)).resolves.toMatchObject({ status: 200 });
  }, 60_000);
});
