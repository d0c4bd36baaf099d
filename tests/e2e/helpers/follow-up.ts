import { expect } from 'vitest';
import { createEngine } from '../../../src/engine/index.js';
import { nextContext } from '../../../src/engine/turns.js';
import type { Answer, Engine } from '../../../src/engine/types.js';
import { loadKnowledge } from '../../../src/knowledge/load.js';
import { KNOWLEDGE_DIR } from './bot.js';

// What the conversation tests over Discord expect, worked out by the engine itself rather than hard-coded.

/** A question, and a follow-up that names no subject of its own. */
export const FIRST = 'what is selenium?';
export const FOLLOW_UP = 'why?';

/** The engine on the project's knowledge base, as the bot builds it. */
export function projectEngine(): Engine {
  const loaded = loadKnowledge(KNOWLEDGE_DIR);
  if (!loaded.ok) throw new Error('knowledge/ does not load');
  return createEngine(loaded.kb);
}

/** The first quote of an answer: what a reply must contain to be that answer. */
export const firstQuote = (a: Answer): string => a.citations[0]?.quote ?? '';

/**
 * FOLLOW_UP's answer after FIRST, with the premise checked rather than assumed: alone the follow-up is
 * refused; after FIRST it is answered, as a follow-up of FIRST's topic, with a quote to look for.
 */
export function followUpAnswer(engine: Engine): Answer {
  expect(engine.ask(FOLLOW_UP).answered).toBe(false);
  const followed = engine.ask(FOLLOW_UP, nextContext([], FIRST, engine.ask(FIRST)));
  expect(followed.answered).toBe(true);
  expect(followed.followUpOf).toBe(engine.ask(FIRST).matchId);
  expect(firstQuote(followed)).not.toBe('');
  return followed;
}
