import { type REST, Routes } from 'discord.js';
import type { Logger } from '../log.js';

// Registers the application commands by bulk overwrite (PUT), but only when they differ from what Discord
// already has: a restart (or every shard starting) does not rewrite identical commands, which Discord
// rate-limits tightly.

type Json = Record<string, unknown>;

const sorted = (v: unknown): unknown[] | null => (Array.isArray(v) ? [...v].sort() : null);

function normaliseOption(o: Json): Json {
  return {
    type: o.type,
    name: o.name,
    description: o.description ?? '',
    required: o.required ?? false,
    autocomplete: o.autocomplete ?? false,
    min_value: o.min_value ?? null,
    max_value: o.max_value ?? null,
    min_length: o.min_length ?? null,
    max_length: o.max_length ?? null,
    channel_types: sorted(o.channel_types),
    choices: Array.isArray(o.choices) ? (o.choices as Json[]).map((c) => ({ name: c.name, value: c.value })) : [],
    options: Array.isArray(o.options) ? (o.options as Json[]).map(normaliseOption) : [],
  };
}

/**
 * The fields that define a command, with Discord's defaults filled in, so a command we send and the same
 * command as Discord returns it (with ids, versions and defaults added) compare equal.
 */
export function normaliseCommand(command: object): Json {
  const c = command as Json;
  return {
    type: c.type ?? 1,
    name: c.name,
    description: c.description ?? '',
    options: Array.isArray(c.options) ? (c.options as Json[]).map(normaliseOption) : [],
    default_member_permissions: c.default_member_permissions ?? null,
    nsfw: c.nsfw ?? false,
    contexts: sorted(c.contexts),
    integration_types: sorted(c.integration_types),
  };
}

const key = (c: Json) => `${c.type}:${c.name}`;
// Code-unit order, not localeCompare: the order only has to be the same on both sides, and a collator would
// load ICU data into every shard for it.
const byKey = (a: Json, b: Json) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

export function sameCommands(existing: readonly object[], wanted: readonly object[]): boolean {
  const canon = (list: readonly object[]) => JSON.stringify(list.map(normaliseCommand).sort(byKey));
  return canon(existing) === canon(wanted);
}

export interface SyncTarget {
  applicationId: string;
  /** Register to one server (instant updates while developing) instead of globally. */
  guildId?: string | undefined;
}

export async function syncCommands(
  rest: REST,
  target: SyncTarget,
  commands: readonly object[],
  logger: Logger,
): Promise<'updated' | 'unchanged'> {
  const route = target.guildId
    ? Routes.applicationGuildCommands(target.applicationId, target.guildId)
    : Routes.applicationCommands(target.applicationId);
  const scope = target.guildId ? { guild: target.guildId } : { scope: 'global' };
  const existing = (await rest.get(route)) as object[];
  if (Array.isArray(existing) && sameCommands(existing, commands)) {
    logger.info({ ...scope, count: commands.length }, 'commands unchanged; registration skipped');
    return 'unchanged';
  }
  await rest.put(route, { body: commands });
  logger.info({ ...scope, count: commands.length }, 'commands registered');
  return 'updated';
}
