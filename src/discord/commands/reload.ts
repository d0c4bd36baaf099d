import {
  ApplicationIntegrationType,
  type ChatInputCommandInteraction,
  InteractionContextType,
  SlashCommandBuilder,
} from 'discord.js';
import type { BotContext, ChatCommand } from '../context.js';
import { describeReload } from '../reload.js';
import { payload } from '../render/index.js';
import { respond } from '../respond.js';

// /reload: for the application's owner only (the person running Selene), checked at run time. Discord
// cannot express "application owner" as a command permission, so the command is hidden from everyone but
// administrators in servers and usable in the owner's DM with the bot.

export const data = new SlashCommandBuilder()
  .setName('reload')
  .setDescription("Reload Selene's knowledge files without a restart (bot owner only).")
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
  .setDefaultMemberPermissions(0n)
  .toJSON();

async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const reply = (content: string) => respond(interaction, payload(content), { ephemeral: true });
  const owner = (await ctx.isOwner?.(interaction.user.id)) ?? false;
  if (!owner) return void (await reply("Only the bot's owner can reload its knowledge."));
  if (!ctx.reloadKnowledge) return void (await reply('Reloading is not available in this bot.'));
  ctx.logger.info('knowledge reload requested by the owner');
  await reply(describeReload(ctx.reloadKnowledge()));
}

export const reload: ChatCommand = { data, cooldown: false, execute };
