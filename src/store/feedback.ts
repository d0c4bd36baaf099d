// Feedback votes: one per member per answer, changeable. Functions take an open connection and throw on
// database errors; store.ts turns those into results.
import type Database from 'better-sqlite3';
import { z } from 'zod';
import {
  type EntryFeedback,
  entryFeedbackRowSchema,
  type StoredVote,
  type VoteValue,
  voteRowSchema,
} from './schemas.js';

export interface VoteRecord {
  answerId: string;
  userHash: string;
  guildId: string | null;
  entryId: string | null;
  vote: VoteValue;
  now: number;
}

const selectVote = 'SELECT * FROM votes WHERE answer_id = ? AND user_hash = ?';

/**
 * Upserts the vote. Run inside an IMMEDIATE transaction (the caller does) so the previous vote read here
 * is the one replaced, even with several shards writing. The answer's guild and entry are kept from the
 * first vote: they describe the answer, which does not change.
 */
export const upsertVote = (db: Database.Database, v: VoteRecord): StoredVote => {
  const before = db.prepare(selectVote).get(v.answerId, v.userHash);
  const previous = before === undefined ? null : voteRowSchema.parse(before).vote;
  db.prepare(
    `INSERT INTO votes (answer_id, user_hash, guild_id, entry_id, vote, created_at, updated_at)
     VALUES (@answerId, @userHash, @guildId, @entryId, @vote, @now, @now)
     ON CONFLICT (answer_id, user_hash) DO UPDATE SET vote = excluded.vote, updated_at = excluded.updated_at`,
  ).run(v);
  const row = voteRowSchema.parse(db.prepare(selectVote).get(v.answerId, v.userHash));
  return storedVote(row, previous);
};

/** A vote row as the store reports it, with the vote it replaced: one shape for both backends. */
export const storedVote = (row: z.infer<typeof voteRowSchema>, previous: StoredVote['previous']): StoredVote => ({
  answerId: row.answer_id,
  guildId: row.guild_id,
  entryId: row.entry_id,
  vote: row.vote,
  previous,
  createdAt: new Date(row.created_at),
  updatedAt: new Date(row.updated_at),
});

export const readVote = (db: Database.Database, answerId: string, userHash: string): VoteValue | null => {
  const row = db.prepare(selectVote).get(answerId, userHash);
  return row === undefined ? null : voteRowSchema.parse(row).vote;
};

/** Marks a hash that names nobody: a real one is 64 hex digits, never this. */
export const ANONYMOUS_PREFIX = 'expired:';

/**
 * Votes last changed before `cutoff` keep their up/down and entry (curators still count them) but lose the
 * member hash: each gets a random one of its own, so old votes can no longer be tied to a member or to each
 * other. Returns how many were anonymised.
 */
export const anonymiseVotesBefore = (db: Database.Database, cutoff: number): number =>
  db
    .prepare(
      `UPDATE votes SET user_hash = '${ANONYMOUS_PREFIX}' || lower(hex(randomblob(16)))
       WHERE updated_at < ? AND user_hash NOT LIKE '${ANONYMOUS_PREFIX}%'`,
    )
    .run(cutoff).changes;

const feedbackRows = z.array(entryFeedbackRowSchema);

/** Up and down votes per entry, counting votes cast or changed since `since`. */
export const summariseFeedback = (db: Database.Database, since: number): EntryFeedback[] =>
  feedbackRows
    .parse(
      db
        .prepare(
          `SELECT entry_id, SUM(vote = 'up') AS up, SUM(vote = 'down') AS down
           FROM votes WHERE entry_id IS NOT NULL AND updated_at >= ?
           GROUP BY entry_id ORDER BY entry_id`,
        )
        .all(since),
    )
    .map((r) => ({ entryId: r.entry_id, up: r.up, down: r.down }));

/** Entries with at least one down vote, worst balance first. */
export const worstEntries = (db: Database.Database, since: number, limit: number): EntryFeedback[] =>
  feedbackRows
    .parse(
      db
        .prepare(
          `SELECT entry_id, SUM(vote = 'up') AS up, SUM(vote = 'down') AS down
           FROM votes WHERE entry_id IS NOT NULL AND updated_at >= ?
           GROUP BY entry_id HAVING down > 0
           ORDER BY down - up DESC, down DESC, entry_id LIMIT ?`,
        )
        .all(since, limit),
    )
    .map((r) => ({ entryId: r.entry_id, up: r.up, down: r.down }));
