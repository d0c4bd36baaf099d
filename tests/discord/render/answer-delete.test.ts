import { describe, expect, it } from 'vitest';
import { decodeCustomId } from '../../../src/discord/custom-ids.js';
import { LIMITS } from '../../../src/discord/limits.js';
import { renderAnswer } from '../../../src/discord/render/index.js';
import { createEngine } from '../../../src/engine/index.js';
import { realKnowledge } from '../../engine/foods/kb.js';

const engine = createEngine(realKnowledge().kb);
const ANA = '200000000000000002';
const BEN = '300000000000000003';

const rows = (p: ReturnType<typeof renderAnswer>) =>
  p.components.map((row) => row.components.map((b) => decodeCustomId(b.custom_id)?.kind ?? null));

describe('renderAnswer: the Delete button', () => {
  const answered = engine.ask('what is selenium?');
  const refused = engine.ask('what is the weather in Paris tomorrow?');

  it('sits next to 👍 / 👎 on an answer, small and secondary, and names who asked', () => {
    const p = renderAnswer(answered, { feedback: { answerId: 'abc' }, deletableBy: ANA });
    const last = rows(p).at(-1);
    expect(last).toEqual(['vote', 'vote', 'delete']);
    const del = p.components.at(-1)?.components.at(-1);
    expect(del).toMatchObject({ style: 2, label: 'Delete', emoji: { name: '🗑️' } });
    expect(decodeCustomId(del?.custom_id ?? '')).toEqual({ kind: 'delete', askerId: ANA });
  });

  it('gets a row of its own beside "did you mean" suggestions, never among them', () => {
    expect(refused.suggestions.length).toBeGreaterThan(0);
    const kinds = rows(renderAnswer(refused, { feedback: { answerId: 'abc' }, deletableBy: ANA }));
    expect(kinds[0]?.every((k) => k === 'ask')).toBe(true);
    expect(kinds.at(-1)).toEqual(['delete']);
  });

  it('stays within Discord’s rows and buttons, and is absent unless asked for or past the first page', () => {
    for (const a of [answered, refused, engine.ask('calcium flux protein folding')]) {
      const p = renderAnswer(a, { feedback: { answerId: 'abc' }, deletableBy: ANA });
      expect(p.components.length).toBeLessThanOrEqual(LIMITS.actionRows);
      for (const row of p.components) expect(row.components.length).toBeLessThanOrEqual(LIMITS.buttonsPerRow);
      expect(rows(renderAnswer(a)).flat()).not.toContain('delete');
    }
    // A later page ("More") is a new message for whoever clicked: no Delete there.
    const long = { ...answered, citations: Array.from({ length: 30 }, () => answered.citations).flat() };
    expect(renderAnswer(long).content).toContain('part 1 of');
    expect(rows(renderAnswer(long, { deletableBy: ANA, page: 1 })).flat()).not.toContain('delete');
  });
});

describe('renderAnswer: answering another member’s message', () => {
  const answer = engine.ask('does selenium help the immune system?');

  it('names them in one header line, as a mention that pings nobody', () => {
    const p = renderAnswer(answer, {
      deletableBy: BEN,
      answering: { authorId: ANA, text: 'does selenium help the immune system?' },
    });
    expect(p.content.split('\n')[0]).toBe(`*Answering <@${ANA}>’s question:* “does selenium help the immune system?”`);
    expect(p.allowed_mentions).toEqual({ parse: [], users: [], replied_user: false });
  });

  it('neutralises and shortens what it quotes', () => {
    const text = `@everyone <@${BEN}> **look** [x](https://evil.example) ${'word '.repeat(100)}`;
    const header = renderAnswer(answer, { answering: { authorId: ANA, text } }).content.split('\n')[0] ?? '';
    expect(header).not.toMatch(/@everyone|<@300|\*\*look|(?<!\\)\[x\]/);
    expect(header.length).toBeLessThan(300);
  });
});
