import { type Config, loadConfig } from '../config.js';
import { isEntryModule } from '../entry.js';

// `node dist/ops/healthcheck.js`: the container's HEALTHCHECK, for `npm start` and `npm run start:sharded`
// alike. Shard N serves /healthz on HEALTH_PORT + N, so a check of HEALTH_PORT alone would call a container
// healthy with every shard but the first one down. Exit 0 when every shard answers 200, else 1.

/**
 * With HEALTH_PORT set, shard N serves /healthz and /metrics on HEALTH_PORT + N: each shard process is a
 * whole bot with its own state, so each is probed and scraped on its own, and a dead shard shows as a dead port.
 */
export function shardHealthPort(basePort: number | undefined, shardId: number): number | undefined {
  return basePort === undefined ? undefined : basePort + shardId;
}

/** How long one /healthz may take: well inside Docker's own timeout for the whole check. */
const PROBE_TIMEOUT_MS = 2_000;
/** With SHARD_COUNT=auto the shards are found by walking up from HEALTH_PORT; never past this many. */
const MAX_DISCOVERED = 256;

export type Probe = { port: number; ok: true } | { port: number; ok: false; reason: string };

/**
 * The shard ports to check: SHARD_LIST's or SHARD_COUNT's when set; with `auto` (also a single-process
 * bot) null, meaning consecutive ports from HEALTH_PORT until one has nobody listening.
 */
export function shardPorts(config: Pick<Config, 'healthPort' | 'shardCount' | 'shardList'>): number[] | null {
  const ids = config.shardList ?? (config.shardCount === 'auto' ? null : [...Array(config.shardCount).keys()]);
  if (!ids) return null;
  return ids.flatMap((id) => shardHealthPort(config.healthPort, id) ?? []);
}

/** A wildcard bind address is reached on loopback from inside the container. */
export const probeHost = (host: string): string =>
  host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;

async function probe(host: string, port: number): Promise<Probe & { listening: boolean }> {
  try {
    const res = await fetch(`http://${host}:${port}/healthz`, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    const body = await res.text();
    if (res.ok) return { port, ok: true, listening: true };
    return { port, ok: false, listening: true, reason: `${res.status} ${body.slice(0, 200)}` };
  } catch (err) {
    const code = (err as { cause?: { code?: string } }).cause?.code;
    return { port, ok: false, listening: code !== 'ECONNREFUSED', reason: code ?? (err as Error).message };
  }
}

/** Probes every shard's /healthz; ok only when each answered 200 (and at least one was found). */
export async function checkShards(
  config: Pick<Config, 'healthPort' | 'healthHost' | 'shardCount' | 'shardList'>,
): Promise<{ ok: boolean; probes: Probe[] }> {
  if (config.healthPort === undefined) {
    return { ok: false, probes: [{ port: 0, ok: false, reason: 'HEALTH_PORT is not set' }] };
  }
  const host = probeHost(config.healthHost);
  const ports = shardPorts(config);
  const strip = ({ listening: _, ...p }: Probe & { listening: boolean }): Probe => p;
  if (ports) {
    const probes = (await Promise.all(ports.map((port) => probe(host, port)))).map(strip);
    return { ok: probes.every((p) => p.ok), probes };
  }
  const probes: Probe[] = [];
  for (let i = 0; i < MAX_DISCOVERED && config.healthPort + i <= 65_535; i++) {
    const result = await probe(host, config.healthPort + i);
    // Nobody on the next port: the shards end here (the first one must be there).
    if (i > 0 && !result.listening) break;
    probes.push(strip(result));
  }
  return { ok: probes.length > 0 && probes.every((p) => p.ok), probes };
}

if (isEntryModule(import.meta.url)) {
  const loaded = loadConfig();
  if (!loaded.ok) {
    console.error(`healthcheck: ${loaded.message}`);
    process.exit(1);
  }
  const { ok, probes } = await checkShards(loaded.config);
  for (const p of probes) console.log(p.ok ? `port ${p.port}: ok` : `port ${p.port}: ${p.reason}`);
  process.exit(ok ? 0 : 1);
}
