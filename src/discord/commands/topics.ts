import {
  ApplicationIntegrationType,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  InteractionContextType,
  SlashCommandBuilder,
} from 'discord.js';
import type { BotContext, ChatCommand } from '../context.js';
import { renderTopics } from '../render/index.js';
import { respond, respondUpdate } from '../respond.js';

export const data = new SlashCommandBuilder()
  .setName('topics')
  .setDescription('Browse everything Selene can answer about the article.')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
  .toJSON();

async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  await respond(interaction, renderTopics(ctx.engine.topics(), 0));
}

/** Prev/next: the page is in the custom id, so the message is simply redrawn at that page. */
export async function showTopicsPage(interaction: ButtonInteraction, ctx: BotContext, page: number): Promise<void> {
  await respondUpdate(interaction, renderTopics(ctx.engine.topics(), page));
}

export const topics: ChatCommand = { data, cooldown: false, execute };
