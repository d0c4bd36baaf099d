import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';

const base = { DISCORD_TOKEN: 'token-for-tests' };
const SECRET = 'a-secret-of-at-least-16-chars';

describe('DATABASE_URL in the configuration', () => {
  it('unset means the SQLite file in DATA_DIR, as before', () => {
    const r = parseConfig(base);
    expect(r.ok && r.config.databaseUrl).toBeUndefined();
  });

  it('postgres:// and postgresql:// select PostgreSQL; the URL is never enumerable', () => {
    for (const url of ['postgres://bot:pw-123@db:5432/selene', 'postgresql://bot:pw-123@db/selene']) {
      const r = parseConfig({ ...base, DATABASE_URL: url, SELENE_HASH_SECRET: SECRET });
      if (!r.ok) throw new Error(r.message);
      expect(r.config.databaseUrl).toBe(url);
      expect(JSON.stringify(r.config)).not.toContain('pw-123');
      expect(Object.keys(r.config)).not.toContain('databaseUrl');
    }
  });

  it('a malformed URL is one line naming the variable, with the password masked', () => {
    const r = parseConfig({ ...base, DATABASE_URL: 'mysql://bot:pw-123@db/selene', SELENE_HASH_SECRET: SECRET });
    expect(r).toEqual({
      ok: false,
      message: 'DATABASE_URL must start with postgres:// or postgresql:// (got "mysql://bot:***@db/selene")',
    });
    const noHost = parseConfig({ ...base, DATABASE_URL: 'postgres://', SELENE_HASH_SECRET: SECRET });
    expect(noHost.ok).toBe(false);
  });

  it('requires the shared hash secret', () => {
    const r = parseConfig({ ...base, DATABASE_URL: 'postgres://bot:pw@db/selene' });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(/^SELENE_HASH_SECRET is required with DATABASE_URL/);
    expect(!r.ok && r.message).not.toContain('pw');
  });
});
