import { describe, expect, it } from 'vitest';
import { cachedAsks } from '../../bench/child.js';
import { createEngine } from '../../src/engine/index.js';
import type { Answer, Engine } from '../../src/engine/types.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { KNOWLEDGE_DIR } from '../e2e/helpers/bot.js';

// The bench child's Selene with its engine's answers cached (bench/cost.ts): it must answer what the engine
// answers, asking the engine once per distinct message, and leave every other engine call alone.

describe('cachedAsks', () => {
  const loaded = loadKnowledge(KNOWLEDGE_DIR);
  if (!loaded.ok) throw new Error('knowledge/ does not load');
  const engine = createEngine(loaded.kb);

  it('asks the engine once per distinct message and returns its answer every time', () => {
    const asked: string[] = [];
    const counting: Engine = {
      ...engine,
      ask: (q, c) => {
        asked.push(q);
        return engine.ask(q, c);
      },
    };
    const cached = cachedAsks(counting);
    const first = cached.ask('what is selenium?');
    const again = cached.ask('what is selenium?');
    const other: Answer = cached.ask('how much selenium in brazil nuts?');
    expect(asked).toEqual(['what is selenium?', 'how much selenium in brazil nuts?']);
    expect(again).toBe(first);
    expect(first).toEqual(engine.ask('what is selenium?'));
    expect(other.route).toBe(engine.ask('how much selenium in brazil nuts?').route);
  });

  it('passes other calls through to the engine', () => {
    const cached = cachedAsks(engine);
    expect(cached.food('brazil nuts')).toEqual(engine.food('brazil nuts'));
    expect(cached.autocompleteQuestions('sel')).toEqual(engine.autocompleteQuestions('sel'));
  });
});
