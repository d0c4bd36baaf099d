import { embedLength } from 'discord.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clampChoices, clampEmbed, LIMITS, paginate, truncate, truncateWords } from '../../src/discord/limits.js';

describe('truncate', () => {
  it('keeps short text and cuts long text with an ellipsis', () => {
    expect(truncate('hello', 5)).toBe('hello');
    expect(truncate('hello world', 6)).toBe('hello…');
  });

  it('never exceeds the limit nor splits an emoji', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.integer({ min: 1, max: 200 }), (s, max) => {
        const out = truncate(s, max);
        expect(out.length).toBeLessThanOrEqual(max);
        // A cut never leaves the first half of a surrogate pair right before the ellipsis.
        if (out !== s) expect(/[\uD800-\uDBFF]…$/.test(out)).toBe(false);
      }),
    );
  });

  it('prefers a word boundary', () => {
    expect(truncateWords('the quick brown fox jumps', 18)).toBe('the quick brown…');
  });
});

describe('paginate', () => {
  it('keeps every line, in order, within the page size', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ maxLength: 120 }), { maxLength: 60 }),
        fc.integer({ min: 40, max: 500 }),
        (lines, max) => {
          const text = lines.join('\n');
          const pages = paginate(text, max);
          for (const p of pages) expect(p.length).toBeLessThanOrEqual(max);
          const squash = (s: string) => s.replace(/\s+/g, '');
          expect(squash(pages.join(''))).toBe(squash(text));
        },
      ),
    );
  });

  it('breaks between blocks rather than inside a line when it can', () => {
    const a = 'a'.repeat(30);
    const b = 'b'.repeat(30);
    expect(paginate(`${a}\n\n${b}`, 40)).toEqual([a, b]);
  });
});

describe('embeds and choices', () => {
  it('clamps every embed part and the 6,000 total', () => {
    const embed = clampEmbed({
      title: 't'.repeat(400),
      description: 'd'.repeat(5000),
      fields: Array.from({ length: 40 }, (_, i) => ({ name: `n${i}`, value: 'v'.repeat(2000) })),
    });
    expect(embed.title?.length).toBe(LIMITS.embedTitle);
    expect(embed.description?.length).toBe(LIMITS.embedDescription);
    expect(embed.fields?.length).toBeLessThanOrEqual(LIMITS.embedFields);
    for (const f of embed.fields ?? []) expect(f.value.length).toBeLessThanOrEqual(LIMITS.embedFieldValue);
    expect(embedLength(embed)).toBeLessThanOrEqual(LIMITS.embedTotal);
  });

  it('cuts autocomplete to 25 choices of at most 100 characters', () => {
    const choices = clampChoices(
      Array.from({ length: 40 }, (_, i) => ({ name: `${i} ${'x '.repeat(80)}`, value: `${i} ${'y '.repeat(80)}` })),
    );
    expect(choices).toHaveLength(LIMITS.autocompleteChoices);
    for (const c of choices) {
      expect(c.name.length).toBeLessThanOrEqual(100);
      expect(c.value.length).toBeLessThanOrEqual(100);
    }
    expect(clampChoices([{ name: 'a', value: '  ' }])).toEqual([]);
  });
});
