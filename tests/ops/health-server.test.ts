import { afterEach, describe, expect, it } from 'vitest';
import { type HealthCheck, type HealthServer, startHealthServer } from '../../src/ops/health-server.js';
import { createMetrics } from '../../src/ops/metrics.js';

describe('health and metrics endpoint', () => {
  let server: HealthServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('binds to loopback by default and reports 200 when every check passes', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    server = await startHealthServer({
      port: 0,
      registry: metrics.registry,
      checks: () => ({ gateway: { ok: true } }),
    });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, checks: { gateway: { ok: true } } });
  });

  it('reports 503 with the failing reasons', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    let database: HealthCheck = { ok: true };
    server = await startHealthServer({
      port: 0,
      registry: metrics.registry,
      checks: () => ({ gateway: { ok: true }, database }),
    });
    database = { ok: false, reason: 'database is read-only' };
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(503);
    const body = (await res.json()) as { ok: boolean; checks: Record<string, HealthCheck> };
    expect(body.ok).toBe(false);
    expect(body.checks.database).toEqual({ ok: false, reason: 'database is read-only' });
  });

  it('serves Prometheus metrics that reflect what was counted', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    metrics.questions.inc({ command: 'ask', route: 'entry', outcome: 'answered' }, 3);
    metrics.answerLatency.observe({ command: 'ask' }, 0.02);
    server = await startHealthServer({ port: 0, registry: metrics.registry, checks: () => ({}) });
    const res = await fetch(`${server.url}/metrics`);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toContain('selene_questions_total{command="ask",route="entry",outcome="answered"} 3');
    expect(text).toMatch(/selene_answer_seconds_bucket\{le="0\.025",command="ask"\} 1/);
  });

  it('keeps two registries apart so shards in one process do not collide', async () => {
    // Registering the same metric names twice in one registry would throw here.
    const a = createMetrics({ defaultMetrics: true });
    const b = createMetrics({ defaultMetrics: true });
    a.errors.inc({ where: 'x' });
    expect(await a.registry.getSingleMetricAsString('selene_errors_total')).toContain('where="x"} 1');
    expect(await b.registry.getSingleMetricAsString('selene_errors_total')).not.toContain('where="x"');
  });

  it('answers 404 for unknown paths and 405 for writes', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    server = await startHealthServer({ port: 0, registry: metrics.registry, checks: () => ({}) });
    expect((await fetch(`${server.url}/nope`)).status).toBe(404);
    expect((await fetch(`${server.url}/healthz`, { method: 'POST' })).status).toBe(405);
  });
});
