import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NO_TOKEN_HINT, parseConfig, readEnv } from '../src/config.js';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.secret.token-value';

describe('parseConfig', () => {
  it('applies defaults with only a token', () => {
    const r = parseConfig({ DISCORD_TOKEN: TOKEN });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.config.token).toBe(TOKEN);
    expect(r.config).toMatchObject({
      apiUrl: 'https://discord.com/api',
      logLevel: 'info',
      logFormat: 'json',
      dataDir: './data',
      knowledgeDir: './knowledge',
      cooldownSeconds: 3,
      healthHost: '127.0.0.1',
      shardCount: 'auto',
    });
    expect(r.config.healthPort).toBeUndefined();
  });

  it('never exposes the token when the config is serialised or spread', () => {
    const r = parseConfig({ DISCORD_TOKEN: TOKEN });
    if (!r.ok) throw new Error(r.message);
    expect(JSON.stringify(r.config)).not.toContain(TOKEN);
    expect(JSON.stringify({ ...r.config })).not.toContain(TOKEN);
    expect(Object.keys(r.config)).not.toContain('token');
  });

  it('names the missing token and points to the CLI chat', () => {
    const r = parseConfig({});
    expect(r).toEqual({ ok: false, message: expect.stringContaining('DISCORD_TOKEN') });
    if (!r.ok) expect(r.message).toContain(NO_TOKEN_HINT);
  });

  it('treats a blank token as missing', () => {
    const r = parseConfig({ DISCORD_TOKEN: '   ' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/^DISCORD_TOKEN/);
  });

  it.each([
    ['COOLDOWN_SECONDS', 'abc'],
    ['COOLDOWN_SECONDS', '-1'],
    ['DISCORD_API_URL', 'not a url'],
    ['DISCORD_API_URL', 'ftp://example.com'],
    ['LOG_LEVEL', 'loud'],
    ['LOG_FORMAT', 'xml'],
    ['DEV_GUILD_ID', '12ab'],
    ['DISCORD_CLIENT_ID', '42'],
    ['HEALTH_PORT', '70000'],
    ['SHARD_COUNT', '0'],
    ['SHARD_LIST', '0,a'],
  ])('rejects malformed %s=%j with one line naming it', (name, value) => {
    const r = parseConfig({ DISCORD_TOKEN: TOKEN, [name]: value });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.message.startsWith(name)).toBe(true);
    expect(r.message).not.toContain('\n');
    expect(r.message).not.toContain(TOKEN);
  });

  it('parses the optional values', () => {
    const r = parseConfig({
      DISCORD_TOKEN: TOKEN,
      DISCORD_CLIENT_ID: '123456789012345678',
      DEV_GUILD_ID: '223456789012345678',
      DISCORD_API_URL: 'http://127.0.0.1:5000/api/',
      COOLDOWN_SECONDS: '0',
      HEALTH_PORT: '9100',
      SHARD_COUNT: '4',
      SHARD_LIST: '0, 2',
      LOG_FORMAT: 'pretty',
    });
    if (!r.ok) throw new Error(r.message);
    expect(r.config).toMatchObject({
      clientId: '123456789012345678',
      devGuildId: '223456789012345678',
      apiUrl: 'http://127.0.0.1:5000/api',
      cooldownSeconds: 0,
      healthPort: 9100,
      shardCount: 4,
      shardList: [0, 2],
      logFormat: 'pretty',
    });
  });

  it("reads the shard ids discord.js's ShardingManager gives a shard process", () => {
    const one = parseConfig({ DISCORD_TOKEN: TOKEN, SHARDS: '2', SHARD_COUNT: '4' });
    const many = parseConfig({ DISCORD_TOKEN: TOKEN, SHARDS: '[0, 1]' });
    const none = parseConfig({ DISCORD_TOKEN: TOKEN });
    if (!one.ok || !many.ok || !none.ok) throw new Error('expected valid configs');
    expect(one.config.shardIds).toEqual([2]);
    expect(one.config.shardCount).toBe(4);
    expect(many.config.shardIds).toEqual([0, 1]);
    expect(none.config.shardIds).toBeUndefined();
    const bad = parseConfig({ DISCORD_TOKEN: TOKEN, SHARDS: 'zero' });
    expect(bad).toMatchObject({ ok: false, message: expect.stringContaining('SHARDS') });
  });

  it('falls back to defaults for blank optional values', () => {
    const r = parseConfig({ DISCORD_TOKEN: TOKEN, COOLDOWN_SECONDS: '', DEV_GUILD_ID: ' ' });
    if (!r.ok) throw new Error(r.message);
    expect(r.config.cooldownSeconds).toBe(3);
    expect(r.config.devGuildId).toBeUndefined();
  });
});

describe('readEnv', () => {
  it('reads .env and lets the real environment win', () => {
    const dir = mkdtempSync(join(tmpdir(), 'selene-env-'));
    const file = join(dir, '.env');
    writeFileSync(file, 'SELENE_TEST_FROM_FILE=file\nPATH=from-file\n');
    const env = readEnv(file);
    expect(env.SELENE_TEST_FROM_FILE).toBe('file');
    expect(env.PATH).toBe(process.env.PATH);
  });

  it('works without a .env file', () => {
    expect(readEnv(join(tmpdir(), 'does-not-exist', '.env')).PATH).toBe(process.env.PATH);
  });
});
