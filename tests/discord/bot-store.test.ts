import { describe, expect, it } from 'vitest';
import { settingsPerTick } from '../../src/discord/bot-store.js';
import { DEFAULT_SETTINGS, type GuildSettings } from '../../src/store/index.js';

/** A settings source that counts its reads and can be changed, as another shard would change the file. */
function source() {
  const stored = new Map<string, GuildSettings>();
  let reads = 0;
  return {
    read: (guildId: string): GuildSettings => {
      reads++;
      return structuredClone(stored.get(guildId) ?? DEFAULT_SETTINGS);
    },
    set: (guildId: string, s: Partial<GuildSettings>) => stored.set(guildId, { ...DEFAULT_SETTINGS, ...s }),
    reads: () => reads,
  };
}

describe('server settings read once per tick (bot-store.ts)', () => {
  it('reads each guild once within one synchronous stretch of work', () => {
    const db = source();
    const settings = settingsPerTick(db.read);
    db.set('g1', { cooldownSeconds: 7 });
    expect(settings.get('g1').cooldownSeconds).toBe(7);
    expect(settings.get('g1').threads).toBe(DEFAULT_SETTINGS.threads);
    settings.get('g2');
    expect(db.reads()).toBe(2);
  });

  it('reads afresh in the next tick, so a change made elsewhere is seen by the next event', async () => {
    const db = source();
    const settings = settingsPerTick(db.read);
    expect(settings.get('g1').cooldownSeconds).toBe(DEFAULT_SETTINGS.cooldownSeconds);
    db.set('g1', { cooldownSeconds: 30 });
    await Promise.resolve();
    expect(settings.get('g1').cooldownSeconds).toBe(30);
    expect(db.reads()).toBe(2);
  });

  it('forgets what it read when told (a change made through this store)', () => {
    const db = source();
    const settings = settingsPerTick(db.read);
    settings.get('g1');
    db.set('g1', { linkCards: !DEFAULT_SETTINGS.linkCards });
    settings.forget();
    expect(settings.get('g1').linkCards).toBe(!DEFAULT_SETTINGS.linkCards);
  });
});
