import {
  ApplicationIntegrationType,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  InteractionContextType,
  SlashCommandBuilder,
} from 'discord.js';
import type { KnowledgeBase } from '../../knowledge/types.js';
import type { BotContext, ChatCommand } from '../context.js';
import { clampChoices, LIMITS } from '../limits.js';
import { renderArticle } from '../render/index.js';
import { respond, respondChoices } from '../respond.js';

export const data = new SlashCommandBuilder()
  .setName('article')
  .setDescription('Share the article, or one section of it, with a summary and related reading.')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
  .addStringOption((o) =>
    o
      .setName('section')
      .setDescription('A section of the article')
      .setAutocomplete(true)
      .setMaxLength(LIMITS.nameOption),
  )
  .toJSON();

/** The member may type instead of picking: accept an id, a title, or the best autocomplete match. */
export function resolveSection(kb: KnowledgeBase, ctx: Pick<BotContext, 'engine'>, typed: string): string | null {
  const t = typed.trim().toLowerCase();
  const sections = kb.article.resolvedSections;
  const exact = sections.find((s) => s.id === t || s.title.toLowerCase() === t || s.heading?.toLowerCase() === t);
  if (exact) return exact.id;
  const best = ctx.engine.autocompleteSections(typed)[0]?.value;
  return best && sections.some((s) => s.id === best) ? best : null;
}

async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const typed = interaction.options.getString('section');
  const sectionId = typed ? (resolveSection(ctx.kb, ctx, typed) ?? typed) : null;
  await respond(interaction, renderArticle(ctx.kb, sectionId));
}

async function autocomplete(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void> {
  await respondChoices(
    interaction,
    clampChoices(ctx.engine.autocompleteSections(String(interaction.options.getFocused()))),
  );
}

export const article: ChatCommand = { data, cooldown: true, execute, autocomplete };
