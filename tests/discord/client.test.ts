import { type Client, Guild } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient, USER_CACHE_LIMIT } from '../../src/discord/client.js';

// What discord.js keeps of a server as it arrives (GUILD_CREATE): only what Selene uses. A Guild built from a
// gateway payload by the client's own cache settings, without logging in.

let client: Client | undefined;
afterEach(async () => {
  await client?.destroy();
  client = undefined;
});

const guildPayload = {
  id: '100',
  name: 'A server',
  owner_id: '1',
  roles: [
    {
      id: '100',
      name: '@everyone',
      permissions: '0',
      position: 0,
      color: 0,
      hoist: false,
      managed: false,
      mentionable: false,
    },
  ],
  channels: [{ id: '200', type: 0, name: 'general', position: 0, permission_overwrites: [] }],
  emojis: Array.from({ length: 50 }, (_, i) => ({ id: String(300 + i), name: `emoji${i}`, animated: false })),
  stickers: [{ id: '400', name: 'sticker', format_type: 1, type: 2, tags: 'x', available: true }],
  stage_instances: [{ id: '500', guild_id: '100', channel_id: '200', topic: 'talk', privacy_level: 2 }],
  members: [],
};

describe('the client caches', () => {
  it("keep a server's channels and roles, but none of its emojis, stickers or stage instances", () => {
    client = createClient({ apiUrl: 'http://127.0.0.1:1/api' });
    const guild = new (Guild as unknown as new (c: Client, d: unknown) => Guild)(client, guildPayload);
    expect(guild.roles.cache.has('100')).toBe(true);
    expect(guild.channels.cache.has('200')).toBe(true);
    expect(guild.emojis.cache.size).toBe(0);
    expect(guild.stickers.cache.size).toBe(0);
    expect(guild.stageInstances.cache.size).toBe(0);
  });

  it('keep users in a collection bounded by USER_CACHE_LIMIT', () => {
    client = createClient({ apiUrl: 'http://127.0.0.1:1/api' });
    expect((client.users.cache as unknown as { maxSize?: number }).maxSize).toBe(USER_CACHE_LIMIT);
  });
});
