import {
  type APIApplicationCommandOption,
  ApplicationCommandOptionType,
  type CommandInteractionOption,
} from 'discord.js';
import { LIMITS } from '../limits.js';

// Discord enforces every option's declared limits in its own client, so a value outside them was forged
// (a script with a user token, or a stale registration). It is refused here, before any handler or the
// engine sees it: a 4,000-character /food value must never reach a fuzzy search.

/** Why an option is refused, in words a member can act on; null when every option is within its limits. */
export function optionProblem(
  given: readonly CommandInteractionOption[],
  declared: readonly APIApplicationCommandOption[] | undefined,
): string | null {
  for (const option of given) {
    const def = declared?.find((d) => d.name === option.name);
    // Options the command does not declare are never read by its handler; nothing to check.
    if (!def) continue;
    if (option.options?.length) {
      const nested = 'options' in def ? (def.options as APIApplicationCommandOption[] | undefined) : undefined;
      const problem = optionProblem(option.options, nested);
      if (problem) return problem;
    }
    const problem = valueProblem(option, def);
    if (problem) return problem;
  }
  return null;
}

function valueProblem(option: CommandInteractionOption, def: APIApplicationCommandOption): string | null {
  const { value } = option;
  if (def.type === ApplicationCommandOptionType.String && typeof value === 'string') {
    const max = def.max_length ?? LIMITS.stringOption;
    if (value.length > max) return `\`${def.name}\` can be at most ${max} characters.`;
    if (def.min_length !== undefined && value.length < def.min_length)
      return `\`${def.name}\` needs at least ${def.min_length} characters.`;
  }
  if (
    (def.type === ApplicationCommandOptionType.Number || def.type === ApplicationCommandOptionType.Integer) &&
    value !== undefined
  ) {
    const n = typeof value === 'number' ? value : Number.NaN;
    const whole = def.type === ApplicationCommandOptionType.Integer;
    const low = def.min_value ?? Number.NEGATIVE_INFINITY;
    const high = def.max_value ?? Number.POSITIVE_INFINITY;
    if (!Number.isFinite(n) || (whole && !Number.isInteger(n)) || n < low || n > high) {
      const range = Number.isFinite(low) && Number.isFinite(high) ? ` from ${low} to ${high}` : '';
      return `\`${def.name}\` must be a ${whole ? 'whole ' : ''}number${range}.`;
    }
  }
  return null;
}
