// Per-server settings. Stored as one JSON document per guild so a new setting needs a default here,
// not a migration; every field is validated on read and a bad field falls back to its own default.
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { idSchema, settingsRowSchema } from './schemas.js';

/** Discord's channel select menu takes at most 25 channels; 50 leaves room without being unbounded. */
export const MAX_ANSWER_CHANNELS = 50;
export const MAX_COOLDOWN_SECONDS = 3600;
/**
 * A server that never chose a cooldown follows the bot's COOLDOWN_SECONDS, so an operator's setting is
 * not silently overridden by a value stored here.
 */
export const DEFAULT_COOLDOWN_SECONDS = null;

export const guildSettingsSchema = z.object({
  /** Channels where the bot answers questions without being mentioned (needs the Message Content intent). */
  answerChannels: z.array(idSchema).max(MAX_ANSWER_CHANNELS),
  /** Answers are ephemeral (only the asker sees them) unless the member asks to share. */
  privateByDefault: z.boolean(),
  /** Per-member cooldown between answers; null = the bot's default (COOLDOWN_SECONDS). */
  cooldownSeconds: z.number().int().min(0).max(MAX_COOLDOWN_SECONDS).nullable(),
  /** Reply to links to the article with a compact card. */
  linkCards: z.boolean(),
  /** Answer mentions in a new public thread on the member's message (needs Create Public Threads). */
  threads: z.boolean(),
});
export type GuildSettings = z.infer<typeof guildSettingsSchema>;

export const DEFAULT_SETTINGS: Readonly<GuildSettings> = Object.freeze({
  answerChannels: [],
  privateByDefault: false,
  cooldownSeconds: DEFAULT_COOLDOWN_SECONDS,
  linkCards: true,
  threads: false,
});

export const defaultSettings = (): GuildSettings => ({ ...DEFAULT_SETTINGS, answerChannels: [] });

export const settingsPatchSchema = guildSettingsSchema.partial().strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

/** Reads leniently: a field written by hand or by a newer version that does not validate gets its default. */
const storedSettingsSchema = z.object({
  answerChannels: guildSettingsSchema.shape.answerChannels.catch(() => []),
  privateByDefault: guildSettingsSchema.shape.privateByDefault.catch(DEFAULT_SETTINGS.privateByDefault),
  cooldownSeconds: guildSettingsSchema.shape.cooldownSeconds.catch(DEFAULT_SETTINGS.cooldownSeconds),
  linkCards: guildSettingsSchema.shape.linkCards.catch(DEFAULT_SETTINGS.linkCards),
  // Documents written before threads existed have no field: off, as for every new server.
  threads: guildSettingsSchema.shape.threads.catch(DEFAULT_SETTINGS.threads),
});

export const parseStoredSettings = (json: string): GuildSettings => {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    raw = {};
  }
  return storedSettingsSchema.parse(typeof raw === 'object' && raw !== null ? raw : {});
};

/** Stored settings of a guild, or null when it never changed any. Throws on database errors. */
export const readSettings = (db: Database.Database, guildId: string): GuildSettings | null => {
  const row = db.prepare('SELECT guild_id, data, updated_at FROM guild_settings WHERE guild_id = ?').get(guildId);
  return row === undefined ? null : parseStoredSettings(settingsRowSchema.parse(row).data);
};

export const writeSettings = (db: Database.Database, guildId: string, settings: GuildSettings, now: number): void => {
  db.prepare(
    `INSERT INTO guild_settings (guild_id, data, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (guild_id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`,
  ).run(guildId, JSON.stringify(settings), now);
};

export const deleteSettings = (db: Database.Database, guildId: string): number =>
  db.prepare('DELETE FROM guild_settings WHERE guild_id = ?').run(guildId).changes;
