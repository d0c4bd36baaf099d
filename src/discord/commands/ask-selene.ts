import {
  ApplicationCommandType,
  ApplicationIntegrationType,
  ContextMenuCommandBuilder,
  InteractionContextType,
  type MessageContextMenuCommandInteraction,
} from 'discord.js';
import { answerQuestion, type BotContext, feedbackFor, type MessageMenuCommand } from '../context.js';
import { cleanText, notices, renderAnswer } from '../render/index.js';
import { respond } from '../respond.js';

export const data = new ContextMenuCommandBuilder()
  .setName('Ask Selene')
  .setType(ApplicationCommandType.Message)
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
  .toJSON();

// Discord includes the target message's content in the interaction even without the Message Content
// intent, so this works for any message the member can see.
async function execute(interaction: MessageContextMenuCommandInteraction, ctx: BotContext): Promise<void> {
  const question = interaction.targetMessage.content;
  if (!cleanText(question)) {
    await respond(interaction, notices.emptyTarget(), { ephemeral: true });
    return;
  }
  const answer = answerQuestion(ctx, 'context-menu', question, {
    guildId: interaction.guildId,
    userId: interaction.user.id,
  });
  await respond(interaction, renderAnswer(answer, { question, ...feedbackFor(ctx) }));
}

export const askSelene: MessageMenuCommand = { data, cooldown: true, execute };
