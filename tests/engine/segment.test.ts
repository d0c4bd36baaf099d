import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPleasantry, pleasantry, questionParts, segments } from '../../src/engine/segment.js';
import { GREETING_WORDS, MAX_PARTS, PLEASANTRY_GLUE, THANKS_WORDS } from '../../src/engine/vocabulary.js';

const asked = (message: string): string[] => questionParts(message).map((s) => s.text);

describe('segments', () => {
  it('splits sentences, list items and a heading before a colon', () => {
    expect(segments('hey! 2 things: does selenium help? how much?').map((s) => s.text)).toEqual([
      'hey!',
      '2 things:',
      'does selenium help?',
      'how much?',
    ]);
    expect(asked('1) what are selenoproteins\n2) how much should i take')).toEqual([
      'what are selenoproteins',
      'how much should i take',
    ]);
    expect(asked('- is it safe\n- does it help with colds')).toEqual(['is it safe', 'does it help with colds']);
  });

  it('splits a numbered list typed on one line', () => {
    expect(asked('been reading for hours. 1) what is selenium 2) where do I get it')).toEqual([
      'what is selenium',
      'where do I get it',
    ]);
    // Without a first item there is no list: "2)" stays inside its sentence.
    expect(segments('i take 2) pills a day').map((s) => s.text)).toEqual(['i take 2) pills a day']);
  });

  it('splits questions numbered "q1 ... q2" or "Question 1: ... Question 2:"', () => {
    expect(asked('q1 does low selenium raise infection risk q2 does zinc do the same')).toEqual([
      'does low selenium raise infection risk',
      'does zinc do the same',
    ]);
    expect(asked('Question 1: what is selenium Question 2: where do i get it')).toEqual([
      'what is selenium',
      'where do i get it',
    ]);
    // "q10" and "q2" inside a sentence without a first item are words, not markers.
    expect(segments('what is q10').map((s) => s.text)).toEqual(['what is q10']);
    expect(segments('is coq10 like q2 stuff?').map((s) => s.text)).toEqual(['is coq10 like q2 stuff?']);
  });

  it('reads a statement that asks ("I want to know what ...", "tell me ...") as a question', () => {
    expect(asked('I run a shop. I want to know what the article claims about covid. thanks')).toEqual([
      'I want to know what the article claims about covid.',
    ]);
    expect(asked('tell me what it says about the flu')).toEqual(['tell me what it says about the flu']);
    expect(asked('I know a lot about covid.')).toEqual([]);
  });

  it('splits a sentence where a second question is joined on ("..., and how much ...")', () => {
    expect(asked('does it help with inflammation, and how much should I get a day?')).toEqual([
      'does it help with inflammation,',
      'and how much should I get a day?',
    ]);
    expect(asked('is selenium an antioxidant and also is it safe')).toEqual([
      'is selenium an antioxidant',
      'and also is it safe',
    ]);
  });

  it('keeps a clause that does not ask with the one before it', () => {
    expect(asked('does selenium help with colds and flu?')).toEqual(['does selenium help with colds and flu?']);
    expect(asked("I read it twice and I'm confused, what role does selenium play")).toEqual([
      'what role does selenium play',
    ]);
  });

  it('does not end a sentence at the dot of a number', () => {
    expect(asked('is 2.5 mcg a lot?')).toEqual(['is 2.5 mcg a lot?']);
  });

  it('sets greetings, thanks and sign-offs apart, never a question', () => {
    expect(asked('hi selene! what is selenium? thanks so much')).toEqual(['what is selenium?']);
    expect(isPleasantry(['thank', 'you', 'so', 'much'])).toBe(true);
    expect(isPleasantry(['good', 'bot'])).toBe(true);
    expect(isPleasantry(['is', 'that', 'good'])).toBe(false);
    expect(isPleasantry(['hi', 'is', 'selenium', 'good'])).toBe(false);
  });

  it('finds no question in a message that asks nothing', () => {
    expect(asked('selenium is cool. my mom takes it.')).toEqual([]);
    expect(asked('')).toEqual([]);
  });

  it('never returns more than MAX_PARTS questions, each a piece of the message', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 10_000 }),
          fc
            .array(fc.constantFrom('what is it? ', 'how much?', ' and how ', ', ', '\n1) ', 'hi! ', 'why. '), {
              maxLength: 300,
            })
            .map((p) => p.join('')),
        ),
        (message) => {
          const parts = questionParts(message);
          expect(parts.length).toBeLessThanOrEqual(MAX_PARTS);
          for (const p of parts) {
            expect(p.words.length).toBeGreaterThan(0);
            expect(message).toContain(p.text.split(' ')[0]);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('pleasantries: every word of the lists counts, wherever a list breaks its line', () => {
  const listed = (list: string) => list.split(/\s+/).filter((w) => w.length > 0);

  it('reads each greeting and each thanks word alone as one', () => {
    for (const w of listed(GREETING_WORDS)) expect(pleasantry([w]), w).toBe('greeting');
    for (const w of listed(THANKS_WORDS)) expect(pleasantry([w]), w).toBe('thanks');
  });

  it('joins any glue word to a greeting', () => {
    for (const w of listed(PLEASANTRY_GLUE)) expect(pleasantry([w, 'hello']), w).toBe('greeting');
  });

  it('reads "good morning" and "awesome, thanks" as pleasantries', () => {
    expect(pleasantry(['good', 'morning'])).toBe('greeting');
    expect(pleasantry(['awesome', 'thanks'])).toBe('thanks');
  });
});
