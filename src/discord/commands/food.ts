import {
  ApplicationIntegrationType,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  InteractionContextType,
  SlashCommandBuilder,
} from 'discord.js';
import type { BotContext, ChatCommand } from '../context.js';
import { clampChoices, LIMITS } from '../limits.js';
import { foodFacts, renderComparison, renderFood, renderTopFoods } from '../render/index.js';
import { respond, respondChoices } from '../respond.js';

export const SERVINGS = { min: 0.25, max: 20 } as const;
const TOP_LIMIT = 10;

// The top view lives inside the `food` option rather than a subcommand, so `/food food:` stays the one
// thing to type: autocomplete offers "🏆 Richest …" choices whose value is `top:<category>` (never a food
// id: those have no colon), and typing "top fish" without picking works the same.
const TOP_VALUE = /^top:(.*)$/;
const TOP_TYPED = /^\s*(?:top|richest)\b\s*(.*)$/i;

/** The category of a top-foods request ('' for all foods), or null for an ordinary food lookup. */
export function topCategory(query: string): string | null {
  const m = TOP_VALUE.exec(query) ?? TOP_TYPED.exec(query);
  return m ? (m[1] ?? '').trim() : null;
}

const topChoice = (category: string) => ({
  name: category ? `🏆 Richest ${category} (top ${TOP_LIMIT})` : `🏆 Richest foods (top ${TOP_LIMIT})`,
  value: `top:${category.slice(0, 90)}`,
});

export const data = new SlashCommandBuilder()
  .setName('food')
  .setDescription('How much selenium is in a food: per serving, % Daily Value, RDA and upper limit.')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
  .addStringOption((o) =>
    o
      .setName('food')
      .setDescription('A food, e.g. brazil nuts, tuna, eggs; or "top fish" for the richest foods')
      .setRequired(true)
      .setAutocomplete(true)
      .setMaxLength(LIMITS.nameOption),
  )
  .addNumberOption((o) =>
    o
      .setName('servings')
      .setDescription('How many servings (default 1)')
      .setMinValue(SERVINGS.min)
      .setMaxValue(SERVINGS.max),
  )
  .addStringOption((o) =>
    o
      .setName('compare')
      .setDescription('Another food to compare with')
      .setAutocomplete(true)
      .setMaxLength(LIMITS.nameOption),
  )
  .toJSON();

async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const query = interaction.options.getString('food', true);
  const other = interaction.options.getString('compare');
  const category = topCategory(query);
  if (category !== null) {
    const foods = ctx.engine.topFoods({ ...(category ? { category } : {}), limit: TOP_LIMIT });
    await respond(interaction, renderTopFoods(foods, category, foodFacts(ctx.kb)));
    return;
  }
  if (other) {
    await respond(interaction, renderComparison(ctx.engine.compareFoods(query, other)));
    return;
  }
  // Discord enforces the range, but a hand-made request could not; clamp rather than trust it.
  const raw = interaction.options.getNumber('servings') ?? 1;
  const servings = Math.min(Math.max(raw, SERVINGS.min), SERVINGS.max);
  // The lookup names the food (title, table, or suggestions when unknown); the answer is then asked for by
  // its id, so the text the engine gives chat and the CLI describes exactly the food that was looked up.
  const result = ctx.engine.food(query);
  ctx.metrics?.foodLookups.inc({ found: String(result.found) });
  const answer = result.found && result.id ? ctx.engine.foodAnswer(result.id, { servings }) : null;
  await respond(interaction, renderFood(result, answer, { query }));
}

async function autocomplete(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void> {
  const focused = interaction.options.getFocused(true);
  const partial = String(focused.value);
  const { engine } = ctx;
  const compute = () => {
    const category = topCategory(partial);
    // The top view is offered in `food` only: hoisted when nothing is typed, first when "top …" is typed.
    const top =
      focused.name !== 'food' ? [] : !partial.trim() ? [topChoice('')] : category !== null ? [topChoice(category)] : [];
    return clampChoices([...top, ...engine.autocompleteFoods(partial)]);
  };
  await respondChoices(interaction, ctx.choices.get(engine, `food:${focused.name}`, partial, compute));
}

export const food: ChatCommand = { data, cooldown: true, execute, autocomplete };
