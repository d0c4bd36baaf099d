import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

export interface HealthCheck {
  ok: boolean;
  reason?: string;
  /**
   * Failing, but the bot still does its job (a database server away while questions are answered): shown,
   * yet /healthz stays 200, so an orchestrator does not restart every host over an outage elsewhere.
   */
  degraded?: boolean;
}

/** Named checks, e.g. gateway, knowledge, database; read at request time so they are always current. */
export type HealthChecks = () => Record<string, HealthCheck> | Promise<Record<string, HealthCheck>>;

export interface HealthServer {
  url: string;
  close(): Promise<void>;
}

export interface HealthServerOptions {
  port: number;
  /** Loopback unless the operator opts in: metrics reveal usage and should not face the internet by accident. */
  host?: string;
  checks: HealthChecks;
  registry: Registry;
}

async function handle(
  options: HealthServerOptions,
  path: string,
): Promise<{ status: number; type: string; body: string }> {
  if (path === '/healthz') {
    const checks = await options.checks();
    const ok = Object.values(checks).every((c) => c.ok || c.degraded);
    const degraded = Object.values(checks).some((c) => !c.ok && c.degraded);
    return {
      status: ok ? 200 : 503,
      type: 'application/json',
      body: JSON.stringify({ ok, ...(degraded ? { degraded } : {}), checks }),
    };
  }
  if (path === '/metrics') {
    return { status: 200, type: options.registry.contentType, body: await options.registry.metrics() };
  }
  return { status: 404, type: 'application/json', body: JSON.stringify({ error: 'not found' }) };
}

export function startHealthServer(options: HealthServerOptions): Promise<HealthServer> {
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    handle(options, path)
      .then(({ status, type, body }) => {
        res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
        res.end(req.method === 'HEAD' ? undefined : body);
      })
      .catch((err: unknown) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: false, error: err instanceof Error ? err.message : String(err) }));
      });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => {
      const { address, port } = server.address() as AddressInfo;
      const host = address.includes(':') ? `[${address}]` : address;
      resolve({
        url: `http://${host}:${port}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}
