// Conversation sets (tests/eval/conversations-*.jsonl): short exchanges replayed turn by turn through
// `ask(message, context)`, with the context built by `nextContext` as an adapter would. Only the last turn
// is scored, with the question sets' rule: answered with an expected phrase in the text or a cited quote,
// or, for `expect: none`, refused. Held-out files print totals only, never their lines.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { nextContext } from '../engine/turns.js';
import type { Answer, Engine, Turn } from '../engine/types.js';
import { parseJsonLines } from './jsonl.js';

/** Targets from the issue: follow-ups resolved to the right topic, no fresh question pulled, off-topic refused. */
export const CONVERSATION_TARGETS = { followUp: 0.95, fresh: 1, offTopic: 0.95, pulled: 0 } as const;

const conversationLine = z.union([
  z.object({
    turns: z.array(z.string()).min(2),
    expect: z.literal('answer'),
    any: z.array(z.string()).min(1),
    kind: z.enum(['follow-up', 'fresh']),
  }),
  z.object({ turns: z.array(z.string()).min(2), expect: z.literal('none'), kind: z.literal('off-topic') }),
]);
export type ConversationLine = z.infer<typeof conversationLine>;

export interface ConversationTally {
  passed: number;
  total: number;
  failures: string[];
}

export interface ConversationResult {
  name: string;
  /** Held-out sets are reported as totals only. */
  heldOut: boolean;
  followUp: ConversationTally;
  fresh: ConversationTally;
  offTopic: ConversationTally;
  /** Fresh questions answered as a follow-up of the previous turn (`followUpOf` set). */
  pulled: ConversationTally;
}

const tally = (): ConversationTally => ({ passed: 0, total: 0, failures: [] });

export function parseConversations(text: string, name = 'conversations'): ConversationLine[] {
  return parseJsonLines(text, conversationLine, name);
}

/** Every turn asked with the context of the ones before it; the last turn's answer. */
export function replay(engine: Engine, turns: readonly string[]): Answer {
  let context: Turn[] = [];
  let answer: Answer | undefined;
  for (const turn of turns) {
    answer = engine.ask(turn, context);
    context = nextContext(context, turn, answer);
  }
  if (!answer) throw new Error('a conversation needs at least one turn');
  return answer;
}

const found = (answer: Answer, any: readonly string[]): boolean => {
  const haystack = [answer.text, ...answer.citations.map((c) => c.quote)].join('\n').toLowerCase();
  return answer.answered && any.some((p) => haystack.includes(p.toLowerCase()));
};

const describe = (a: Answer): string =>
  a.answered
    ? `${a.route}:${a.matchId} ${a.confidence.toFixed(2)}${a.followUpOf ? ` (follow-up of ${a.followUpOf})` : ''}`
    : `refused ${a.confidence.toFixed(2)}`;

export function scoreConversations(
  engine: Engine,
  lines: readonly ConversationLine[],
  name: string,
  heldOut: boolean,
): ConversationResult {
  const result: ConversationResult = {
    name,
    heldOut,
    followUp: tally(),
    fresh: tally(),
    offTopic: tally(),
    pulled: tally(),
  };
  for (const line of lines) {
    const answer = replay(engine, line.turns);
    const shown = line.turns.join(' | ');
    if (line.kind === 'off-topic') {
      result.offTopic.total += 1;
      if (!answer.answered) result.offTopic.passed += 1;
      else result.offTopic.failures.push(`answered (${describe(answer)}): ${shown}`);
      continue;
    }
    const into = line.kind === 'follow-up' ? result.followUp : result.fresh;
    into.total += 1;
    if (found(answer, line.any)) into.passed += 1;
    else into.failures.push(`${describe(answer)}: ${shown}`);
    if (line.kind === 'fresh') {
      result.pulled.total += 1;
      if (answer.followUpOf !== null) {
        result.pulled.passed += 1;
        result.pulled.failures.push(`${describe(answer)}: ${shown}`);
      }
    }
  }
  return result;
}

/** The conversation sets in tests/eval, in name order. */
export function conversationFiles(root: string): string[] {
  const dir = join(root, 'tests', 'eval');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /^conversations.*\.jsonl$/.test(f))
    .sort()
    .map((f) => join(dir, f));
}

export function runConversationFile(engine: Engine, path: string): ConversationResult {
  const name = basename(path);
  return scoreConversations(engine, parseConversations(readFileSync(path, 'utf8'), name), name, /heldout/i.test(name));
}

const rate = (t: ConversationTally): number => (t.total ? t.passed / t.total : 1);
const pct = (t: ConversationTally): string => (t.total ? `${(100 * rate(t)).toFixed(1)}%` : 'n/a');

export function conversationsPass(r: ConversationResult): boolean {
  const t = CONVERSATION_TARGETS;
  return (
    rate(r.followUp) >= t.followUp &&
    rate(r.fresh) >= t.fresh &&
    rate(r.offTopic) >= t.offTopic &&
    r.pulled.passed <= t.pulled
  );
}

export function formatConversations(r: ConversationResult, verbose: boolean): string {
  const row = (label: string, t: ConversationTally) =>
    `  ${label.padEnd(28)} ${pct(t).padStart(6)}  (${t.passed}/${t.total})`;
  const lines = [
    `conversations (${r.name})`,
    row('follow-ups resolved', r.followUp),
    row('fresh answered, not pulled', r.fresh),
    `  ${'fresh pulled to last topic'.padEnd(28)} ${String(r.pulled.passed).padStart(6)}  (of ${r.pulled.total})`,
    row('off-topic refused', r.offTopic),
  ];
  // A held-out set stays unseen: its failing lines are never printed, only its totals.
  if (verbose && !r.heldOut) {
    for (const [label, t] of [
      ['follow-up', r.followUp],
      ['fresh', r.fresh],
      ['pulled', r.pulled],
      ['off-topic', r.offTopic],
    ] as const)
      for (const f of t.failures) lines.push(`    FAIL ${label}: ${f}`);
  }
  return lines.join('\n');
}

export const conversationSummary = (r: ConversationResult): string =>
  `${r.name}: follow-ups ${pct(r.followUp)}, fresh ${pct(r.fresh)} (${r.pulled.passed} pulled), off-topic ${pct(r.offTopic)}`;
