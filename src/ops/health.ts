import { type Client, Status } from 'discord.js';
import type { KnowledgeBase } from '../knowledge/types.js';
import type { HealthCheck, HealthChecks } from './health-server.js';
import type { ShardPing } from './metrics.js';

// What /healthz reports for a running bot. Each check is a pure function of what the process holds right
// now, so the endpoint never caches a stale verdict and the checks are testable without a server.

const statusName = (status: number): string => Status[status] ?? String(status);

/** Ready means logged in and every shard this process runs has a live, identified session. */
export function gatewayCheck(client: Client | undefined): HealthCheck {
  if (!client) return { ok: false, reason: 'still starting: not connected and ready yet' };
  if (!client.isReady()) return { ok: false, reason: 'gateway not ready' };
  const down = [...client.ws.shards.values()]
    .filter((shard) => shard.status !== Status.Ready)
    .map((shard) => `shard ${shard.id} is ${statusName(shard.status)}`);
  return down.length > 0 ? { ok: false, reason: down.join('; ') } : { ok: true };
}

export function knowledgeCheck(kb: KnowledgeBase | undefined): HealthCheck {
  return kb ? { ok: true } : { ok: false, reason: 'still starting: knowledge base not loaded yet' };
}

/** Structurally the store's health(): the ops layer needs nothing else from it. */
export interface HealthProbe {
  /** degraded: the database is away but the bot keeps answering (PostgreSQL reconnecting). */
  health(): { writable: boolean; reason?: string; message?: string; degraded?: boolean };
  /** Writes queued and dropped by the store, for /metrics (PostgreSQL's question log). */
  queueStats?(): { queued: number; dropped: number };
}

export function databaseCheck(store: HealthProbe): HealthCheck {
  try {
    const h = store.health();
    if (h.writable) return { ok: true };
    return {
      ok: false,
      reason: `database not writable: ${[h.reason, h.message].filter(Boolean).join(': ') || 'unknown'}`,
      ...(h.degraded ? { degraded: true } : {}),
    };
  } catch (err) {
    return { ok: false, reason: `database check failed: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/** What the process holds at the moment of a request; everything is optional while starting. */
export interface BotState {
  client?: Client;
  kb?: KnowledgeBase;
  /** Absent when the bot runs without a database: then /healthz has no database check at all. */
  store?: HealthProbe;
}

export function botChecks(state: () => BotState): HealthChecks {
  return () => {
    const s = state();
    return {
      gateway: gatewayCheck(s.client),
      knowledge: knowledgeCheck(s.kb),
      ...(s.store ? { database: databaseCheck(s.store) } : {}),
    };
  };
}

/** Per-shard heartbeat round trips for the gateway ping gauge. */
export function shardPings(client: Client | undefined): ShardPing[] {
  if (!client) return [];
  return [...client.ws.shards.values()].map((shard) => ({ shard: shard.id, ms: shard.ping }));
}
