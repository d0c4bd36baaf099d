// The questions log: every question, answered or refused, one row each; aggregated when read.
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { lowConfidenceRowSchema, type Report, unansweredRowSchema } from './schemas.js';

export interface QuestionRecord {
  guildId: string | null;
  text: string;
  normalised: string;
  answered: boolean;
  entryId: string | null;
  confidence: number;
  route: string;
  now: number;
}

export const insertQuestion = (db: Database.Database, q: QuestionRecord): number =>
  Number(
    db
      .prepare(
        `INSERT INTO questions (guild_id, text, normalised, answered, entry_id, confidence, route, asked_at)
         VALUES (@guildId, @text, @normalised, @answered, @entryId, @confidence, @route, @now)`,
      )
      .run({ ...q, answered: q.answered ? 1 : 0 }).lastInsertRowid,
  );

/**
 * Refused questions grouped by normalised text, most frequent first. The text shown is the latest wording:
 * SQLite takes bare columns from the row that holds the max() when the query has exactly one max().
 */
export const topUnanswered = (db: Database.Database, since: number, limit: number): Report['topUnanswered'] =>
  z
    .array(unansweredRowSchema)
    .parse(
      db
        .prepare(
          `SELECT text, COUNT(*) AS count, MAX(asked_at) AS last_seen
           FROM questions WHERE answered = 0 AND asked_at >= ?
           GROUP BY normalised ORDER BY count DESC, last_seen DESC, normalised LIMIT ?`,
        )
        .all(since, limit),
    )
    .map((r) => ({ text: r.text, count: r.count, lastSeen: new Date(r.last_seen) }));

/**
 * Answered questions grouped by normalised text and entry, lowest confidence first. Confidence is the one of
 * the latest ask (the knowledge base may have improved since the first), again via the bare-column rule.
 */
export const lowConfidence = (
  db: Database.Database,
  since: number,
  limit: number,
  below: number | undefined,
): Report['lowConfidence'] =>
  z
    .array(lowConfidenceRowSchema)
    .parse(
      db
        .prepare(
          `SELECT text, entry_id, confidence, count FROM (
             SELECT text, entry_id, confidence, COUNT(*) AS count, MAX(asked_at) AS last_seen
             FROM questions WHERE answered = 1 AND asked_at >= ?
             GROUP BY normalised, entry_id
           ) WHERE confidence < ? ORDER BY confidence, count DESC, text LIMIT ?`,
        )
        // Confidence is at most 1, so a bound just above 1 keeps every answer.
        .all(since, below ?? 2, limit),
    )
    .map((r) => ({ text: r.text, entryId: r.entry_id, confidence: r.confidence, count: r.count }));

export const deleteQuestionsBefore = (db: Database.Database, cutoff: number): number =>
  db.prepare('DELETE FROM questions WHERE asked_at < ?').run(cutoff).changes;
