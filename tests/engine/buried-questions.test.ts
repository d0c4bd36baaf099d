import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/index.js';
import type { Engine } from '../../src/engine/types.js';
import { loadProjectKnowledge } from './answer-schema.js';

// Long messages whose question sits in the middle of a story, and members checking their understanding in
// their own words ("if I understand correctly ...", "would it be fair to say ...", "did I get that right?").
// The frames say how the member asks; the question is what they frame.

let engine: Engine;
beforeAll(() => {
  engine = createEngine(loadProjectKnowledge());
});

describe('a question in the middle of a long story', () => {
  it('sets aside what the story names between its first sentence and the question', () => {
    const message = [
      'Hi all, first post here.',
      'My brother works night shifts and catches everything going around.',
      'His GP put him on antibiotics twice since September.',
      'Someone at his gym keeps pushing selenium.',
      'Could you tell me what the article says selenium does for the immune response?',
      'Thanks so much, take care.',
    ].join('\n');
    const a = engine.ask(message);
    expect(a.answered).toBe(true);
    expect(a.matchId).toBe('selenium-and-immune-system');
  });

  it('still refuses when the question itself asks about what the story names', () => {
    const message = [
      'My brother works night shifts.',
      'His GP put him on antibiotics twice since September.',
      'Can antibiotics and selenium be taken together?',
    ].join('\n');
    expect(engine.ask(message).answered).toBe(false);
  });

  it('a sentence before the story starts is not part of it', () => {
    // "antibiotics" is named before anyone tells a story: the message is about antibiotics.
    const message = 'Antibiotics for a cold. My aunt swears by them. What does selenium do for the immune system?';
    const a = engine.ask(message);
    expect(a.answered).toBe(false);
  });

  it('"can you tell me" is the member asking, not the question pointing back at their story', () => {
    const told = 'my dad caught covid last spring and was in bed for weeks.';
    const a = engine.ask(`${told} can you tell me what the article says selenium does against viruses like the flu?`);
    expect(a.answered).toBe(true);
    expect(a.matchId).toBe('influenza');
  });
});

describe('checking an understanding in their own words', () => {
  it.each([
    ['so if I understand correctly, low selenium means more infections?', 'deficiency-and-infection-risk'],
    ['would it be fair to say that selenium deficiency weakens immunity?', 'deficiency-and-immunity'],
    ['is it accurate to say the article thinks supplements help only if you are deficient?', null],
    ['correct me if im wrong but selenium stops viruses from getting into cells?', 'virus-entry'],
    ['let me get this straight: selenium becomes part of selenoproteins, right?', 'selenoproteins'],
  ])('"%s" is answered from its claim', (question, id) => {
    const a = engine.ask(question);
    expect(a.answered).toBe(true);
    if (id) expect(a.matchId).toBe(id);
  });

  it('weighs the frame as nothing: with and without it, the same topic', () => {
    for (const claim of ['selenium helps against the flu', 'low selenium weakens immune cells']) {
      const plain = engine.ask(`does ${claim}?`);
      const framed = engine.ask(`just to check, did I get that right: ${claim}?`);
      expect(framed.matchId).toBe(plain.matchId);
    }
  });

  it('a frame alone asks nothing', () => {
    for (const frame of ['did I get that right?', 'am I reading this right', 'correct me if im wrong'])
      expect(engine.ask(frame).answered).toBe(false);
  });
});
