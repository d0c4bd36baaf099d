import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseCheck } from '../../src/ops/health.js';
import { startHealthServer } from '../../src/ops/health-server.js';
import { createMetrics } from '../../src/ops/metrics.js';
import { openBackend, type StoreBackend } from '../../src/store/index.js';
import { recordingLogger, tempDataDir } from './helpers.js';
import { countRows, startTestPostgres, type TestPostgres } from './postgres-server.js';

let server: TestPostgres;
let url: string;
let store: StoreBackend;

beforeAll(async () => {
  server = await startTestPostgres();
  url = await server.createDatabase('hang');
  // The defaults the bot runs with: ping every second, 1.5 s to answer, interactive statements 1.5 s + 0.5 s.
  store = await openBackend({
    databaseUrl: url,
    dataDir: tempDataDir(),
    hashSecret: 'hang-test-secret-0123456789',
    logger: recordingLogger(),
  });
}, 60_000);

afterAll(async () => {
  server?.thaw();
  await store?.close();
  await server?.stop();
}, 30_000);

const until = async (check: () => boolean, what: string, ms: number): Promise<number> => {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return Date.now() - start;
};

const vote = (userId: string, v: 'up' | 'down' = 'up') =>
  store.recordVote({ answerId: 'hang1', userId, guildId: 'g1', entryId: null, vote: v });

const question = (text: string) => ({
  guildId: 'g1',
  text,
  normalised: text,
  answered: true,
  entryId: 'intake',
  confidence: 0.9,
  route: 'entry' as const,
});

const count = (sql: string): Promise<number> => countRows(url, sql);

describe('a PostgreSQL server that hangs', () => {
  it('is noticed, reported degraded, answered around, and recovered from after SIGCONT', async () => {
    expect((await vote('before')).ok).toBe(true);
    expect((await store.updateSettings('g1', { answerChannels: ['c1'] })).ok).toBe(true);
    const health = await startHealthServer({
      port: 0,
      registry: createMetrics({ defaultMetrics: false }).registry,
      checks: () => ({ database: databaseCheck(store) }),
    });
    try {
      server.freeze();
      const frozenAt = Date.now();

      // A vote already on its way when the server froze is answered, not left hanging: the client's own
      // limit (2 s) fires, since a frozen server enforces no statement_timeout.
      const inFlight = await vote('in-flight');
      expect(inFlight).toMatchObject({
        ok: false,
        reason: 'io',
        message: expect.stringMatching(/did not answer in time/),
      });
      expect(Date.now() - frozenAt).toBeLessThan(3000);

      // The ping notices within interval + timeout (2.5 s), plus a moment.
      await until(() => /unreachable, reconnecting/.test(store.health().message ?? ''), 'ping failed', 5000);
      expect(Date.now() - frozenAt).toBeLessThan(5000);
      const res = await fetch(`${health.url}/healthz`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({
        ok: true,
        degraded: true,
        checks: { database: { ok: false, degraded: true, reason: expect.stringMatching(/no answer in time/) } },
      });

      // Everything a question needs goes on: settings from memory, logging without waiting.
      expect(store.getSettings('g1').answerChannels).toEqual(['c1']);
      store.logQuestion(question('asked while frozen'));
      // A vote now fails at once with its reason, instead of waiting for a timeout again.
      const started = Date.now();
      expect(await vote('during')).toMatchObject({ ok: false, reason: 'io' });
      expect(Date.now() - started).toBeLessThan(200);
      expect(await store.updateSettings('g1', { linkCards: false })).toMatchObject({ ok: false, reason: 'io' });

      server.thaw();
      const recovered = await until(() => store.health().writable, 'writable again', 10_000);
      expect(recovered).toBeLessThan(10_000);
      expect(await (await fetch(`${health.url}/healthz`)).json()).toEqual({
        ok: true,
        checks: { database: { ok: true } },
      });
      expect(await vote('after')).toMatchObject({ ok: true, value: { previous: null } });
      expect(await vote('before', 'down')).toMatchObject({ ok: true, value: { previous: 'up' } });
      // The question asked while frozen was kept in the queue and written once the server answered.
      await until(() => store.queueStats().queued === 0, 'queue flushed', 10_000);
      expect(store.queueStats().dropped).toBe(0);
      expect(await count("SELECT COUNT(*)::int AS n FROM questions WHERE text = 'asked while frozen'")).toBe(1);
      // The refused votes were not saved; the in-flight one was rolled back with its connection.
      expect(await count('SELECT COUNT(*)::int AS n FROM votes')).toBe(2);
    } finally {
      await health.close();
    }
  }, 60_000);
});
