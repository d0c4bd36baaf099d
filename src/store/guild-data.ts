// Everything stored about one server, for `selene data export --guild ID` and `selene data purge --guild ID`.
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { questionRowSchema, voteRowSchema } from './schemas.js';
import { deleteSettings, type GuildSettings, readSettings } from './settings.js';

export const GUILD_EXPORT_FORMAT = 'selene-guild-export';

/** JSON-able: instants are ISO strings. */
export interface GuildExport {
  format: typeof GUILD_EXPORT_FORMAT;
  version: 1;
  guildId: string;
  exportedAt: string;
  /** Stored settings, or null when the server never changed any (defaults apply). */
  settings: GuildSettings | null;
  /**
   * Member hashes are left out: they are useless to a server admin and would let admins of two servers
   * link one member's votes across servers.
   */
  votes: { answerId: string; entryId: string | null; vote: 'up' | 'down'; createdAt: string; updatedAt: string }[];
  questions: {
    text: string;
    normalised: string;
    answered: boolean;
    entryId: string | null;
    confidence: number;
    route: string;
    askedAt: string;
  }[];
}

export interface PurgeCounts {
  votes: number;
  questions: number;
  settings: number;
}

const iso = (ms: number): string => new Date(ms).toISOString();

type VoteRow = z.infer<typeof voteRowSchema>;
type QuestionRow = z.infer<typeof questionRowSchema>;

/** The export from a backend's rows: one shape for SQLite and PostgreSQL, member hashes left out. */
export const guildExport = (
  guildId: string,
  now: number,
  settings: GuildSettings | null,
  votes: readonly VoteRow[],
  questions: readonly QuestionRow[],
): GuildExport => ({
  format: GUILD_EXPORT_FORMAT,
  version: 1,
  guildId,
  exportedAt: iso(now),
  settings,
  votes: votes.map((v) => ({
    answerId: v.answer_id,
    entryId: v.entry_id,
    vote: v.vote,
    createdAt: iso(v.created_at),
    updatedAt: iso(v.updated_at),
  })),
  questions: questions.map((q) => ({
    text: q.text,
    normalised: q.normalised,
    answered: q.answered === 1,
    entryId: q.entry_id,
    confidence: q.confidence,
    route: q.route,
    askedAt: iso(q.asked_at),
  })),
});

export const exportGuildData = (db: Database.Database, guildId: string, now: number): GuildExport => {
  const votes = z
    .array(voteRowSchema)
    .parse(db.prepare('SELECT * FROM votes WHERE guild_id = ? ORDER BY created_at, answer_id').all(guildId));
  const questions = z
    .array(questionRowSchema)
    .parse(db.prepare('SELECT * FROM questions WHERE guild_id = ? ORDER BY asked_at, id').all(guildId));
  return guildExport(guildId, now, readSettings(db, guildId), votes, questions);
};

/** Deletes every row about the guild. Run inside one transaction (the caller does). */
export const purgeGuildData = (db: Database.Database, guildId: string): PurgeCounts => ({
  votes: db.prepare('DELETE FROM votes WHERE guild_id = ?').run(guildId).changes,
  questions: db.prepare('DELETE FROM questions WHERE guild_id = ?').run(guildId).changes,
  settings: deleteSettings(db, guildId),
});
