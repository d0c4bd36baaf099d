// Zod schemas for everything that crosses the store's edge: inputs from the adapters and rows read back
// from SQLite. Types are inferred from them so the schema stays the single source of truth.
import { z } from 'zod';
import type { Route } from '../engine/types.js';

/**
 * Discord ids are snowflakes (digits), but the fake Discord used in e2e tests may use readable ids, so we
 * accept any short id-like token. The pattern keeps SQL-unfriendly or oversized values out of the file.
 */
export const idSchema = z.string().regex(/^[0-9A-Za-z_-]{1,64}$/, 'expected an id (1-64 letters, digits, _ or -)');

/** Discord messages are at most 4000 characters (with Nitro); anything longer is cut, not refused. */
export const MAX_QUESTION_CHARS = 4000;
const questionText = z
  .string()
  .min(1)
  .transform((s) => s.slice(0, MAX_QUESTION_CHARS));

export const voteValueSchema = z.enum(['up', 'down']);
export type VoteValue = z.infer<typeof voteValueSchema>;

const routes = ['entry', 'food', 'related', 'smalltalk', 'none'] as const satisfies readonly Route[];
export const routeSchema = z.enum(routes);
// Fails to compile if the engine adds a route the store does not know about.
type _RoutesCoverEngine = Route extends (typeof routes)[number] ? true : never;
const _routesCoverEngine: _RoutesCoverEngine = true;
void _routesCoverEngine;

const instant = z.date().optional();

export const voteInputSchema = z.object({
  answerId: idSchema,
  /** Raw Discord user id: hashed before it reaches SQL, never stored. */
  userId: z.string().min(1).max(128),
  guildId: idSchema.nullable(),
  entryId: z.string().min(1).max(200).nullable(),
  vote: voteValueSchema,
  now: instant,
});
export type VoteInput = z.input<typeof voteInputSchema>;

export const voteKeySchema = z.object({ answerId: idSchema, userId: z.string().min(1).max(128) });
export type VoteKey = z.input<typeof voteKeySchema>;

export const questionInputSchema = z.object({
  guildId: idSchema.nullable(),
  text: questionText,
  normalised: questionText,
  answered: z.boolean(),
  entryId: z.string().min(1).max(200).nullable(),
  confidence: z.number().min(0).max(1),
  route: routeSchema,
  now: instant,
});
export type QuestionInput = z.input<typeof questionInputSchema>;

export const reportOptionsSchema = z.object({
  since: z.date(),
  limit: z.number().int().min(1).max(1000).default(10),
  /** Only answers whose confidence is below this appear under lowConfidence; all answers when absent. */
  lowConfidenceBelow: z.number().min(0).max(1).optional(),
});
export type ReportOptions = z.input<typeof reportOptionsSchema>;

// ---- rows as SQLite returns them ----

export const voteRowSchema = z.object({
  answer_id: z.string(),
  /** HMAC of the member id (64 hex digits), or `expired:` and random hex once retention has taken it off. */
  user_hash: z.string().regex(/^(?:[0-9a-f]{64}|expired:[0-9a-f]{32})$/),
  guild_id: z.string().nullable(),
  entry_id: z.string().nullable(),
  vote: voteValueSchema,
  created_at: z.number().int(),
  updated_at: z.number().int(),
});
export type VoteRow = z.infer<typeof voteRowSchema>;

export const questionRowSchema = z.object({
  id: z.number().int(),
  guild_id: z.string().nullable(),
  text: z.string(),
  normalised: z.string(),
  answered: z.union([z.literal(0), z.literal(1)]),
  entry_id: z.string().nullable(),
  confidence: z.number(),
  route: routeSchema,
  asked_at: z.number().int(),
});
export type QuestionRow = z.infer<typeof questionRowSchema>;

export const entryFeedbackRowSchema = z.object({
  entry_id: z.string(),
  up: z.number().int().nonnegative(),
  down: z.number().int().nonnegative(),
});

export const unansweredRowSchema = z.object({
  text: z.string(),
  count: z.number().int().positive(),
  last_seen: z.number().int(),
});

export const lowConfidenceRowSchema = z.object({
  text: z.string(),
  entry_id: z.string().nullable(),
  confidence: z.number(),
  count: z.number().int().positive(),
});

export const settingsRowSchema = z.object({
  guild_id: z.string(),
  data: z.string(),
  updated_at: z.number().int(),
});

// ---- results handed back to callers ----

export interface StoredVote {
  answerId: string;
  guildId: string | null;
  entryId: string | null;
  vote: VoteValue;
  /** The member's vote before this call, or null for a first vote: lets the adapter say "vote changed". */
  previous: VoteValue | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface EntryFeedback {
  entryId: string;
  up: number;
  down: number;
}

export interface Report {
  topUnanswered: { text: string; count: number; lastSeen: Date }[];
  worstEntries: EntryFeedback[];
  lowConfidence: { text: string; entryId: string | null; confidence: number; count: number }[];
}
