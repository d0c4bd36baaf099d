import { beforeAll, describe, expect, it } from 'vitest';
import { withoutProvenance } from '../../src/engine/frame.js';
import { createEngine } from '../../src/engine/index.js';
import type { Engine } from '../../src/engine/types.js';
import { withCausativeVerbs } from '../../src/engine/understand.js';
import { loadProjectKnowledge } from './answer-schema.js';

// Who is asking and how politely is no topic; "make X weak" is the verb "weaken"; where a quote was copied
// from is the article. Each of these, read as content, pulled questions to whichever topic's phrasings
// happened to share the word.

let engine: Engine;
beforeAll(() => {
  engine = createEngine(loadProjectKnowledge());
});

describe('role and courtesy words', () => {
  it.each([
    'pharmacist here',
    'nurse here',
    'teacher here',
    'medical student here',
    'student question',
    'please sir',
    'tell please',
    'kindly',
    'is it correct',
    'dear madam',
  ])('"%s" alone is answered by no topic', (label) => {
    const a = engine.ask(label);
    expect(a.answered).toBe(false);
    expect(a.matchId).toBeNull();
  });

  it.each([
    ['pharmacist here, does selenium help against viruses?', 'bacterial-and-viral-infections'],
    ['nursing student here: what are selenoproteins?', 'selenoproteins'],
    ['kindly tell me, sir, how much milk selenium is in a cup', null],
  ])('a question behind a label is still answered: "%s"', (question, id) => {
    const a = engine.ask(question);
    expect(a.answered).toBe(true);
    if (id) expect(a.matchId).toBe(id);
  });

  it('the same question asks the same with or without the label', () => {
    const bare = engine.ask('does selenium help the immune system');
    const labelled = engine.ask('teacher here, does selenium help the immune system');
    expect(labelled.matchId).toBe(bare.matchId);
  });
});

describe('"make X weak" as the verb it stands for', () => {
  it.each([
    ['how selenium make the virus weak', 'how selenium weaken the virus'],
    ['does it make immune cells stronger', 'does it strengthen immune cells'],
    ['low selenium makes your immunity worse?', 'low selenium worsen your immunity?'],
    ['Made the virus protein WEAK', 'weaken the virus protein'],
  ])('"%s" reads "%s"', (message, rewritten) => {
    expect(withCausativeVerbs(message).toLowerCase()).toBe(rewritten.toLowerCase());
  });

  it.each([
    'is a weak immune system made worse by stress', // "made worse" has no object between
    'does it make you sick or weak', // a clause boundary ("or") is no object
    'I make sure my diet is never weak in selenium', // too far apart to be one verb phrase
    'people with a weak immune system',
  ])('leaves "%s" as it is', (message) => {
    expect(withCausativeVerbs(message)).toBe(message);
  });

  it('asks how selenium weakens a virus, not about a weak immune system', () => {
    const a = engine.ask('how does selenium make a virus protein weak?');
    expect(a.answered).toBe(true);
    expect(a.matchId).toBe('disulfide-isomerase-thiol');
  });
});

describe('where a quote was copied from', () => {
  it.each([
    ['i pasted that from the article', ''],
    ['copied this straight out of the text, what does it mean', ', what does it mean'],
    ["I've copy-pasted this line from the page: selenoproteins?", ': selenoproteins?'],
    ['I took a supplement from the shop', 'I took a supplement from the shop'],
  ])('"%s" leaves "%s"', (message, rest) => {
    expect(withoutProvenance(message).trim()).toBe(rest);
  });

  it('answers a quoted sentence whose member says they pasted it', () => {
    const a = engine.ask('"could play an important role in supporting immunity" - how? i copied that from the article');
    expect(a.answered).toBe(true);
  });
});
