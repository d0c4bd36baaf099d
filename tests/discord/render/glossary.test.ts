import { embedLength } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../../src/discord/limits.js';
import { renderAnswer } from '../../../src/discord/render/answer.js';
import { withGlossary } from '../../../src/discord/render/glossary.js';
import type { Answer, GlossaryCitation } from '../../../src/engine/types.js';
import { answerFixture } from '../../fixtures/answer.js';

const note = (over: Partial<GlossaryCitation> = {}): GlossaryCitation => ({
  term: 'ROS',
  definition: 'Unstable molecules containing oxygen.',
  sourceId: 'nci',
  sourceTitle: 'NCI Dictionary',
  url: 'https://www.cancer.gov/x',
  ...over,
});

const answer = (glossary?: GlossaryCitation[]): Answer =>
  answerFixture({
    confidence: 1,
    text: 'The article says: “Selenoproteins regulate ROS.”',
    citations: [{ kind: 'quote', quote: 'Selenoproteins regulate ROS.', section: 'S', sourceId: 'article', url: null }],
    matchId: 'ros',
    ...(glossary ? { glossary } : {}),
  });

describe('glossary embed', () => {
  it('follows the other embeds, one line per term with its source', () => {
    const before = [{ title: 'What other research says', description: 'x' }];
    const embeds = withGlossary(answer([note(), note({ term: 'redox', definition: 'Electrons passing.' })]), before);
    expect(embeds).toHaveLength(2);
    expect(embeds[0]).toBe(before[0]);
    expect(embeds[1]?.title).toBe('In plain words');
    expect(embeds[1]?.description).toContain('**ROS**: Unstable molecules containing oxygen.');
    expect(embeds[1]?.description).toContain('— [NCI Dictionary](');
    expect(embeds[1]?.description?.split('\n\n')).toHaveLength(2);
  });

  it('adds nothing without glossary notes', () => {
    expect(withGlossary(answer(), [])).toEqual([]);
    expect(withGlossary(answer([]), [])).toEqual([]);
  });

  it('neutralises markdown and mentions in curated text', () => {
    const [embed] = withGlossary(answer([note({ term: '@everyone', definition: '**bold** [x](http://evil)' })]), []);
    expect(embed?.description).not.toContain('@everyone');
    // The brackets are escaped, so no masked link is left.
    expect(embed?.description).not.toMatch(/(?<!\\)\[x\]\(http:\/\/evil\)/);
  });

  it('stays within the embed total the other embeds leave', () => {
    const big = { title: 'big', description: 'x'.repeat(LIMITS.embedDescription) };
    const long = Array.from({ length: 20 }, (_, i) => note({ term: `t${i}`, definition: 'y'.repeat(290) }));
    const embeds = withGlossary(answer(long), [big]);
    expect(embeds.reduce((n, e) => n + embedLength(e), 0)).toBeLessThanOrEqual(LIMITS.embedTotal);
    const full = { title: 'full', description: 'x'.repeat(LIMITS.embedTotal - 100) };
    expect(withGlossary(answer(long), [full])).toEqual([full]);
  });

  it('is on the first page of a rendered answer', () => {
    const rendered = renderAnswer(answer([note()]));
    expect(rendered.embeds.map((e) => e.title)).toContain('In plain words');
  });
});
