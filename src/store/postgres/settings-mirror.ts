// Every guild's settings in memory, so the bot reads them on every message without a round trip. Kept fresh
// across hosts by LISTEN/NOTIFY: a committed change is announced with its data, in commit order, to every
// listening host. The listening connection is the backend's heartbeat: when it drops, the mirror keeps
// serving what it last knew, reconnects with backoff and refills itself from the table. A server that stops
// answering without closing the socket (hung, frozen, a half-open network path) drops nothing, so the
// connection is also pinged: no answer within the ping timeout counts as lost. TCP keepalive alone would not
// see a hung server, since its kernel still acknowledges the probes.
import pg from 'pg';
import { z } from 'zod';
import type { StoreLogger } from '../failures.js';
import { type GuildSettings, parseStoredSettings } from '../settings.js';
import { timedQuery } from './connection.js';
import { readAllSettings } from './queries.js';

export const SETTINGS_CHANNEL = 'selene_settings';

/** What updateSettings, deleteGuild and purgeGuild announce: the guild's new data, or null once deleted. */
const notificationSchema = z.object({ guildId: z.string(), data: z.string().nullable() });
export const settingsNotification = (guildId: string, settings: GuildSettings | null): string =>
  JSON.stringify({ guildId, data: settings === null ? null : JSON.stringify(settings) });

export const RECONNECT_MIN_MS = 200;
/** Short: while the mirror is down the backend refuses writes at once, so a long wait would refuse them too long. */
export const RECONNECT_MAX_MS = 2000;
/** How often the listening connection is pinged, and how long a ping may take before the server counts as away. */
export const PING_INTERVAL_MS = 1000;
export const PING_TIMEOUT_MS = 1500;
/** Client-side limit on the mirror's own statements (LISTEN, reading every guild's settings). */
const MIRROR_QUERY_TIMEOUT_MS = 10_000;

export interface SettingsMirror {
  get(guildId: string): GuildSettings | undefined;
  /** A change this host committed: known here at once, before its notification comes back. */
  set(guildId: string, settings: GuildSettings | null): void;
  readonly connected: boolean;
  /** Why the mirror is not connected, when it is not. */
  readonly lastError: string | null;
  /** How many times the server has answered a connect or a ping: grows while the connection works. */
  readonly answers: number;
  close(): Promise<void>;
}

export interface MirrorOptions {
  config: pg.ClientConfig;
  logger: StoreLogger;
  describe: (err: unknown) => string;
  pingIntervalMs?: number;
  pingTimeoutMs?: number;
}

/** Connects, listens and fills; rejects when the first connection fails (the caller refuses to start). */
export async function openSettingsMirror(o: MirrorOptions): Promise<SettingsMirror> {
  let settings = new Map<string, GuildSettings>();
  let client: pg.Client | null = null;
  let connected = false;
  let lastError: string | null = null;
  let closed = false;
  let attempt = 0;
  let retryTimer: NodeJS.Timeout | undefined;
  let pingTimer: NodeJS.Timeout | undefined;
  let answers = 0;
  const pingIntervalMs = o.pingIntervalMs ?? PING_INTERVAL_MS;
  const pingTimeoutMs = o.pingTimeoutMs ?? PING_TIMEOUT_MS;

  const apply = (raw: string | undefined, into: Map<string, GuildSettings>): void => {
    const parsed = notificationSchema.safeParse(JSON.parse(raw ?? 'null'));
    if (!parsed.success) return;
    const { guildId, data } = parsed.data;
    if (data === null) into.delete(guildId);
    else into.set(guildId, parseStoredSettings(data));
  };

  const connect = async (): Promise<void> => {
    const c = new pg.Client({ ...o.config, query_timeout: MIRROR_QUERY_TIMEOUT_MS });
    // Notifications that arrive while the table is read are applied after it, in order: one committed after
    // the snapshot must not be overwritten by the older snapshot.
    let pending: (string | undefined)[] | null = [];
    c.on('notification', (n) => {
      if (n.channel !== SETTINGS_CHANNEL) return;
      if (pending !== null) pending.push(n.payload);
      else
        try {
          apply(n.payload, settings);
        } catch {
          // A payload that is not JSON came from someone else's NOTIFY: ignore it.
        }
    });
    const lost = (err?: unknown) => {
      if (client !== c) return;
      client = null;
      connected = false;
      clearTimeout(pingTimer);
      lastError = err === undefined ? 'connection to PostgreSQL ended' : o.describe(err);
      // With a ping still waiting, end() destroys the socket instead of waiting on a server that is not there.
      c.end().catch(() => {});
      if (!closed) {
        o.logger.warn(
          { err: lastError },
          'store: PostgreSQL connection lost; settings served from memory, reconnecting',
        );
        schedule();
      }
    };
    c.on('error', lost);
    c.on('end', () => lost());
    try {
      await c.connect();
      await c.query(`LISTEN ${SETTINGS_CHANNEL}`);
      const fresh = await readAllSettings(c);
      for (const payload of pending)
        try {
          apply(payload, fresh);
        } catch {}
      pending = null;
      settings = fresh;
    } catch (err) {
      c.removeAllListeners('end');
      c.on('error', () => {});
      await c.end().catch(() => {});
      throw err;
    }
    if (closed) {
      await c.end().catch(() => {});
      return;
    }
    client = c;
    connected = true;
    lastError = null;
    answers += 1;
    attempt = 0;
    schedulePing(c, lost);
  };

  /** One ping at a time, each after the last one answered; a ping not answered in time loses the connection. */
  const schedulePing = (c: pg.Client, lost: (err?: unknown) => void): void => {
    clearTimeout(pingTimer);
    pingTimer = setTimeout(() => {
      if (client !== c) return;
      timedQuery(c, 'SELECT 1', undefined, pingTimeoutMs).then(
        () => {
          if (client !== c) return;
          answers += 1;
          schedulePing(c, lost);
        },
        (err: unknown) => lost(err),
      );
    }, pingIntervalMs).unref();
  };

  const schedule = (): void => {
    clearTimeout(retryTimer);
    const delay = Math.min(RECONNECT_MAX_MS, RECONNECT_MIN_MS * 2 ** attempt) * (0.75 + Math.random() * 0.5);
    attempt += 1;
    retryTimer = setTimeout(() => {
      connect().then(
        () => o.logger.info({}, 'store: PostgreSQL connection back; settings refilled'),
        (err) => {
          lastError = o.describe(err);
          if (!closed) schedule();
        },
      );
    }, delay).unref();
  };

  await connect();

  return {
    get: (guildId) => settings.get(guildId),
    set: (guildId, value) => {
      if (value === null) settings.delete(guildId);
      else settings.set(guildId, value);
    },
    get connected() {
      return connected;
    },
    get lastError() {
      return lastError;
    },
    get answers() {
      return answers;
    },
    async close() {
      closed = true;
      clearTimeout(retryTimer);
      clearTimeout(pingTimer);
      const c = client;
      client = null;
      connected = false;
      if (c) {
        c.removeAllListeners('end');
        await c.end().catch(() => {});
      }
    },
  };
}
