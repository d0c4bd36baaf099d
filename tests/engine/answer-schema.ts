import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { loadKnowledge } from '../../src/knowledge/load.js';
import type { KnowledgeBase } from '../../src/knowledge/types.js';

// The Answer contract (src/engine/types.ts) as a zod schema, so tests check real objects, not types.

const citation = z.strictObject({
  kind: z.enum(['quote', 'data']),
  quote: z.string().min(1),
  section: z.string().min(1),
  sourceId: z.string().min(1),
  url: z.string().url().nullable(),
});

const suggestion = z.strictObject({ id: z.string().min(1), title: z.string().min(1), question: z.string().min(1) });

const answerFields = {
  answered: z.boolean(),
  confidence: z.number().min(0).max(1),
  text: z.string().min(1),
  citations: z.array(citation),
  suggestions: z.array(suggestion).max(3),
  disclaimer: z.string().min(1),
  route: z.enum(['entry', 'food', 'related', 'smalltalk', 'none']),
  matchId: z.string().nullable(),
  safety: z.string().nullable(),
  evidence: z.array(
    z.strictObject({
      text: z.string().min(1),
      sourceId: z.string().min(1),
      sourceTitle: z.string().min(1),
      url: z.string().nullable(),
    }),
  ),
  glossary: z
    .array(
      z.strictObject({
        term: z.string().min(1),
        definition: z.string().min(1),
        sourceId: z.string().min(1),
        sourceTitle: z.string().min(1),
        url: z.string().nullable(),
      }),
    )
    .optional(),
  followUpOf: z.string().min(1).nullable(),
  food: z
    .strictObject({
      name: z.string().min(1),
      serving: z.string().min(1),
      amounts: z.array(z.string().min(1)).min(2),
      notes: z.array(z.string().min(1)),
      mentions: z.array(z.strictObject({ quote: z.string().min(1), note: z.string().min(1).nullable() })),
      source: z.strictObject({ label: z.string().min(1), url: z.string().url().nullable() }),
    })
    .optional(),
};

/** One question of a several-question message: an answer with its heading, never with parts of its own. */
export const answerPartSchema = z.strictObject({
  ...answerFields,
  heading: z.string().min(1),
  asked: z.string().min(1),
});

export const answerSchema = z.strictObject({
  ...answerFields,
  parts: z.array(answerPartSchema).min(2).max(3).optional(),
});

export function loadProjectKnowledge(): KnowledgeBase {
  const loaded = loadKnowledge(fileURLToPath(new URL('../../knowledge', import.meta.url)));
  if (!loaded.ok) throw new Error(`knowledge/ does not load: ${JSON.stringify(loaded.errors.slice(0, 3))}`);
  return loaded.kb;
}
