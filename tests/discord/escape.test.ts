import { escapeMarkdown } from 'discord.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeMd } from '../../src/discord/render/index.js';

// escapeMd skips discord.js's escapeMarkdown when no rule could apply; it must never change the result.
const tricky = fc.string({
  unit: fc.constantFrom('a', ' ', '\n', '*', '_', '~', '|', '`', '#', '-', '1', '.', '\\', '[', ']', '(', ')', '>'),
  maxLength: 40,
});

describe('escapeMd', () => {
  it.each([
    ['default options', undefined],
    ['headings and lists too', { heading: true, bulletedList: true, numberedList: true }],
  ])('gives exactly what escapeMarkdown gives (%s)', (_name, options) => {
    fc.assert(
      fc.property(tricky, (text) => {
        expect(escapeMd(text, options)).toBe(escapeMarkdown(text, options));
      }),
      { numRuns: 3000 },
    );
  });
});
