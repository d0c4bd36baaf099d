import { describe, expect, it } from 'vitest';
import { isPointer, type ReplyTargetInput, replyTarget } from '../../src/discord/reply-target.js';

const BOT = '100000000000000001';
const ANA = '200000000000000002';

const input = (over: Partial<ReplyTargetInput> = {}): ReplyTargetInput => ({
  own: '',
  isReply: true,
  referenced: { authorId: ANA, content: 'does selenium help the immune system?', mentionsBot: false },
  botId: BOT,
  messageContentIntent: true,
  ...over,
});

describe('pointers', () => {
  it.each([
    '',
    '   ',
    '^',
    '^^',
    '?',
    'this?',
    'This one!',
    'can you answer this',
    'Can you answer this?',
    'hey, is this true?',
    'thoughts? 🤔',
    'please explain',
    'fact-check',
    '<@300000000000000003> this',
  ])('%j only points at the replied-to message', (own) => {
    expect(isPointer(own)).toBe(true);
  });

  it.each([
    'why?',
    'and for kids?',
    'how much selenium is in tuna?',
    'is this true for kids?',
    'what about brazil nuts',
    'source?',
  ])('%j is a question of its own', (own) => {
    expect(isPointer(own)).toBe(false);
  });
});

describe('reply targets', () => {
  it('answers the replied-to text when the reply only points at it', () => {
    expect(replyTarget(input({ own: 'this?' }))).toEqual({
      kind: 'referenced',
      authorId: ANA,
      text: 'does selenium help the immune system?',
    });
  });

  it('answers the member’s own words when they ask something, or when the message is no reply', () => {
    expect(replyTarget(input({ own: 'how much selenium is in tuna?' }))).toEqual({ kind: 'own' });
    expect(replyTarget(input({ isReply: false }))).toEqual({ kind: 'own' });
  });

  it('takes Selene’s own mention out of the replied-to text', () => {
    const referenced = { authorId: ANA, content: `<@${BOT}> what is selenium?`, mentionsBot: true };
    expect(replyTarget(input({ referenced }))).toMatchObject({ kind: 'referenced', text: 'what is selenium?' });
  });

  it('treats a reply to Selene’s own answer as a plain mention', () => {
    const referenced = { authorId: BOT, content: 'The article says: …', mentionsBot: false };
    expect(replyTarget(input({ referenced }))).toEqual({ kind: 'own' });
  });

  it('says the replied-to message is gone when Discord no longer has it', () => {
    expect(replyTarget(input({ referenced: null }))).toEqual({ kind: 'gone' });
    expect(replyTarget(input({ referenced: undefined }))).toEqual({ kind: 'gone' });
  });

  it('asks for Apps → Ask Selene when the text was withheld for want of the intent', () => {
    const withheld = { authorId: ANA, content: '', mentionsBot: false };
    expect(replyTarget(input({ referenced: withheld, messageContentIntent: false }))).toEqual({ kind: 'needs-intent' });
    // With the intent (or a message that mentions Selene), an empty text really is empty: an image, a sticker.
    expect(replyTarget(input({ referenced: withheld }))).toEqual({ kind: 'no-text' });
    const mentioning = { ...withheld, content: `<@${BOT}>`, mentionsBot: true };
    expect(replyTarget(input({ referenced: mentioning, messageContentIntent: false }))).toEqual({ kind: 'no-text' });
  });
});
