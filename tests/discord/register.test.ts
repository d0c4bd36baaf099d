import { describe, expect, it } from 'vitest';
import { commandDefinitions } from '../../src/discord/commands/index.js';
import { normaliseCommand, sameCommands } from '../../src/discord/register.js';

/** What Discord returns for a command we sent: ids and versions added, false/empty defaults omitted. */
const asDiscordReturns = (c: object, i: number) => {
  const cmd = JSON.parse(JSON.stringify(c)) as Record<string, unknown>;
  const strip = (o: Record<string, unknown>) => {
    if (o.required === false) delete o.required;
    if (o.autocomplete === false) delete o.autocomplete;
    if (Array.isArray(o.options)) for (const x of o.options) strip(x as Record<string, unknown>);
  };
  strip(cmd);
  return {
    id: String(1000 + i),
    application_id: '1',
    version: '2',
    default_member_permissions: null,
    nsfw: false,
    name_localizations: null,
    description_localizations: null,
    ...cmd,
    description: (cmd.description as string | undefined) ?? '',
  };
};

describe('command registration diff', () => {
  const ours = commandDefinitions();

  it('treats the commands as Discord returns them as unchanged, in any order', () => {
    const returned = ours.map(asDiscordReturns).reverse();
    expect(sameCommands(returned, ours)).toBe(true);
  });

  it('sees a changed description, a missing command and a new option', () => {
    const returned = ours.map(asDiscordReturns);
    expect(sameCommands(returned.slice(1), ours)).toBe(false);
    const changed = returned.map((c, i) => (i === 0 ? { ...c, description: 'old text' } : c));
    expect(sameCommands(changed, ours)).toBe(false);
    const first = normaliseCommand(ours[0] as object);
    const withOption = {
      ...first,
      options: [...(first.options as object[]), { type: 3, name: 'extra', description: 'x' }],
    };
    expect(sameCommands(returned, [withOption, ...ours.slice(1)])).toBe(false);
  });

  it('defines the commands members use, with the context menu, plus /settings (admins) and /reload (owner)', () => {
    expect(ours.map((c) => c.name).sort()).toEqual([
      'Ask Selene',
      'article',
      'ask',
      'food',
      'help',
      'reload',
      'settings',
      'topics',
    ]);
  });
});
