import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { type BotState, botChecks, databaseCheck, gatewayCheck, knowledgeCheck } from '../../src/ops/health.js';
import { createMetrics, type ShardPing } from '../../src/ops/metrics.js';
import { openStore, type Store } from '../../src/store/index.js';

const KNOWLEDGE_DIR = resolve(import.meta.dirname, '../../knowledge');

const dirs: string[] = [];
const stores: Store[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'selene-ops-'));
  dirs.push(dir);
  return dir;
}

function open(options: Parameters<typeof openStore>[0]): Store {
  const store = openStore({ logger: { info: () => {}, warn: () => {} }, ...options });
  stores.push(store);
  return store;
}

describe('health checks', () => {
  it('gateway: not ready before login, and before the client exists at all', () => {
    expect(gatewayCheck(undefined)).toEqual({ ok: false, reason: 'still starting: not connected and ready yet' });
    const client = new Client({ intents: [] });
    expect(gatewayCheck(client)).toEqual({ ok: false, reason: 'gateway not ready' });
    void client.destroy();
  });

  it('knowledge: ok once a knowledge base is held', () => {
    const loaded = loadKnowledge(KNOWLEDGE_DIR);
    if (!loaded.ok) throw new Error('the shipped knowledge base must load');
    expect(knowledgeCheck(loaded.kb)).toEqual({ ok: true });
    expect(knowledgeCheck(undefined).ok).toBe(false);
  });

  it('database: a writable store is healthy, a read-only one is not, with the reason', () => {
    const dataDir = tempDir();
    expect(databaseCheck(open({ dataDir }))).toEqual({ ok: true });
    const readonly = open({ dataDir, readonly: true });
    const check = databaseCheck(readonly);
    expect(check.ok).toBe(false);
    expect(check.reason).toMatch(/^database not writable: readonly/);
  });

  it('database: a probe that throws is reported, not thrown', () => {
    const check = databaseCheck({
      health: () => {
        throw new Error('disk on fire');
      },
    });
    expect(check).toEqual({ ok: false, reason: 'database check failed: disk on fire' });
  });

  it('lists a database check only when a store is present, and reads the state on every call', async () => {
    let state: BotState = {};
    const checks = botChecks(() => state);
    expect(Object.keys(await checks()).sort()).toEqual(['gateway', 'knowledge']);
    state = { store: { health: () => ({ writable: false, reason: 'full', message: 'disk full' }) } };
    expect((await checks()).database).toEqual({ ok: false, reason: 'database not writable: full: disk full' });
  });
});

describe('gateway ping gauge', () => {
  it('reports each measured shard in seconds at scrape time and skips unmeasured ones', async () => {
    let pings: ShardPing[] = [{ shard: 0, ms: -1 }];
    const metrics = createMetrics({ defaultMetrics: false, gatewayPings: () => pings });
    expect(await metrics.registry.metrics()).not.toMatch(/^selene_gateway_ping_seconds\{/m);
    pings = [
      { shard: 0, ms: 42 },
      { shard: 1, ms: 120 },
    ];
    const text = await metrics.registry.metrics();
    expect(text).toContain('selene_gateway_ping_seconds{shard="0"} 0.042');
    expect(text).toContain('selene_gateway_ping_seconds{shard="1"} 0.12');
    // A shard that went away leaves no stale value behind.
    pings = [{ shard: 1, ms: 80 }];
    const later = await metrics.registry.metrics();
    expect(later).not.toContain('shard="0"');
    expect(later).toContain('selene_gateway_ping_seconds{shard="1"} 0.08');
  });
});
