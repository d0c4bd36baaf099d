// The built bot (`npm start`'s dist/) on a PostgreSQL server that hangs: every server process SIGSTOPped, so
// sockets stay open and nothing errors by itself. Members' questions must still be answered at once,
// /healthz must say degraded (200, not dead), votes must say privately they were not saved, and after SIGCONT
// the bot must save again and write the questions asked meanwhile, all without a restart.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePorts } from '../ops/ports.js';
import { countRows, startTestPostgres, type TestPostgres } from '../store/postgres-server.js';
import { type FakeDiscord, startFakeDiscord } from './fake-discord/index.js';
import { body, buttonsOf, KNOWLEDGE_DIR } from './helpers/bot.js';
import { type Spawned, spawnBot } from './helpers/process.js';

const QUESTION = 'what is selenium?';

let server: TestPostgres;
let url: string;
let fake: FakeDiscord;
let dataDir: string;
let bot: Spawned;
let healthUrl: string;

beforeAll(async () => {
  server = await startTestPostgres();
  url = await server.createDatabase('hang');
  dataDir = mkdtempSync(join(tmpdir(), 'selene-pg-hang-'));
  fake = await startFakeDiscord({ timeoutMs: 8_000 });
  const port = await freePorts(1);
  healthUrl = `http://127.0.0.1:${port}/healthz`;
  bot = spawnBot({
    DISCORD_TOKEN: fake.token,
    DISCORD_API_URL: fake.apiUrl,
    KNOWLEDGE_DIR,
    DATA_DIR: dataDir,
    DATABASE_URL: url,
    SELENE_HASH_SECRET: 'hang-e2e-secret-0123456789',
    HEALTH_PORT: String(port),
    COOLDOWN_SECONDS: '0',
    MESSAGE_CONTENT_INTENT: 'true',
    LOG_LEVEL: 'info',
  });
  await bot.waitForStdout('"msg":"ready"', 30_000);
}, 60_000);

afterAll(async () => {
  server?.thaw();
  if (bot && bot.child.exitCode === null && bot.child.signalCode === null) bot.child.kill('SIGKILL');
  await fake?.close();
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}, 30_000);

const healthz = async () => {
  const res = await fetch(healthUrl);
  return { status: res.status, body: (await res.json()) as { degraded?: boolean; checks: Record<string, unknown> } };
};

const until = async <T>(read: () => Promise<T>, accept: (v: T) => boolean, what: string, ms: number): Promise<T> => {
  const deadline = Date.now() + ms;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await read();
    if (accept(last)) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what} never happened; last: ${JSON.stringify(last)}`);
};

const count = (sql: string): Promise<number> => countRows(url, sql);

describe('the bot on a PostgreSQL server that hangs', () => {
  it('answers at once, reports degraded, refuses votes honestly, and recovers after SIGCONT', async () => {
    const guildId = fake.guilds[0]?.id ?? '';
    const asked = await fake.slash({ name: 'ask', options: { question: QUESTION }, guildId });
    const up = buttonsOf(asked.data).find((b) => b.custom_id?.startsWith('sel:vote:u:'))?.custom_id ?? '';
    const click = async (name: string) =>
      body((await fake.clickButton({ customId: up, message: asked.messageId, guildId, user: fake.addUser(name) })).data)
        .content ?? '';
    expect(await click('before')).toMatch(/^Thanks/);

    server.freeze();
    const degraded = await until(healthz, (h) => h.body.degraded === true, '/healthz degraded', 10_000);
    expect(degraded.status).toBe(200);
    expect(degraded.body.checks.database).toMatchObject({ ok: false, degraded: true });

    // Questions do not wait for the database: answered as fast as ever.
    const started = Date.now();
    const mention = fake.sendMessage({ content: `${QUESTION} (while hung)`, mentionsBot: true, guildId });
    expect(await fake.waitForReplyTo(String(mention.id))).toBeTruthy();
    expect(Date.now() - started).toBeLessThan(3000);
    expect(await click('during')).toMatch(/could not be saved/);

    server.thaw();
    await until(healthz, (h) => h.status === 200 && h.body.degraded === undefined, '/healthz healthy', 15_000);
    expect(await click('after')).toMatch(/^Thanks/);
    await until(
      () => count("SELECT COUNT(*)::int AS n FROM questions WHERE text LIKE '%(while hung)'"),
      (n) => n === 1,
      'the question asked while hung written',
      10_000,
    );
    expect(await count('SELECT COUNT(*)::int AS n FROM votes')).toBe(2);
    // Degraded is not an error: nothing at error level, and the process never stopped.
    expect(bot.output()).not.toContain('"level":50');
    expect(bot.child.exitCode).toBeNull();
  }, 90_000);
});
