import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/index.js';
import { normaliseText, STOPWORDS, stem, words } from '../../src/engine/normalise.js';
import { hardness, plainRequest } from '../../src/engine/plain.js';
import { nextContext } from '../../src/engine/turns.js';
import type { Answer } from '../../src/engine/types.js';
import { answerSchema, loadProjectKnowledge } from './answer-schema.js';

const kb = loadProjectKnowledge();
const engine = createEngine(kb);

describe('plain-language requests', () => {
  it('recognises the request and leaves the question', () => {
    expect(plainRequest('eli5 what are selenoproteins')).toEqual({
      rest: 'what are selenoproteins',
      plain: true,
      form: 'plain',
    });
    expect(plainRequest('what is ROS in normal words?').rest).toBe('what is ROS ?');
    expect(plainRequest('keep it short: does selenium help with flu').plain).toBe(true);
    expect(plainRequest('what is selenium').plain).toBe(false);
  });

  it('tells plainer words ("in normal words", "eli5") from fewer ("keep it short", "tl;dr", "in one sentence")', () => {
    for (const m of ['what is ROS in normal words?', 'eli5 ROS', "explain like i'm 5: ROS", 'ROS, no big words'])
      expect(plainRequest(m).form, m).toBe('plain');
    for (const m of ['keep it short: ROS?', 'tl;dr ROS', 'ROS in one sentence', 'ROS in a nutshell'])
      expect(plainRequest(m).form, m).toBe('short');
  });

  it('sums up the article with its conclusion, not with its sentence introducing itself', () => {
    const short = engine.ask('give me the gist of the whole article, keep it short');
    expect(short.matchId).toBe('article-overview');
    expect(short.citations.map((c) => c.quote)).toEqual([
      expect.stringContaining('potent nutrients to prevent infections'),
    ]);
  });

  it('answers plainer words with the plainest of the quotes using most of the question, fewer with the first', () => {
    const jargon = (a: Answer) => (a.glossary ?? []).map((g) => normaliseText(g.term));
    let checked = 0;
    for (const e of kb.entries.filter((x) => x.quotes.length > 1)) {
      const question = e.questions[0] as string;
      const full = engine.ask(question);
      if (full.matchId !== e.id || full.citations.filter((c) => c.kind === 'quote').length < 2) continue;
      checked += 1;
      const plain = engine.ask(`${question} in normal words`);
      const short = engine.ask(`${question}, keep it short`);
      expect(short.citations, e.id).toEqual(full.citations.slice(0, 1));
      const said = plain.citations[0]?.quote as string;
      expect(
        full.citations.map((c) => c.quote),
        e.id,
      ).toContain(said);
      // No quote as close to the question reads plainer.
      const asked = new Set(
        words(normaliseText(question))
          .filter((w) => !STOPWORDS.has(w))
          .map(stem),
      );
      const uses = (q: string) =>
        new Set(
          words(normaliseText(q))
            .map(stem)
            .filter((w) => asked.has(w)),
        ).size;
      for (const c of full.citations.filter((x) => x.kind === 'quote' && uses(x.quote) >= uses(said)))
        expect(hardness(c.quote, jargon(full)), e.id).toBeGreaterThanOrEqual(hardness(said, jargon(full)));
    }
    expect(checked).toBeGreaterThan(5);
  });

  it('answers the same topic in its short form: one verbatim quote', () => {
    const full = engine.ask('what are selenoproteins');
    const short = engine.ask('what are selenoproteins, in normal people words');
    answerSchema.parse(short);
    expect(short.matchId).toBe(full.matchId);
    expect(short.citations).toHaveLength(1);
    expect(short.citations[0]).toEqual(full.citations[0]);
    expect(short.text.length).toBeLessThan(full.text.length);
  });

  it('still refuses what it would refuse', () => {
    expect(engine.ask('eli5 how does zinc help colds').answered).toBe(false);
    expect(engine.ask('in simple words pls').answered).toBe(false);
  });
});

describe('a plain-words request alone, in a conversation', () => {
  const engine = createEngine(loadProjectKnowledge());
  const inConversation = (first: string, second: string) => {
    const context = nextContext([], first, engine.ask(first));
    return { first: engine.ask(first), second: engine.ask(second, context) };
  };

  it.each(['eli5', 'like in 1 sentence', 'in simple words pls'])('"%s" shortens the last answer', (request) => {
    const { first, second } = inConversation('what are selenoproteins', request);
    expect(answerSchema.parse(second).answered).toBe(true);
    expect(second.followUpOf).toBe(first.matchId);
    expect(second.citations).toHaveLength(1);
    expect(first.citations.map((c) => c.quote)).toContain(second.citations[0]?.quote);
  });

  it('after a refused question, stays refused', () => {
    expect(inConversation('what is the capital of france', 'eli5').second.answered).toBe(false);
  });
});
