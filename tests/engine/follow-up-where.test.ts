import { describe, expect, it } from 'vitest';
import { asksWhereInArticle } from '../../src/engine/follow-up-where.js';
import { normaliseText, words } from '../../src/engine/normalise.js';
import { projectEngine } from './converse.js';

// "Where in the article?" after an answer: the sections its quotes stand in, not the article's outline.

const { converse } = projectEngine();
const asks = (m: string) => asksWhereInArticle(words(normaliseText(m)));

describe('asksWhereInArticle', () => {
  it('is a question for the place of the last answer', () => {
    for (const m of [
      'where in the article?',
      'which part of the article?',
      'which section is that in',
      'what paragraph is this from',
      'which section?',
    ])
      expect(asks(m), m).toBe(true);
  });

  it('is not the outline, a section by topic or another question', () => {
    for (const m of [
      'what are the sections',
      'which section talks about covid',
      'where can I buy it',
      'why?',
      'the first section',
    ])
      expect(asks(m), m).toBe(false);
  });
});

describe('in a conversation', () => {
  it("names the sections of the last answer's quotes, with a deep link, then quotes them again", () => {
    const [first, where] = converse('is selenium an antioxidant', 'which part of the article is that in?');
    expect(where).toMatchObject({ answered: true, matchId: first?.matchId, followUpOf: first?.matchId });
    const section = first?.citations[0]?.section as string;
    expect(where?.text).toContain(`“${section}”`);
    expect(where?.text).toContain(first?.citations[0]?.url as string);
    expect(where?.text).toContain(first?.citations[0]?.quote as string);
  });

  it('after an article question ("does it mention ...") too', () => {
    const [first, where] = converse('does the article talk about the immune system', 'where in the article?');
    expect(first?.answered).toBe(true);
    expect(where?.followUpOf).toBe(first?.matchId);
    expect(where?.text).toMatch(/^In the article, that is in the sections? “/);
  });

  it("after a refused message it is not answered with the last answer's place", () => {
    const [, where] = converse('what is the capital of australia', 'which section is that in');
    expect(where?.text ?? '').not.toMatch(/^In the article, that is in/);
  });
});
