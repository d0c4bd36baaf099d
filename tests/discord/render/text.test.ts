import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  echo,
  neutralise,
  type ReplyPayload,
  renderArticle,
  renderComparison,
  renderFood,
  renderTopFoods,
} from '../../../src/discord/render/index.js';
import { createEngine } from '../../../src/engine/index.js';
import { loadKnowledgeOrThrow } from '../../../src/knowledge/load.js';

// Member text can reach a message directly (an echo) or inside the engine's own text ("I couldn't find
// "…""), so every view must show it inert: no mention, channel or command link, no masked link, no markdown.

const HOSTILE = [
  '@everyone',
  '@here',
  '<@123456789012345678>',
  '<@!123456789012345678>',
  '<@&234567890123456789>',
  '<#345678901234567890>',
  '</food:456789012345678901>',
  '[free nitro](https://evil.example)',
  '**bold** __under__ ||spoiler|| # heading',
];

/** What would render live in Discord: mentions, channel/command links, the member's masked link, bold. */
const LIVE =
  /@everyone|@here|<@!?\d+>|<@&\d+>|<#\d+>|<\/[^>]+:\d+>|(?<!\\)\[[^\]]*\]\(<?https:\/\/evil|(?<!\\)\*\*bold/;

const textOf = (p: ReplyPayload): string =>
  [p.content, ...p.embeds.flatMap((e) => [e.title, e.description, ...(e.fields ?? []).map((f) => f.value)])].join('\n');

describe('neutralise', () => {
  it.each(HOSTILE)('shows %s as inert text', (text) => {
    expect(neutralise(text)).not.toMatch(LIVE);
    expect(echo(text)).not.toMatch(LIVE);
  });

  it('never leaves a live mention or masked link, whatever the text', () => {
    const piece = fc.constantFrom(...HOSTILE, '<', '>', '@', '#', '&', '!', '[', ']', '(', ')', '\\', ' ', '1', 'a');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        expect(neutralise(pieces.join(''))).not.toMatch(/<@!?\d+>|<@&\d+>|<#\d+>|@everyone|@here/);
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves ordinary text alone', () => {
    expect(neutralise('Brazil nuts: 544 mcg per ounce (989% DV).')).toBe('Brazil nuts: 544 mcg per ounce (989% DV).');
  });
});

describe('every view that can show member text', () => {
  const kb = loadKnowledgeOrThrow('knowledge');
  const engine = createEngine(kb);

  it.each(HOSTILE)('/food compare shows %s inert', (text) => {
    expect(textOf(renderComparison(engine.compareFoods('tuna', text)))).not.toMatch(LIVE);
    expect(textOf(renderComparison(engine.compareFoods(text, 'tuna')))).not.toMatch(LIVE);
  });

  it.each(HOSTILE)('/food, /food top and /article show %s inert', (text) => {
    expect(textOf(renderFood(engine.food(text), null, { query: text }))).not.toMatch(LIVE);
    expect(textOf(renderTopFoods([], text, { upperLimitMcg: 400 }))).not.toMatch(LIVE);
    expect(textOf(renderArticle(kb, text))).not.toMatch(LIVE);
  });
});
