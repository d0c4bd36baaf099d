import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePorts } from '../ops/ports.js';
import { type FakeDiscord, startFakeDiscord } from './fake-discord/index.js';
import { type Spawned, spawnBot } from './helpers/process.js';

// `npm start` with HEALTH_PORT, as a real process: /healthz through startup, readiness and a lost gateway,
// and /metrics after real answers. REST goes through a small proxy (as DISCORD_API_URL allows in
// production) that can hold GET /gateway/bot, so "before ready" is a state the test controls, not a race.

const KNOWLEDGE_DIR = resolve(import.meta.dirname, '../../knowledge');

interface HoldingProxy {
  url: string;
  /** Lets the held GET /gateway/bot (and any later one) through. */
  release(): void;
  held: Promise<void>;
  close(): Promise<void>;
}

async function startHoldingProxy(target: string): Promise<HoldingProxy> {
  const upstream = new URL(target);
  let release = () => {};
  const released = new Promise<void>((done) => {
    release = done;
  });
  let sawHold = () => {};
  const held = new Promise<void>((done) => {
    sawHold = done;
  });
  const server: Server = createServer((req, res) => {
    const forward = () => {
      const out = request(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      out.on('error', () => res.destroy());
      req.pipe(out);
    };
    if (req.url?.includes('/gateway/bot')) {
      sawHold();
      void released.then(forward);
    } else forward();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api`,
    release,
    held,
    close: () => {
      server.closeAllConnections();
      return new Promise((done) => server.close(() => done()));
    },
  };
}

interface Health {
  ok: boolean;
  checks: Record<string, { ok: boolean; reason?: string }>;
}

async function healthz(base: string): Promise<{ status: number; body: Health }> {
  const res = await fetch(`${base}/healthz`);
  return { status: res.status, body: (await res.json()) as Health };
}

/** Polls until `accept` holds: the state changes asynchronously (login, heartbeats, reconnects). */
async function until<T>(read: () => Promise<T>, accept: (value: T) => boolean, what: string, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  let last: T | undefined;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      last = await read();
      if (accept(last)) return last;
    } catch (err) {
      lastError = err;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what} never happened; last: ${JSON.stringify(last)} ${String(lastError ?? '')}`);
}

const metricLine = (text: string, prefix: string) => text.split('\n').find((l) => l.startsWith(prefix));

let fake: FakeDiscord;
let proxy: HoldingProxy;
let bot: Spawned;
let base: string;

beforeAll(async () => {
  // Heartbeats every 100 ms, so the ping gauge has a measurement within the test.
  fake = await startFakeDiscord({ heartbeatIntervalMs: 100, timeoutMs: 10_000 });
  proxy = await startHoldingProxy(fake.apiUrl);
  const port = await freePorts(1);
  base = `http://127.0.0.1:${port}`;
  bot = spawnBot({
    DISCORD_TOKEN: fake.token,
    DISCORD_API_URL: proxy.url,
    KNOWLEDGE_DIR,
    LOG_LEVEL: 'info',
    COOLDOWN_SECONDS: '0',
    HEALTH_PORT: String(port),
  });
  await bot.waitForStdout('health and metrics endpoint listening');
});

afterAll(async () => {
  if (bot && bot.child.exitCode === null && bot.child.signalCode === null) {
    bot.child.kill('SIGTERM');
    const timer = setTimeout(() => bot.child.kill('SIGKILL'), 5_000);
    await bot.exit;
    clearTimeout(timer);
  }
  proxy?.release();
  await proxy?.close();
  await fake?.close();
});

describe('health and metrics of a running bot (HEALTH_PORT)', () => {
  it('answers 503 with reasons while the bot is still connecting', async () => {
    await proxy.held;
    const { status, body } = await healthz(base);
    expect(status).toBe(503);
    expect(body.ok).toBe(false);
    expect(body.checks.gateway?.ok).toBe(false);
    expect(body.checks.gateway?.reason).toMatch(/still starting/);
    expect(body.checks.knowledge?.ok).toBe(false);
    // The database opens before login, so it is already reported while the gateway connects.
    expect(body.checks.database).toEqual({ ok: true });
  });

  it('answers 200 once connected and ready', async () => {
    proxy.release();
    // The process reports healthy once startBot has finished (logged in, ready, commands synced).
    const { body } = await until(
      () => healthz(base),
      (h) => h.status === 200,
      '/healthz turning 200',
    );
    expect(body).toEqual({
      ok: true,
      checks: { gateway: { ok: true }, knowledge: { ok: true }, database: { ok: true } },
    });
  });

  it('counts answered questions, their latency and the gateway ping in /metrics', async () => {
    const metrics = () => fetch(`${base}/metrics`).then((r) => r.text());
    const before = await metrics();
    expect(metricLine(before, 'selene_questions_total{')).toBeUndefined();

    for (const question of ['what is selenium?', 'how much selenium is in brazil nuts?']) {
      const sent = fake.sendMessage({ content: question, mentionsBot: true });
      await fake.waitForReplyTo(String(sent.id));
    }
    // The reply is sent before the latency timer's promise settles: wait for the observations. Only events
    // that got a reply are timed (not the echoes of the bot's own messages), under the same label as the count.
    const count = (t: string) => Number(metricLine(t, 'selene_answer_seconds_count{')?.split(' ').pop() ?? 0);
    const after = await until(metrics, (t) => count(t) >= 2, 'two latency observations');
    expect(count(after)).toBe(2);
    const questions = after.split('\n').filter((l) => l.startsWith('selene_questions_total{command="mention"'));
    expect(questions.reduce((sum, l) => sum + Number(l.split(' ').pop()), 0)).toBe(2);
    for (const l of questions) expect(l).toMatch(/route="(entry|food|related|none)",outcome="(answered|refused)"/);
    expect(after).toMatch(
      new RegExp(`selene_answer_seconds_bucket\\{le="\\+Inf",command="mention"\\} ${count(after)}`),
    );
    expect(after).toContain('# TYPE selene_answer_seconds histogram');
    // Process metrics come along for free (RSS, event loop lag).
    expect(after).toMatch(/^selene_process_resident_memory_bytes \d+/m);

    const ping = await until(
      metrics,
      (t) => metricLine(t, 'selene_gateway_ping_seconds{') !== undefined,
      'a gateway ping measurement',
    );
    const line = metricLine(ping, 'selene_gateway_ping_seconds{') ?? '';
    expect(line).toMatch(/^selene_gateway_ping_seconds\{shard="0"\} \d/);
    expect(Number(line.split(' ').pop())).toBeGreaterThanOrEqual(0);
  });

  it('answers 503 naming the shard once the gateway connection is lost', async () => {
    await fake.close();
    const { status, body } = await until(
      () => healthz(base),
      (h) => h.status === 503,
      '/healthz turning 503',
    );
    expect(status).toBe(503);
    expect(body.checks.gateway?.reason).toMatch(/shard 0 is \w+/);
    expect(body.checks.knowledge).toEqual({ ok: true });
  });

  it('closes the endpoint on SIGTERM and exits 0', async () => {
    bot.child.kill('SIGTERM');
    expect((await bot.exit).code).toBe(0);
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
  });
});

describe('HEALTH_PORT already taken', () => {
  it('refuses to start with one line naming the port', async () => {
    const blocker = createServer();
    await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', done));
    const { port } = blocker.address() as AddressInfo;
    try {
      const run = spawnBot({ DISCORD_TOKEN: 'unused.token', KNOWLEDGE_DIR, HEALTH_PORT: String(port) });
      expect((await run.exit).code).toBe(1);
      expect(run.stderr()).toContain(`HEALTH_PORT ${port}`);
      expect(run.stderr()).toContain('EADDRINUSE');
    } finally {
      await new Promise((done) => blocker.close(done));
    }
  });
});
