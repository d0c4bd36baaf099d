import { describe, expect, it } from 'vitest';
import { reportsEvidence } from '../../src/engine/follow-up-evidence.js';
import { asksFindings, hypothetical, leaning, narrowsToGroup } from '../../src/engine/follow-up-leaning.js';
import { normaliseText, words } from '../../src/engine/normalise.js';
import { projectEngine } from './converse.js';

// Follow-ups that name a word or two and still lean on the conversation: questions about the research
// ("what did the studies show") and narrowings to a group of people ("even for older people?").

const read = (m: string): string[] => words(normaliseText(m));
const { converse } = projectEngine();

describe('leaning, from words alone', () => {
  it('reads a question about findings: research words, or a finding verb with "they"', () => {
    for (const m of ['what did the studies show', 'what do researchers say', 'any trials?', 'what did they find'])
      expect(asksFindings(read(m)), m).toBe(true);
  });

  it('does not read findings in a message naming something else, or without research', () => {
    for (const m of ['what did the studies on zinc show', 'what does the article say', 'what causes a cold', 'why?'])
      expect(asksFindings(read(m)), m).toBe(false);
  });

  it('reads a narrowing to a group of people, keeping the words after the group', () => {
    expect(narrowsToGroup(read('even for older people?'))).toEqual({ kind: 'group', rest: [] });
    expect(narrowsToGroup(read('and what about in people with a weak immune system'))).toEqual({
      kind: 'group',
      rest: ['with', 'a', 'weak', 'immune', 'system'],
    });
  });

  it('no group without a preposition before it, or without people', () => {
    for (const m of [
      'people say it helps',
      'for dogs?',
      'for how long',
      'and zinc?',
      'is it safe for older people',
      'in people with low selenium, what happens to immunity?',
    ])
      expect(narrowsToGroup(read(m)), m).toBeNull();
  });

  it('reads a hypothetical about the member, its object left to the conversation', () => {
    for (const m of ["and if you don't get enough?", 'what if my levels are low', 'but if i skip it for a month'])
      expect(hypothetical(read(m)), m).toBe(true);
    for (const m of ['if it is not adequate', 'what causes a cold', 'is it safe if you are pregnant', 'and covid?'])
      expect(hypothetical(read(m)), m).toBe(false);
  });

  it('a long message is its own question', () => {
    expect(leaning(read(`what did the studies show ${'really '.repeat(10)}`))).toBeNull();
    expect(leaning([])).toBeNull();
  });
});

describe('leaning in a conversation', () => {
  it('"what did the studies show" after a claim: the evidence for it, as a follow-up', () => {
    for (const m of ['what did the studies show', 'what do the researchers say']) {
      const [first, findings] = converse('can selenium lower the risk of cancer', m);
      expect(first?.answered).toBe(true);
      expect(findings, m).toMatchObject({ answered: true, followUpOf: first?.matchId });
      expect(
        findings?.citations.some((c) => reportsEvidence(c.quote)),
        m,
      ).toBe(true);
    }
  });

  it('"even for older people?" after a claim: that claim, as a follow-up', () => {
    for (const m of ['even for older people?', 'for older adults?']) {
      const [first, group] = converse('does selenium help immunity', m);
      expect(group, m).toMatchObject({ answered: true, followUpOf: first?.matchId, matchId: first?.matchId });
    }
  });

  it("the group's own words may choose a neighbour they fit better", () => {
    const [first, group] = converse('does selenium help immunity', 'even for people with a weak immune system?');
    expect(group).toMatchObject({ answered: true, followUpOf: first?.matchId });
    expect(group?.matchId).not.toBe(first?.matchId);
  });

  it('a group doing something the article never speaks of, an animal or an off-topic subject stays refused', () => {
    for (const m of ['for people who drink coffee', 'and for dogs?', 'and for people with diabetes?'])
      expect(converse('does selenium help immunity', m)[1]?.answered, m).toBe(false);
    for (const m of ['what did the studies on zinc show', 'what causes a cold'])
      expect(converse('does selenium help with the flu', m)[1]?.answered, m).toBe(false);
  });

  it('a hypothetical after an answer is asked about selenium; one naming an off-topic subject stays refused', () => {
    const [, lacking] = converse('is it important to have enough selenium', 'and what if i do not get enough?');
    expect(lacking).toMatchObject({
      answered: true,
      matchId: converse('what if i do not get enough selenium')[0]?.matchId,
    });
    expect(converse('is it important to have enough selenium', 'and what if i take zinc?')[1]?.answered).toBe(false);
  });

  it('without an answered topic before, nothing leans', () => {
    expect(converse('what is the capital of france', 'what did the studies show')[1]?.answered).toBe(false);
  });
});
