import {
  ApplicationIntegrationType,
  type ChatInputCommandInteraction,
  InteractionContextType,
  SlashCommandBuilder,
} from 'discord.js';
import type { BotContext, ChatCommand } from '../context.js';
import { renderHelp } from '../render/index.js';
import { respond } from '../respond.js';

export const data = new SlashCommandBuilder()
  .setName('help')
  .setDescription('What Selene can do and how to ask.')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
  .toJSON();

async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  await respond(interaction, renderHelp(ctx.kb.article.title), { ephemeral: true });
}

export const help: ChatCommand = { data, cooldown: false, execute };
