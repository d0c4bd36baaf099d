import {
  type Client,
  GatewayDispatchEvents,
  type GatewayMessageCreateDispatchData,
  type Message,
  MessageReferenceType,
} from 'discord.js';
import type { BotContext } from './context.js';
import { createExpiringMap } from './expiring-map.js';
import { cleanText } from './render/text.js';

// "@Selene" written as a reply to someone else's message asks Selene to answer that message. Discord sends
// the replied-to message with the reply (`referenced_message`), but discord.js only keeps it in the message
// cache, which is 0 here (client.ts): so its text is taken from the gateway packet as it arrives, held until
// the messageCreate handler for the same message reads it (discord.js emits both for one packet, in order).

/** The replied-to message, as much as the handler needs of it. */
export interface ReferencedMessage {
  authorId: string;
  content: string;
  mentionsBot: boolean;
}

/**
 * Whose text a mention answers. `own`: the member's own words. `referenced`: the replied-to message's text.
 * `needs-intent`: Discord sent the replied-to message without its text (no Message Content intent): the
 * member is pointed to Apps → Ask Selene, which gets the text without the intent. `no-text`: it has none (an
 * image). `gone`: it was deleted before the reply arrived.
 */
export type ReplyTarget =
  | { kind: 'own' }
  | { kind: 'referenced'; authorId: string; text: string }
  | { kind: 'needs-intent' }
  | { kind: 'no-text' }
  | { kind: 'gone' };

/**
 * What a reply says when it only points at the message it replies to, after mentions, punctuation and
 * emoji are removed and it is lower-cased. Anything else is a question of its own and is answered as such.
 */
export const POINTERS: ReadonlySet<string> = new Set([
  '',
  'this',
  'that',
  'this one',
  'that one',
  'here',
  'answer',
  'answer this',
  'answer that',
  'can you answer this',
  'can you answer that',
  'could you answer this',
  'please answer this',
  'what about this',
  'what about that',
  'thoughts',
  'any thoughts',
  'your thoughts',
  'what do you think',
  'is this true',
  'is that true',
  'is it true',
  'true',
  'is this right',
  'is that right',
  'is this correct',
  'is that correct',
  'fact check',
  'factcheck',
  'check this',
  'explain',
  'explain this',
  'explain that',
  'help',
  'help here',
  'question',
  'this question',
  'see above',
  'above',
]);

/** Words of address that do not change what a reply asks ("hey @Selene, this?"). */
const ADDRESS = /\b(hey|hi|hello|yo|pls|plz|please|selene)\b/g;

/** Whether a reply's own text (the bot's mention already removed) only points at the replied-to message. */
export function isPointer(own: string): boolean {
  const words = cleanText(own)
    .toLowerCase()
    .replace(/<(@[!&]?|#)\d+>/g, ' ')
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(ADDRESS, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return POINTERS.has(words);
}

export interface ReplyTargetInput {
  /** The member's text without the bot's mention. */
  own: string;
  /** Whether the message is a reply (has a message reference). */
  isReply: boolean;
  /** The replied-to message; null when Discord says it was deleted, undefined when Discord sent nothing. */
  referenced: ReferencedMessage | null | undefined;
  botId: string;
  messageContentIntent: boolean;
}

/** The bot's mentions removed from a text (the replied-to message may mention Selene too). */
const withoutBot = (text: string, botId: string) => text.replace(new RegExp(`<@!?${botId}>`, 'g'), ' ').trim();

/**
 * Decides whose text a mention answers. A reply that asks its own question answers it. A reply to Selene's
 * own message is a plain mention: Selene's answer is not a question to answer again (a "why?" under it is
 * the member's own follow-up, read against their conversation). A replied-to message Discord no longer has
 * (deleted, or not sent) gets `gone`.
 */
export function replyTarget(input: ReplyTargetInput): ReplyTarget {
  if (!input.isReply || !isPointer(input.own)) return { kind: 'own' };
  const ref = input.referenced;
  if (!ref) return { kind: 'gone' };
  if (ref.authorId === input.botId) return { kind: 'own' };
  const text = withoutBot(ref.content, input.botId);
  if (cleanText(text)) return { kind: 'referenced', authorId: ref.authorId, text };
  // Discord shows a bot a message's text without the intent when the message mentions the bot.
  if (!input.messageContentIntent && !ref.mentionsBot) return { kind: 'needs-intent' };
  return { kind: 'no-text' };
}

/** The target of a message's mention: reads (and so frees) what the gateway stashed for it. */
export function replyTargetOf(
  message: Message,
  own: string,
  mentioned: boolean,
  ctx: Pick<BotContext, 'references' | 'messageContentIntent'>,
): ReplyTarget {
  const referenced = ctx.references.take(message.id);
  if (!mentioned) return { kind: 'own' };
  return replyTarget({
    own,
    isReply: isReplyReference(message.reference),
    referenced,
    botId: message.client.user.id,
    messageContentIntent: ctx.messageContentIntent ?? false,
  });
}

/** A reply's reference; a forwarded message has one of another type, and forwards point at nothing to answer. */
export const isReplyReference = (ref: { type?: MessageReferenceType } | null | undefined): boolean =>
  ref !== null && ref !== undefined && (ref.type ?? MessageReferenceType.Default) === MessageReferenceType.Default;

/** Replied-to messages waiting for their reply's handler; a few, briefly. */
export interface ReferenceStash {
  /** The replied-to message of reply `messageId`: null if deleted, undefined if none was stashed. Read once. */
  take(messageId: string): ReferencedMessage | null | undefined;
  readonly size: number;
}

/**
 * Entries held at most. Each is read within the same tick as it is stashed; the cap only matters for a
 * reply discord.js drops before its handler runs (an unknown channel), which would otherwise stay for good.
 */
export const REFERENCE_STASH_CAP = 1_000;

/** Watches the gateway for mentions of the bot that reply to a message, and stashes what they reply to. */
export function watchReferences(client: Client, cap = REFERENCE_STASH_CAP): ReferenceStash {
  // Never expire on their own (each is read in the tick it is stashed); the cap bounds the ones never read.
  const held = createExpiringMap<ReferencedMessage | null>(cap);
  client.ws.on(GatewayDispatchEvents.MessageCreate, (d: GatewayMessageCreateDispatchData) => {
    const botId = client.user?.id;
    if (!botId || !isReplyReference(d.message_reference) || d.author.bot || d.webhook_id) return;
    if (!d.mentions.some((u) => u.id === botId)) return;
    const ref = d.referenced_message;
    held.set(
      d.id,
      ref
        ? { authorId: ref.author.id, content: ref.content, mentionsBot: ref.mentions.some((u) => u.id === botId) }
        : null,
      Number.POSITIVE_INFINITY,
    );
  });
  return {
    take: (messageId) => held.delete(messageId),
    get size() {
      return held.size;
    },
  };
}
