// Every guild's settings in memory, so the bot reads them on every message without a round trip. Kept fresh
// across hosts by LISTEN/NOTIFY: a committed change is announced with its data, in commit order, to every
// listening host. The listening connection is the backend's heartbeat: when it drops, the mirror keeps
// serving what it last knew, reconnects with backoff and refills itself from the table.
import pg from 'pg';
import { z } from 'zod';
import type { StoreLogger } from '../failures.js';
import { type GuildSettings, parseStoredSettings } from '../settings.js';
import { readAllSettings } from './queries.js';

export const SETTINGS_CHANNEL = 'selene_settings';

/** What updateSettings, deleteGuild and purgeGuild announce: the guild's new data, or null once deleted. */
const notificationSchema = z.object({ guildId: z.string(), data: z.string().nullable() });
export const settingsNotification = (guildId: string, settings: GuildSettings | null): string =>
  JSON.stringify({ guildId, data: settings === null ? null : JSON.stringify(settings) });

export const RECONNECT_MIN_MS = 200;
/** Short: while the mirror is down the backend refuses writes at once, so a long wait would refuse them too long. */
export const RECONNECT_MAX_MS = 2000;

export interface SettingsMirror {
  get(guildId: string): GuildSettings | undefined;
  /** A change this host committed: known here at once, before its notification comes back. */
  set(guildId: string, settings: GuildSettings | null): void;
  readonly connected: boolean;
  /** Why the mirror is not connected, when it is not. */
  readonly lastError: string | null;
  close(): Promise<void>;
}

export interface MirrorOptions {
  config: pg.ClientConfig;
  logger: StoreLogger;
  describe: (err: unknown) => string;
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

  const apply = (raw: string | undefined, into: Map<string, GuildSettings>): void => {
    const parsed = notificationSchema.safeParse(JSON.parse(raw ?? 'null'));
    if (!parsed.success) return;
    const { guildId, data } = parsed.data;
    if (data === null) into.delete(guildId);
    else into.set(guildId, parseStoredSettings(data));
  };

  const connect = async (): Promise<void> => {
    const c = new pg.Client(o.config);
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
      lastError = err === undefined ? 'connection to PostgreSQL ended' : o.describe(err);
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
    attempt = 0;
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
    async close() {
      closed = true;
      clearTimeout(retryTimer);
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
