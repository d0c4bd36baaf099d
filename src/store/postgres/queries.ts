// The SQL of the PostgreSQL backend, one function per statement, mirroring feedback.ts, questions.ts,
// settings.ts and guild-data.ts. Rows are validated with the same schemas as SQLite's: booleans are read
// back as 0/1 and BIGINTs arrive as numbers (connection.ts), so both backends return identical values.
import type pg from 'pg';
import { z } from 'zod';
import { ANONYMOUS_PREFIX, storedVote, type VoteRecord } from '../feedback.js';
import { type GuildExport, guildExport, type PurgeCounts } from '../guild-data.js';
import type { QuestionRecord } from '../questions.js';
import {
  type EntryFeedback,
  entryFeedbackRowSchema,
  lowConfidenceRowSchema,
  questionRowSchema,
  type Report,
  type StoredVote,
  settingsRowSchema,
  unansweredRowSchema,
  type VoteValue,
  voteRowSchema,
  voteValueSchema,
} from '../schemas.js';
import { type GuildSettings, parseStoredSettings } from '../settings.js';

export type Queryable = Pick<pg.ClientBase, 'query'>;

const VOTE_COLUMNS = 'answer_id, user_hash, guild_id, entry_id, vote, created_at, updated_at';

/** Attempts before giving up when the member's row keeps appearing and vanishing (a purge racing a vote). */
const UPSERT_ATTEMPTS = 3;

/**
 * Upserts the vote inside the caller's transaction, telling truthfully whether it inserted or changed.
 * `SELECT ... FOR UPDATE` locks nothing while the row does not exist yet, so two first votes at the same
 * moment (a double click, two hosts) would both read "no previous vote": the insert therefore decides,
 * with ON CONFLICT DO NOTHING, which waits for a concurrent insert of the same key to commit. The loser then
 * reads and locks the winner's committed row and changes it. Guild and entry keep the first vote's: they
 * describe the answer, which does not change.
 */
export const upsertVote = async (db: Queryable, v: VoteRecord): Promise<StoredVote> => {
  const key = [v.answerId, v.userHash];
  for (let attempt = 0; attempt < UPSERT_ATTEMPTS; attempt++) {
    const before = await db.query('SELECT vote FROM votes WHERE answer_id = $1 AND user_hash = $2 FOR UPDATE', key);
    if (before.rows[0] !== undefined) {
      const previous = voteValueSchema.parse(before.rows[0].vote);
      const { rows } = await db.query(
        `UPDATE votes SET vote = $3, updated_at = $4 WHERE answer_id = $1 AND user_hash = $2 RETURNING ${VOTE_COLUMNS}`,
        [...key, v.vote, v.now],
      );
      return storedVote(voteRowSchema.parse(rows[0]), previous);
    }
    const inserted = await db.query(
      `INSERT INTO votes (${VOTE_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $6)
       ON CONFLICT (answer_id, user_hash) DO NOTHING RETURNING ${VOTE_COLUMNS}`,
      [v.answerId, v.userHash, v.guildId, v.entryId, v.vote, v.now],
    );
    if (inserted.rows[0] !== undefined) return storedVote(voteRowSchema.parse(inserted.rows[0]), null);
    // Another transaction inserted this vote first: go round and change it.
  }
  throw new Error(`vote ${v.answerId} kept changing under this transaction; try again`);
};

export const readVote = async (db: Queryable, answerId: string, userHash: string): Promise<VoteValue | null> => {
  const { rows } = await db.query(`SELECT ${VOTE_COLUMNS} FROM votes WHERE answer_id = $1 AND user_hash = $2`, [
    answerId,
    userHash,
  ]);
  return rows[0] === undefined ? null : voteRowSchema.parse(rows[0]).vote;
};

export const anonymiseVotesBefore = async (db: Queryable, cutoff: number): Promise<number> =>
  (
    await db.query(
      `UPDATE votes SET user_hash = '${ANONYMOUS_PREFIX}' || replace(gen_random_uuid()::text, '-', '')
       WHERE updated_at < $1 AND user_hash NOT LIKE '${ANONYMOUS_PREFIX}%'`,
      [cutoff],
    )
  ).rowCount ?? 0;

const FEEDBACK = `SELECT entry_id, COUNT(*) FILTER (WHERE vote = 'up') AS up, COUNT(*) FILTER (WHERE vote = 'down') AS down
  FROM votes WHERE entry_id IS NOT NULL AND updated_at >= $1 GROUP BY entry_id`;
const feedbackRows = z.array(entryFeedbackRowSchema);
const toFeedback = (rows: unknown[]): EntryFeedback[] =>
  feedbackRows.parse(rows).map((r) => ({ entryId: r.entry_id, up: r.up, down: r.down }));

export const summariseFeedback = async (db: Queryable, since: number): Promise<EntryFeedback[]> =>
  toFeedback((await db.query(`${FEEDBACK} ORDER BY entry_id COLLATE "C"`, [since])).rows);

export const worstEntries = async (db: Queryable, since: number, limit: number): Promise<EntryFeedback[]> =>
  toFeedback(
    (
      await db.query(
        `SELECT * FROM (${FEEDBACK}) f WHERE down > 0 ORDER BY down - up DESC, down DESC, entry_id COLLATE "C" LIMIT $2`,
        [since, limit],
      )
    ).rows,
  );

const QUESTION_COLUMNS = 'guild_id, text, normalised, answered, entry_id, confidence, route, asked_at';

export const insertQuestion = async (db: Queryable, q: QuestionRecord): Promise<number> => {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO questions (${QUESTION_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [q.guildId, q.text, q.normalised, q.answered, q.entryId, q.confidence, q.route, q.now],
  );
  return z.number().int().parse(rows[0]?.id);
};

/** Many questions in one statement (the write queue's batches): one round trip, one commit. */
export const insertQuestions = async (db: Queryable, qs: readonly QuestionRecord[]): Promise<number> => {
  if (qs.length === 0) return 0;
  const column = <K extends keyof QuestionRecord>(k: K) => qs.map((q) => q[k]);
  const result = await db.query(
    `INSERT INTO questions (${QUESTION_COLUMNS})
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::boolean[], $5::text[], $6::float8[], $7::text[], $8::bigint[])`,
    [
      column('guildId'),
      column('text'),
      column('normalised'),
      column('answered'),
      column('entryId'),
      column('confidence'),
      column('route'),
      column('now'),
    ],
  );
  return result.rowCount ?? 0;
};

/** The latest wording of each group: what SQLite's bare-column rule gives for the row holding max(asked_at). */
const LATEST = (column: string) => `(array_agg(${column} ORDER BY asked_at DESC, id DESC))[1]`;

export const topUnanswered = async (db: Queryable, since: number, limit: number): Promise<Report['topUnanswered']> =>
  z
    .array(unansweredRowSchema)
    .parse(
      (
        await db.query(
          `SELECT ${LATEST('text')} AS text, COUNT(*) AS count, MAX(asked_at) AS last_seen
           FROM questions WHERE NOT answered AND asked_at >= $1
           GROUP BY normalised ORDER BY count DESC, last_seen DESC, normalised COLLATE "C" LIMIT $2`,
          [since, limit],
        )
      ).rows,
    )
    .map((r) => ({ text: r.text, count: r.count, lastSeen: new Date(r.last_seen) }));

export const lowConfidence = async (
  db: Queryable,
  since: number,
  limit: number,
  below: number | undefined,
): Promise<Report['lowConfidence']> =>
  z
    .array(lowConfidenceRowSchema)
    .parse(
      (
        await db.query(
          `SELECT text, entry_id, confidence, count FROM (
             SELECT ${LATEST('text')} AS text, entry_id, ${LATEST('confidence')} AS confidence, COUNT(*) AS count
             FROM questions WHERE answered AND asked_at >= $1
             GROUP BY normalised, entry_id
           ) g WHERE confidence < $2 ORDER BY confidence, count DESC, text COLLATE "C" LIMIT $3`,
          [since, below ?? 2, limit],
        )
      ).rows,
    )
    .map((r) => ({ text: r.text, entryId: r.entry_id, confidence: r.confidence, count: r.count }));

export const deleteQuestionsBefore = async (db: Queryable, cutoff: number): Promise<number> =>
  (await db.query('DELETE FROM questions WHERE asked_at < $1', [cutoff])).rowCount ?? 0;

export const readSettings = async (db: Queryable, guildId: string): Promise<GuildSettings | null> => {
  const { rows } = await db.query('SELECT guild_id, data, updated_at FROM guild_settings WHERE guild_id = $1', [
    guildId,
  ]);
  return rows[0] === undefined ? null : parseStoredSettings(settingsRowSchema.parse(rows[0]).data);
};

/** Every guild's stored settings: the settings mirror's fill. */
export const readAllSettings = async (db: Queryable): Promise<Map<string, GuildSettings>> => {
  const { rows } = await db.query('SELECT guild_id, data, updated_at FROM guild_settings');
  return new Map(
    z
      .array(settingsRowSchema)
      .parse(rows)
      .map((r) => [r.guild_id, parseStoredSettings(r.data)]),
  );
};

export const writeSettings = async (db: Queryable, guildId: string, s: GuildSettings, now: number): Promise<void> => {
  await db.query(
    `INSERT INTO guild_settings (guild_id, data, updated_at) VALUES ($1, $2, $3)
     ON CONFLICT (guild_id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`,
    [guildId, JSON.stringify(s), now],
  );
};

export const deleteSettings = async (db: Queryable, guildId: string): Promise<number> =>
  (await db.query('DELETE FROM guild_settings WHERE guild_id = $1', [guildId])).rowCount ?? 0;

export const exportGuildData = async (db: Queryable, guildId: string, now: number): Promise<GuildExport> => {
  const votes = z
    .array(voteRowSchema)
    .parse(
      (
        await db.query(
          `SELECT ${VOTE_COLUMNS} FROM votes WHERE guild_id = $1 ORDER BY created_at, answer_id COLLATE "C"`,
          [guildId],
        )
      ).rows,
    );
  const questions = z.array(questionRowSchema).parse(
    (
      await db.query(
        `SELECT id, ${QUESTION_COLUMNS.replace('answered', 'answered::int AS answered')}
           FROM questions WHERE guild_id = $1 ORDER BY asked_at, id`,
        [guildId],
      )
    ).rows,
  );
  return guildExport(guildId, now, await readSettings(db, guildId), votes, questions);
};

export const purgeGuildData = async (db: Queryable, guildId: string): Promise<PurgeCounts> => ({
  votes: (await db.query('DELETE FROM votes WHERE guild_id = $1', [guildId])).rowCount ?? 0,
  questions: (await db.query('DELETE FROM questions WHERE guild_id = $1', [guildId])).rowCount ?? 0,
  settings: await deleteSettings(db, guildId),
});
