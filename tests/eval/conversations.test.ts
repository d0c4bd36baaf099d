import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Answer, ConversationContext, Engine } from '../../src/engine/types.js';
import {
  type ConversationLine,
  conversationFiles,
  conversationsPass,
  formatConversations,
  parseConversations,
  replay,
  scoreConversations,
} from '../../src/eval/conversations.js';
import { scriptedAnswer } from './scripted.js';

const answer = scriptedAnswer;

/**
 * A scripted engine: answers a message by what the context holds, so the replay's threading of context is
 * what is tested. "why?" answers the last turn's topic as a follow-up; anything else by its own script.
 */
const scripted = (answers: Record<string, Answer>): Engine & { seen: ConversationContext[] } => {
  const seen: ConversationContext[] = [];
  return {
    seen,
    ask: (q: string, context: ConversationContext = []) => {
      seen.push(context);
      const last = context[context.length - 1];
      if (q === 'why?' && last?.matchId)
        return answer({
          answered: true,
          route: 'entry',
          matchId: last.matchId,
          text: `why ${last.matchId}`,
          followUpOf: last.matchId,
        });
      return answers[q] ?? answer({});
    },
  } as unknown as Engine & { seen: ConversationContext[] };
};

const flu = answer({ answered: true, route: 'entry', matchId: 'flu', text: 'The article says: flu things.' });
const covid = answer({ answered: true, route: 'entry', matchId: 'covid', text: 'The article says: covid things.' });

describe('conversation scoring', () => {
  it('replays every turn with the context of the turns before it', () => {
    const engine = scripted({ 'flu?': flu });
    const last = replay(engine, ['flu?', 'why?']);
    expect(engine.seen[0]).toEqual([]);
    expect(engine.seen[1]?.map((t) => t.matchId)).toEqual(['flu']);
    expect(last).toMatchObject({ matchId: 'flu', followUpOf: 'flu' });
  });

  it('scores only the last turn, with the question sets rule, per kind', () => {
    const engine = scripted({ 'flu?': flu, 'covid?': covid, 'weather?': answer({}) });
    const lines: ConversationLine[] = [
      { turns: ['flu?', 'why?'], expect: 'answer', any: ['why flu'], kind: 'follow-up' },
      { turns: ['covid?', 'why?'], expect: 'answer', any: ['flu'], kind: 'follow-up' },
      { turns: ['flu?', 'covid?'], expect: 'answer', any: ['covid things'], kind: 'fresh' },
      { turns: ['covid?', 'weather?'], expect: 'none', kind: 'off-topic' },
      { turns: ['weather?', 'flu?'], expect: 'none', kind: 'off-topic' },
    ];
    const r = scoreConversations(engine, lines, 't', false);
    expect(r.followUp).toMatchObject({ passed: 1, total: 2 });
    expect(r.fresh).toMatchObject({ passed: 1, total: 1 });
    expect(r.offTopic).toMatchObject({ passed: 1, total: 2 });
    expect(r.pulled).toMatchObject({ passed: 0, total: 1 });
    expect(conversationsPass(r)).toBe(false);
  });

  it('counts a fresh question answered as a follow-up as pulled, even when its phrase is found', () => {
    const engine = scripted({ 'flu?': flu });
    const r = scoreConversations(
      engine,
      [{ turns: ['flu?', 'why?'], expect: 'answer', any: ['flu'], kind: 'fresh' }],
      't',
      false,
    );
    expect(r.fresh.passed).toBe(1);
    expect(r.pulled.passed).toBe(1);
    expect(conversationsPass(r)).toBe(false);
  });

  it('prints the failing lines of a tuning set but only the totals of a held-out set', () => {
    const engine = scripted({});
    const lines: ConversationLine[] = [
      { turns: ['secret one', 'secret two'], expect: 'answer', any: ['x'], kind: 'follow-up' },
    ];
    expect(formatConversations(scoreConversations(engine, lines, 'tuning', false), true)).toContain('secret two');
    const heldOut = formatConversations(scoreConversations(engine, lines, 'heldout', true), true);
    expect(heldOut).not.toContain('secret');
    expect(heldOut).toContain('(0/1)');
  });

  it('rejects a malformed line with its line number', () => {
    expect(() =>
      parseConversations('{"turns":["a","b"],"expect":"answer","any":["x"],"kind":"fresh"}\n{"turns":["a"]}'),
    ).toThrow(/:2:/);
  });
});

describe('tests/eval/conversations-*.jsonl', () => {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const files = conversationFiles(root);

  it('has a tuning and a held-out half, together at least 60 conversations of 2-4 turns', () => {
    expect(files.some((f) => f.includes('tuning'))).toBe(true);
    expect(files.some((f) => f.includes('heldout'))).toBe(true);
    // Parsed, never printed: the held-out half stays unseen.
    const lines = files.flatMap((f) => parseConversations(readFileSync(f, 'utf8'), f));
    expect(lines.length).toBeGreaterThanOrEqual(60);
    expect(lines.every((l) => l.turns.length >= 2 && l.turns.length <= 4)).toBe(true);
    for (const kind of ['follow-up', 'fresh', 'off-topic']) expect(lines.some((l) => l.kind === kind)).toBe(true);
  });
});
