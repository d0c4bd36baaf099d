import { ChannelType } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { USER_CACHE_LIMIT } from '../../src/discord/client.js';
import { type Harness, memberFactory, startHarness } from './helpers/bot.js';

// A flood of distinct DM senders must not grow discord.js's caches for good (issue: ~0.6 KB per sender kept
// forever): DM channels are forgotten once handled, and users are kept in a bounded collection.

let h: Harness;
let member: ReturnType<typeof memberFactory>;

beforeAll(async () => {
  h = await startHarness({ env: { COOLDOWN_SECONDS: '0' } });
  member = memberFactory(h.fake);
});

afterAll(async () => {
  await h?.close();
});

describe('discord.js caches under many DM senders', () => {
  it('keeps no DM channel after answering, and a user cache with a cap', async () => {
    const senders = Array.from({ length: 30 }, () => member());
    const asked = senders.map((author) => h.fake.sendMessage({ content: 'what is selenium?', guildId: null, author }));
    for (const m of asked) await h.fake.waitForReplyTo(String(m.id));
    // Handlers finish just after their reply is sent: give the last ones a moment.
    await new Promise((r) => setTimeout(r, 200));
    const dms = h.bot.client.channels.cache.filter((c) => c.type === ChannelType.DM);
    expect(dms.size).toBe(0);
    expect((h.bot.client.users.cache as unknown as { maxSize?: number }).maxSize).toBe(USER_CACHE_LIMIT);
    // A sender whose DM channel was forgotten still gets answers.
    const again = h.fake.sendMessage({ content: 'does selenium help the flu?', guildId: null, author: senders[0] });
    await expect(h.fake.waitForReplyTo(String(again.id))).resolves.toMatchObject({ status: 200 });
  });
});
