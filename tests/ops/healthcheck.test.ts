import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkShards, probeHost, shardPorts } from '../../src/ops/healthcheck.js';
import { freePorts } from './ports.js';

// The container's HEALTHCHECK: every shard's /healthz, not only the first one's.

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((done) => s.close(done))));
});

/** A stand-in shard health endpoint answering `status`. */
function shardAt(port: number, status: number): Promise<void> {
  const server = createServer((_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok: status === 200, checks: status === 200 ? {} : { gateway: { ok: false } } }));
  });
  servers.push(server);
  return new Promise((done) => server.listen(port, '127.0.0.1', () => done()));
}

const config = (healthPort: number | undefined, more: Partial<Parameters<typeof checkShards>[0]> = {}) => ({
  healthPort,
  healthHost: '127.0.0.1',
  shardCount: 'auto' as const,
  shardList: undefined,
  ...more,
});

describe('shardPorts', () => {
  it('takes the ports from SHARD_LIST, else SHARD_COUNT, else leaves them to discovery', () => {
    expect(shardPorts({ healthPort: 9100, shardCount: 8, shardList: [2, 5] })).toEqual([9102, 9105]);
    expect(shardPorts({ healthPort: 9100, shardCount: 3, shardList: undefined })).toEqual([9100, 9101, 9102]);
    expect(shardPorts({ healthPort: 9100, shardCount: 'auto', shardList: undefined })).toBeNull();
  });

  it('probes a wildcard bind address on loopback', () => {
    expect(probeHost('0.0.0.0')).toBe('127.0.0.1');
    expect(probeHost('::')).toBe('127.0.0.1');
    expect(probeHost('10.0.0.5')).toBe('10.0.0.5');
    expect(probeHost('::1')).toBe('[::1]');
  });
});

describe('checkShards', () => {
  it('is healthy when every listed shard answers 200', async () => {
    const base = await freePorts(3);
    await Promise.all([shardAt(base, 200), shardAt(base + 2, 200)]);
    const result = await checkShards(config(base, { shardList: [0, 2] }));
    expect(result).toEqual({
      ok: true,
      probes: [
        { port: base, ok: true },
        { port: base + 2, ok: true },
      ],
    });
  });

  it('is unhealthy when one shard answers 503 or is not there, and says which', async () => {
    const base = await freePorts(3);
    await Promise.all([shardAt(base, 200), shardAt(base + 1, 503)]);
    const result = await checkShards(config(base, { shardCount: 3 }));
    expect(result.ok).toBe(false);
    expect(result.probes.map((p) => [p.port, p.ok])).toEqual([
      [base, true],
      [base + 1, false],
      [base + 2, false],
    ]);
    expect(result.probes[1]).toMatchObject({ reason: expect.stringContaining('503') });
    expect(result.probes[2]).toMatchObject({ reason: 'ECONNREFUSED' });
  });

  it('with SHARD_COUNT=auto, finds the shards on consecutive ports and stops at the first free one', async () => {
    const base = await freePorts(3);
    await Promise.all([shardAt(base, 200), shardAt(base + 1, 200)]);
    const healthy = await checkShards(config(base));
    expect(healthy).toEqual({
      ok: true,
      probes: [
        { port: base, ok: true },
        { port: base + 1, ok: true },
      ],
    });
    await shardAt(base + 2, 503);
    expect((await checkShards(config(base))).ok).toBe(false);
  });

  it('is unhealthy when nothing listens on HEALTH_PORT, or HEALTH_PORT is unset', async () => {
    const base = await freePorts(1);
    expect(await checkShards(config(base))).toMatchObject({ ok: false, probes: [{ port: base, ok: false }] });
    expect(await checkShards(config(undefined))).toMatchObject({ ok: false });
  });
});

describe('node dist/ops/healthcheck.js (the Dockerfile HEALTHCHECK)', () => {
  const script = join(import.meta.dirname, '../../dist/ops/healthcheck.js');
  /** Runs the built check as Docker would, without blocking this process (the stand-ins answer from it). */
  const run = (env: Record<string, string>) =>
    new Promise<{ code: number | null; stdout: string }>((done) => {
      const child = spawn(process.execPath, [script], {
        cwd: tmpdir(),
        env: { PATH: process.env.PATH ?? '', DISCORD_TOKEN: 'unused.token', ...env },
      });
      let stdout = '';
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
      });
      child.once('exit', (code) => done({ code, stdout }));
    });

  it('exits 0 when every shard is healthy and 1 when one is not', async () => {
    const base = await freePorts(2);
    await Promise.all([shardAt(base, 200), shardAt(base + 1, 503)]);
    const good = await run({ HEALTH_PORT: String(base), SHARD_COUNT: '1' });
    expect(good.code).toBe(0);
    expect(good.stdout).toContain(`port ${base}: ok`);
    const bad = await run({ HEALTH_PORT: String(base), SHARD_COUNT: '2' });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain(`port ${base + 1}: 503`);
  });
});
