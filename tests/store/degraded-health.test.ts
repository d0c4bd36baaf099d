// /healthz with a degraded database: failing, named, yet 200, so an orchestrator does not restart every
// host because the shared database is away while the bots keep answering.
import { describe, expect, it } from 'vitest';
import { databaseCheck } from '../../src/ops/health.js';
import { startHealthServer } from '../../src/ops/health-server.js';
import { createMetrics } from '../../src/ops/metrics.js';

describe('a degraded database in /healthz', () => {
  it('is reported with its reason while the endpoint stays 200; a dead check still fails it', async () => {
    let health: { writable: boolean; reason?: string; message?: string; degraded?: boolean } = {
      writable: false,
      reason: 'io',
      message: 'PostgreSQL unreachable, reconnecting',
      degraded: true,
    };
    let gateway = { ok: true };
    const server = await startHealthServer({
      port: 0,
      registry: createMetrics({ defaultMetrics: false }).registry,
      checks: () => ({ gateway, database: databaseCheck({ health: () => health }) }),
    });
    try {
      const get = async () => {
        const res = await fetch(`${server.url}/healthz`);
        return { status: res.status, body: await res.json() };
      };
      expect(await get()).toEqual({
        status: 200,
        body: {
          ok: true,
          degraded: true,
          checks: {
            gateway: { ok: true },
            database: {
              ok: false,
              degraded: true,
              reason: 'database not writable: io: PostgreSQL unreachable, reconnecting',
            },
          },
        },
      });
      gateway = { ok: false };
      expect((await get()).status).toBe(503);
      gateway = { ok: true };
      health = { writable: false, reason: 'readonly', message: 'read-only file' };
      expect((await get()).status).toBe(503);
      health = { writable: true };
      expect(await get()).toEqual({
        status: 200,
        body: { ok: true, checks: { gateway: { ok: true }, database: { ok: true } } },
      });
    } finally {
      await server.close();
    }
  });
});
