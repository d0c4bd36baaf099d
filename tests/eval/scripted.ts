import type { Answer } from '../../src/engine/types.js';

// Scripted engine answers: the eval runner's scoring rules are tested apart from the real engine's quality.

/** A refusal unless `over` says otherwise. */
export const scriptedAnswer = (over: Partial<Answer>): Answer => ({
  answered: false,
  confidence: 0,
  text: "I don't know that from this article.",
  citations: [],
  suggestions: [],
  disclaimer: 'x',
  route: 'none',
  matchId: null,
  safety: null,
  evidence: [],
  followUpOf: null,
  ...over,
});
