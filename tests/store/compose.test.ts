// compose.yaml cannot be run here (no container engine), so it is read and checked against the app instead:
// the bot reaches the postgres service with the URL the config accepts, waits for its healthcheck, and
// compose refuses to start without the secrets. What this cannot show: that the images build and start.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { parseConfig } from '../../src/config.js';
import { ROOT } from '../e2e/helpers/process.js';

const composeSchema = z.object({
  services: z.record(
    z.string(),
    z.object({
      image: z.string().optional(),
      build: z.unknown().optional(),
      environment: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
      volumes: z.array(z.string()).optional(),
      healthcheck: z.object({ test: z.union([z.string(), z.array(z.string())]) }).optional(),
      depends_on: z.record(z.string(), z.object({ condition: z.string() })).optional(),
      ports: z.array(z.string()).optional(),
    }),
  ),
  volumes: z.record(z.string(), z.unknown()).optional(),
});

const compose = composeSchema.parse(parse(readFileSync(join(ROOT, 'compose.yaml'), 'utf8')));
const service = (name: string) => {
  const s = compose.services[name];
  if (s === undefined) throw new Error(`compose.yaml has no service "${name}"`);
  return s;
};
const env = (name: string) =>
  Object.fromEntries(Object.entries(service(name).environment ?? {}).map(([k, v]) => [k, String(v)]));

/** Compose's interpolation: ${VAR}, ${VAR:-default}, and ${VAR:?message}, which refuses to start when unset. */
const interpolate = (text: string, vars: Record<string, string>): string =>
  text.replace(/\$\{(\w+)(?::([?-])([^}]*))?\}/g, (_, name: string, op: string | undefined, arg: string) => {
    const value = vars[name];
    if (value !== undefined && value !== '') return value;
    if (op === '?') throw new Error(`compose refuses to start: ${name}: ${arg}`);
    return op === '-' ? arg : '';
  });

const DOTENV = {
  // Put into a URL unencoded, so compose.yaml asks for letters, digits, '-' and '_' only.
  POSTGRES_PASSWORD: 'plain-password-123',
  SELENE_HASH_SECRET: 'a-secret-of-at-least-16-chars',
};

describe('compose.yaml', () => {
  const pg = service('postgres');
  const bot = service('selene');

  it('runs the official postgres image, 13 or later, with its data on a named volume', () => {
    const [name, tag] = (pg.image ?? '').split(':');
    expect(name).toBe('postgres');
    expect(Number.parseInt(tag ?? '', 10)).toBeGreaterThanOrEqual(13);
    const data = (pg.volumes ?? [])
      .map((v) => v.split(':'))
      .find(([, target]) => target === '/var/lib/postgresql/data');
    expect(data).toBeDefined();
    expect(Object.keys(compose.volumes ?? {})).toContain(data?.[0]);
  });

  it('has a healthcheck that asks the database the bot uses, and the bot waits for it to pass', () => {
    const test = [pg.healthcheck?.test ?? []].flat().join(' ');
    const { POSTGRES_USER, POSTGRES_DB } = env('postgres');
    expect(test).toContain('pg_isready');
    expect(test).toContain(`-U ${POSTGRES_USER}`);
    expect(test).toContain(`-d ${POSTGRES_DB}`);
    expect(bot.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
  });

  it('gives the bot a DATABASE_URL naming the postgres service, its user, password and database', () => {
    const pgEnv = env('postgres');
    const url = new URL(interpolate(env('selene').DATABASE_URL ?? '', DOTENV));
    expect(url.protocol).toBe('postgres:');
    expect(url.hostname).toBe('postgres');
    expect(Object.keys(compose.services)).toContain(url.hostname);
    expect(url.port).toBe('5432');
    expect(url.pathname).toBe(`/${pgEnv.POSTGRES_DB}`);
    expect(decodeURIComponent(url.username)).toBe(pgEnv.POSTGRES_USER);
    // One password, set once in .env, for the server and the bot.
    expect(env('selene').DATABASE_URL).toMatch(/:\$\{POSTGRES_PASSWORD\}@/);
    expect(pgEnv.POSTGRES_PASSWORD).toMatch(/^\$\{POSTGRES_PASSWORD(?::\?[^}]*)?\}$/);
  });

  it("is accepted by the bot's own configuration, health endpoint reachable through the published port", () => {
    const vars = DOTENV;
    const environment = Object.fromEntries(Object.entries(env('selene')).map(([k, v]) => [k, interpolate(v, vars)]));
    const parsed = parseConfig({ DISCORD_TOKEN: 'token-from-env-file', ...environment });
    expect(parsed.ok ? 'ok' : parsed.message).toBe('ok');
    if (!parsed.ok) return;
    expect(parsed.config.databaseUrl).toBe('postgres://selene:plain-password-123@postgres:5432/selene');
    expect(parsed.config.hashSecret).toBe(vars.SELENE_HASH_SECRET);
    expect(parsed.config.healthHost).toBe('0.0.0.0');
    const published = (bot.ports ?? []).map((p) => p.split(':').at(-1));
    expect(published).toContain(String(parsed.config.healthPort));
  });

  it('refuses to start without SELENE_HASH_SECRET or POSTGRES_PASSWORD', () => {
    const selene = env('selene');
    expect(() => interpolate(selene.SELENE_HASH_SECRET ?? '', {})).toThrow(/SELENE_HASH_SECRET/);
    expect(() => interpolate(env('postgres').POSTGRES_PASSWORD ?? '', {})).toThrow(/POSTGRES_PASSWORD/);
    // The bot itself would refuse too: a DATABASE_URL without a hash secret is a configuration error.
    const withoutSecret = parseConfig({
      DISCORD_TOKEN: 'token-from-env-file',
      DATABASE_URL: interpolate(selene.DATABASE_URL ?? '', DOTENV),
    });
    expect(withoutSecret.ok).toBe(false);
  });
});
