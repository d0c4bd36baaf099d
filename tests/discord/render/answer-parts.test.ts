import { describe, expect, it } from 'vitest';
import { decodeCustomId } from '../../../src/discord/custom-ids.js';
import { renderAnswer } from '../../../src/discord/render/index.js';
import { createEngine } from '../../../src/engine/index.js';
import { realKnowledge } from '../../engine/foods/kb.js';

const engine = createEngine(realKnowledge().kb);
const buttonIds = (payload: ReturnType<typeof renderAnswer>) =>
  (payload.components ?? []).flatMap((row) =>
    row.components.map((b) => ('custom_id' in b ? decodeCustomId(b.custom_id) : null)),
  );

describe('renderAnswer: several questions in one message', () => {
  const answer = engine.ask(
    'quick one: does selenium help with inflammation? and how much should an adult take a day? also what about zinc',
  );

  it('shows each part under its own bold heading, with that part’s quotes, and names what is not covered', () => {
    expect(answer.parts?.length).toBeGreaterThan(1);
    // A long answer is paged ("More"): read every page, as a member clicking through would.
    const first = renderAnswer(answer);
    const pages = Number(/part \d+ of (\d+)/.exec(first.content ?? '')?.[1] ?? 1);
    const content = Array.from({ length: pages }, (_, page) => renderAnswer(answer, { page }).content ?? '').join('\n');
    let from = 0;
    for (const part of answer.parts ?? []) {
      const heading = content.indexOf(`**${part.heading}**`, from);
      expect(heading, part.heading).toBeGreaterThanOrEqual(from);
      const quote = part.citations.find((c) => c.kind === 'quote');
      if (quote) expect(content.indexOf(quote.quote.slice(0, 30), heading)).toBeGreaterThan(heading);
      from = heading + 1;
    }
    expect(content).toMatch(/doesn.t cover zinc/i);
    // The engine's plain-text run of every part is not repeated on top of the headed parts.
    expect(content).not.toContain(`${answer.parts?.[0]?.heading}: `);
  });
});

describe('renderAnswer: small talk', () => {
  it('welcomes with topic buttons, without the "did you mean" line', () => {
    const answer = engine.ask('hi selene 👋 what can you do?');
    expect(answer.route).toBe('smalltalk');
    const payload = renderAnswer(answer);
    expect(payload.content).not.toContain('Did you mean');
    expect(buttonIds(payload).filter((b) => b?.kind === 'ask').length).toBeGreaterThan(0);
  });

  it('a refused question still offers "did you mean"', () => {
    const answer = engine.ask('what is the capital of peru');
    expect(answer.answered).toBe(false);
    expect(answer.route).toBe('none');
    if (answer.suggestions.length) expect(renderAnswer(answer).content).toContain('Did you mean');
  });
});
