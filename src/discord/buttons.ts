import { type ButtonInteraction, MessageFlags } from 'discord.js';
import { showTopicsPage } from './commands/topics.js';
import { answerQuestion, type BotContext } from './context.js';
import { decodeCustomId } from './custom-ids.js';
import { notices, renderAnswer } from './render.js';
import { interactionReply } from './respond.js';

export type ButtonHandler = (interaction: ButtonInteraction, ctx: BotContext) => Promise<void>;

/**
 * The question that answers an entry, related link or food id. Topics cover entries and related links;
 * anything else (a food id such as `brazil-nuts`) is asked as words, and the caller checks the answer
 * really matched that id.
 */
export function questionFor(ctx: Pick<BotContext, 'engine'>, id: string): string {
  return ctx.engine.topics().find((t) => t.id === id)?.question ?? id.replace(/-/g, ' ');
}

// Answers to a button follow the message they came from: private stays private.
const wasEphemeral = (i: ButtonInteraction): boolean => i.message.flags.has(MessageFlags.Ephemeral);

const who = (i: ButtonInteraction) => ({ guildId: i.guildId, userId: i.user.id });

const expired = (i: ButtonInteraction) => i.reply(interactionReply(notices.expiredButton(), { ephemeral: true }));

export const buttonHandlers: Record<string, ButtonHandler> = {
  async ask(interaction, ctx) {
    const action = decodeCustomId(interaction.customId);
    if (action?.kind !== 'ask') return void (await expired(interaction));
    const question = questionFor(ctx, action.id);
    const answer = answerQuestion(ctx, 'suggestion', question, who(interaction));
    await interaction.reply(
      interactionReply(renderAnswer(answer, { question }), { ephemeral: wasEphemeral(interaction) }),
    );
  },

  async more(interaction, ctx) {
    const action = decodeCustomId(interaction.customId);
    if (action?.kind !== 'more') return void (await expired(interaction));
    const answer = answerQuestion(ctx, 'more', questionFor(ctx, action.id), who(interaction));
    // The knowledge may have changed since the button was sent; never show a page of a different answer.
    if (answer.matchId !== action.id) return void (await expired(interaction));
    await interaction.reply(
      interactionReply(renderAnswer(answer, { page: action.page }), { ephemeral: wasEphemeral(interaction) }),
    );
  },

  async topics(interaction, ctx) {
    const action = decodeCustomId(interaction.customId);
    if (action?.kind !== 'topics') return void (await expired(interaction));
    await showTopicsPage(interaction, ctx, action.page);
  },
};

export const expiredButton = expired;
