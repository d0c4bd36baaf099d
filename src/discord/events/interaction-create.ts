import type {
  ButtonInteraction,
  ChatInputCommandInteraction,
  Interaction,
  MessageContextMenuCommandInteraction,
} from 'discord.js';
import { type ButtonHandler, buttonHandlers, expiredButton } from '../buttons.js';
import { chatCommands, messageMenuCommands } from '../commands/index.js';
import type { BotContext, ChatCommand, MessageMenuCommand } from '../context.js';
import { customIdKind } from '../custom-ids.js';
import { notices } from '../render/index.js';
import { respond, respondChoices } from '../respond.js';
import { optionProblem } from './option-limits.js';

export interface InteractionRoutes {
  chat: ReadonlyMap<string, ChatCommand>;
  menus: ReadonlyMap<string, MessageMenuCommand>;
  /**
   * By custom id kind (`sel:<kind>:...`); later features add kinds here. A Map, never a plain object: a
   * forged kind such as `constructor` or `__proto__` must find nothing, not Object.prototype's members.
   */
  buttons: ReadonlyMap<string, ButtonHandler>;
}

export const defaultRoutes = (): InteractionRoutes => ({
  chat: new Map(chatCommands.map((c) => [c.data.name, c])),
  menus: new Map(messageMenuCommands.map((c) => [c.data.name, c])),
  buttons: new Map(Object.entries(buttonHandlers)),
});

/** What a label says for anything Selene does not know: members choose command names and custom ids. */
export const UNKNOWN_LABEL = 'unknown';

/**
 * The command name for logs and metric labels, whatever kind of interaction this is. Only names and button
 * kinds that `routes` knows are used; anything else is `unknown`, so forged interactions cannot create new
 * metric series.
 */
export function interactionLabel(i: Interaction, routes: InteractionRoutes): string {
  if (i.isChatInputCommand() || i.isAutocomplete())
    return routes.chat.has(i.commandName) ? i.commandName : UNKNOWN_LABEL;
  if (i.isContextMenuCommand()) return routes.menus.has(i.commandName) ? i.commandName : UNKNOWN_LABEL;
  if (i.isButton()) {
    const kind = customIdKind(i.customId);
    return kind !== null && routes.buttons.has(kind) ? `button:${kind}` : `button:${UNKNOWN_LABEL}`;
  }
  return 'other';
}

export async function onInteractionCreate(interaction: Interaction, ctx: BotContext, routes: InteractionRoutes) {
  if (interaction.isAutocomplete()) {
    const command = routes.chat.get(interaction.commandName);
    const fits = command && optionProblem(interaction.options.data, command.data.options) === null;
    await (fits && command.autocomplete ? command.autocomplete(interaction, ctx) : respondChoices(interaction, []));
    return;
  }
  if (interaction.isButton()) {
    const handler = routes.buttons.get(customIdKind(interaction.customId) ?? '');
    await (handler ? handler(interaction, ctx) : expiredButton(interaction as ButtonInteraction));
    return;
  }
  if (interaction.isChatInputCommand()) {
    const command = routes.chat.get(interaction.commandName);
    if (await admitted(interaction, command, ctx)) await command?.execute(interaction, ctx);
    return;
  }
  if (interaction.isMessageContextMenuCommand()) {
    const command = routes.menus.get(interaction.commandName);
    if (await admitted(interaction, command, ctx)) await command?.execute(interaction, ctx);
  }
}

/**
 * Refuses unknown commands (stale registrations), options outside their declared limits (forged) and members
 * on cooldown; true when the command may run.
 */
async function admitted(
  interaction: ChatInputCommandInteraction | MessageContextMenuCommandInteraction,
  command: ChatCommand | MessageMenuCommand | undefined,
  ctx: BotContext,
): Promise<boolean> {
  if (!command) {
    await respond(interaction, notices.unknownCommand(interaction.commandName), { ephemeral: true });
    return false;
  }
  const problem = 'options' in command.data ? optionProblem(interaction.options.data, command.data.options) : null;
  if (problem) {
    await respond(interaction, notices.badOption(problem), { ephemeral: true });
    return false;
  }
  if (!command.cooldown) return true;
  const turn = ctx.cooldowns.take(interaction.user.id, ctx.store.cooldownSeconds(interaction.guildId));
  if (turn.ok) return true;
  // Interactions must be answered, so every refusal gets the (private) notice.
  await respond(interaction, notices.cooldown(turn.retryAfterSeconds), { ephemeral: true });
  return false;
}
