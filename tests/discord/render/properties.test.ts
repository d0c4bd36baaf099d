import { embedLength } from 'discord.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCustomId } from '../../../src/discord/custom-ids.js';
import { LIMITS } from '../../../src/discord/limits.js';
import { echo, type ReplyPayload, renderAnswer, renderFood } from '../../../src/discord/render/index.js';
import type { Answer, FoodAnswerParts, FoodResult } from '../../../src/engine/types.js';

// Whatever the engine or a member produces, a rendered reply stays inside Discord's limits and pings nobody.

const kebab = fc.stringMatching(/^[a-z0-9]{1,20}(-[a-z0-9]{1,20}){0,3}$/);
const text = fc.string({ unit: 'grapheme', maxLength: 400 });
const url = fc.option(fc.webUrl(), { nil: null });

const answerArb: fc.Arbitrary<Answer> = fc.record({
  answered: fc.boolean(),
  confidence: fc.double({ min: 0, max: 1, noNaN: true }),
  text: fc.string({ unit: 'grapheme', maxLength: 3000 }),
  citations: fc.array(
    fc.record({
      kind: fc.constantFrom('quote' as const, 'data' as const),
      quote: text,
      section: text,
      sourceId: kebab,
      url,
    }),
    { maxLength: 12 },
  ),
  suggestions: fc.array(fc.record({ id: kebab, title: text, question: text }), { maxLength: 6 }),
  disclaimer: fc.string({ maxLength: 200 }),
  route: fc.constantFrom('entry' as const, 'food' as const, 'related' as const, 'none' as const),
  matchId: fc.option(kebab, { nil: null }),
  safety: fc.option(text, { nil: null }),
  evidence: fc.array(fc.record({ text, sourceId: kebab, sourceTitle: text, url }), { maxLength: 4 }),
  followUpOf: fc.option(kebab, { nil: null }),
});

function expectWithinLimits(p: ReplyPayload): void {
  expect(p.content.length).toBeLessThanOrEqual(LIMITS.content);
  expect(p.allowed_mentions.parse).toEqual([]);
  expect(p.components.length).toBeLessThanOrEqual(LIMITS.actionRows);
  for (const row of p.components) {
    expect(row.components.length).toBeLessThanOrEqual(LIMITS.buttonsPerRow);
    const ids = row.components.map((b) => b.custom_id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const b of row.components) {
      expect(b.custom_id.length).toBeLessThanOrEqual(LIMITS.customId);
      expect(decodeCustomId(b.custom_id)).not.toBeNull();
      expect(b.label?.length ?? 0).toBeLessThanOrEqual(LIMITS.buttonLabel);
    }
  }
}

describe('render properties', () => {
  it('any answer, on any page, for any question, fits and pings only the target user', () => {
    fc.assert(
      fc.property(
        answerArb,
        fc.string({ maxLength: 6000 }),
        fc.nat(5),
        fc.boolean(),
        (answer, question, page, forUser) => {
          const p = renderAnswer(answer, { question, page, ...(forUser ? { forUserId: '123456789012345678' } : {}) });
          expectWithinLimits(p);
          expect(p.allowed_mentions.users).toEqual(forUser ? ['123456789012345678'] : []);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('any food answer renders as one embed inside every embed limit', () => {
    const partsArb: fc.Arbitrary<FoodAnswerParts> = fc.record({
      name: text,
      serving: text,
      amounts: fc.array(text, { minLength: 1, maxLength: 3 }),
      notes: fc.array(text, { maxLength: 3 }),
      mentions: fc.array(fc.record({ quote: text, note: fc.option(text, { nil: null }) }), { maxLength: 2 }),
      source: fc.record({ label: text, url: fc.option(url, { nil: null }) }),
    });
    const foodArb: fc.Arbitrary<FoodResult> = fc.record({
      found: fc.constant(true),
      name: fc.option(text, { nil: null }),
      serving: fc.option(text, { nil: null }),
      mcg: fc.double({ min: 0, max: 5000, noNaN: true }),
      percentDailyValue: fc.option(fc.nat(10000), { nil: null }),
      source: fc.option(fc.record({ id: kebab, title: text, url }), { nil: null }),
      suggestions: fc.array(text, { maxLength: 4 }),
      id: fc.option(kebab, { nil: null }),
      table: fc.constantFrom('ods' as const, 'usda' as const, null),
      per100g: fc.constant(null),
      notes: fc.array(text, { maxLength: 3 }),
    });
    fc.assert(
      fc.property(foodArb, answerArb, partsArb, (food, answer, parts) => {
        const p = renderFood(food, { ...answer, answered: true, food: parts }, { query: 'q' });
        expectWithinLimits(p);
        expect(p.embeds).toHaveLength(1);
        const [embed] = p.embeds;
        if (!embed) return;
        expect(embedLength(embed)).toBeLessThanOrEqual(LIMITS.embedTotal);
        expect(embed.title?.length ?? 0).toBeLessThanOrEqual(LIMITS.embedTitle);
        expect(embed.description?.length ?? 0).toBeLessThanOrEqual(LIMITS.embedDescription);
        for (const f of embed.fields ?? []) expect(f.value.length).toBeLessThanOrEqual(LIMITS.embedFieldValue);
      }),
      { numRuns: 200 },
    );
  });

  it('echoed member text never carries a live mention, link disguise or invisible character', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.string({ unit: 'binary', maxLength: 20 }),
            fc.constantFrom(
              '@everyone',
              '@here',
              '<@&1234567890123>',
              '<@!1234567890123>',
              '[x](https://e.x)',
              '\u202E',
              '\u200B',
              '\u0007',
            ),
          ),
          { maxLength: 12 },
        ),
        (parts) => {
          const out = echo(parts.join(' '));
          expect(out).not.toMatch(
            /@everyone|@here|<@[!&]?\d+>|(?<!\\)\[x\]\(|[\p{Cc}\u202A-\u202E\u2066-\u2069\u200B]/u,
          );
          expect(out.length).toBeLessThanOrEqual(400);
        },
      ),
    );
  });
});
