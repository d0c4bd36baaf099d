import {
  ApplicationIntegrationType,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  InteractionContextType,
  SlashCommandBuilder,
} from 'discord.js';
import { answerQuestion, type BotContext, type ChatCommand, feedbackFor, interactionConversation } from '../context.js';
import { clampChoices, LIMITS } from '../limits.js';
import { renderAnswer } from '../render/index.js';
import { respond, respondChoices } from '../respond.js';

export const data = new SlashCommandBuilder()
  .setName('ask')
  .setDescription('Ask a question about the selenium article; the answer quotes it.')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
  .addStringOption((o) =>
    o
      .setName('question')
      .setDescription('Your question, e.g. "does selenium help with the flu?"')
      .setRequired(true)
      .setAutocomplete(true)
      .setMaxLength(LIMITS.questionOption),
  )
  .addBooleanOption((o) => o.setName('private').setDescription('Only you see the answer.'))
  .addUserOption((o) => o.setName('user').setDescription('A member the answer is for (they get mentioned).'))
  .toJSON();

async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const question = interaction.options.getString('question', true);
  const hidden = interaction.options.getBoolean('private') ?? ctx.store.privateByDefault(interaction.guildId);
  const target = interaction.options.getUser('user');
  // /ask and mentions share the member's conversation in the channel: "/ask and covid?" follows a mention.
  const answer = answerQuestion(ctx, 'ask', question, {
    guildId: interaction.guildId,
    userId: interaction.user.id,
    conversation: interactionConversation(interaction),
  });
  const payload = renderAnswer(answer, {
    question,
    ...(target ? { forUserId: target.id } : {}),
    ...feedbackFor(ctx),
  });
  await respond(interaction, payload, { ephemeral: hidden });
}

async function autocomplete(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void> {
  const partial = String(interaction.options.getFocused());
  const { engine } = ctx;
  await respondChoices(
    interaction,
    ctx.choices.get(engine, 'ask:question', partial, () => clampChoices(engine.autocompleteQuestions(partial))),
  );
}

export const ask: ChatCommand = { data, cooldown: true, execute, autocomplete };
