// The pull probe (`npm run eval -- --pulls`): whether a conversation drags a fresh question to its last topic.
// The conversation sets score one fresh question per line; this asks every in-scope question of the tuning
// halves and questions.jsonl after first turns of other conversations, and counts those answered as a
// follow-up of the earlier turn with another entry than the question gets alone. Some of them a conversation
// may fairly read either way ("what does it say about that"); most are a question with a subject of its own.
// Never run on held-out files: it is a tuning tool.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { nextContext } from '../engine/turns.js';
import type { Answer, Engine } from '../engine/types.js';
import { parseConversations } from './conversations.js';
import { parseJsonLines } from './jsonl.js';

export interface PullTally {
  /** Question and first turn pairs asked (the question alone answered, with another entry than the turn's). */
  pairs: number;
  pulled: number;
  /** "first turn || question -> entry with context (alone: entry)", in the order met. */
  examples: string[];
}

/** Asks each question after each first turn (each first turn a conversation of its own). */
export function probePulls(engine: Pick<Engine, 'ask'>, firstTurns: readonly string[], questions: readonly string[]) {
  const tally: PullTally = { pairs: 0, pulled: 0, examples: [] };
  const alone = new Map<string, Answer>(questions.map((q) => [q, engine.ask(q)]));
  for (const turn of firstTurns) {
    const first = engine.ask(turn);
    if (!first.answered) continue;
    const context = nextContext([], turn, first);
    for (const [q, own] of alone) {
      if (!own.answered || own.matchId === first.matchId) continue;
      tally.pairs += 1;
      const asked = engine.ask(q, context);
      if (asked.followUpOf === null || asked.matchId === own.matchId) continue;
      tally.pulled += 1;
      tally.examples.push(`${turn} || ${q} -> ${asked.matchId} (alone: ${own.matchId})`);
    }
  }
  return tally;
}

/** A question line of any eval file: only the in-scope ones (`expect: "answer"`) are asked. */
const questionLine = z.object({ q: z.string(), expect: z.string().optional() });
const read = (dir: string, f: string) => readFileSync(join(dir, f), 'utf8');

/**
 * The probe's inputs from tests/eval: in-scope questions of questions.jsonl and the Discord tuning halves (up to
 * `maxChars`: the story-length ones add time, not kinds), and every `every`-th first turn of the tuning
 * conversations. Held-out files are never read.
 */
export function pullProbeInputs(root: string, every = 7, maxChars = 140) {
  const dir = join(root, 'tests', 'eval');
  const files = readdirSync(dir).sort();
  const questions = files
    .filter((f) => /^(questions|discord\d*-tuning)\.jsonl$/.test(f))
    .flatMap((f) => parseJsonLines(read(dir, f), questionLine, f))
    .filter((l) => l.expect === 'answer' && l.q.length < maxChars)
    .map((l) => l.q);
  const firstTurns = files
    .filter((f) => /^conversations\d*-tuning\.jsonl$/.test(f))
    .flatMap((f) => parseConversations(read(dir, f), f))
    .map((l) => l.turns[0] ?? '')
    .filter((t, i) => t && i % every === 0);
  return { questions, firstTurns };
}

export const formatPulls = (t: PullTally, verbose: boolean): string =>
  [
    `pull probe (tuning questions after other conversations' first turns): ${t.pulled} of ${t.pairs} pairs answered as a follow-up with another entry (${((100 * t.pulled) / Math.max(1, t.pairs)).toFixed(1)}%)`,
    ...(verbose ? t.examples.map((e) => `    PULLED ${e}`) : []),
  ].join('\n');
