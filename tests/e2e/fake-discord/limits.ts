import type { Json } from './types.js';

/**
 * Discord's documented message limits. The fake rejects what Discord would reject (HTTP 400, code 50035 or 50006),
 * so a bot that overflows a limit fails its e2e test instead of failing in production.
 */
export const LIMITS = {
  content: 2000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  embedTotal: 6000,
  actionRows: 5,
  componentsPerRow: 5,
  customId: 100,
  buttonLabel: 80,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
} as const;

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const obj = (v: unknown): Json => (v && typeof v === 'object' ? (v as Json) : {});

/** Problems with a message body (create, edit, interaction reply), as `path: reason` strings. */
export function messageProblems(body: Json, { requireSomething }: { requireSomething: boolean }): string[] {
  const problems: string[] = [];
  const content = str(body.content);
  if ([...content].length > LIMITS.content) problems.push(`content: Must be ${LIMITS.content} or fewer in length.`);
  const embeds = arr(body.embeds);
  if (embeds.length > LIMITS.embeds) problems.push(`embeds: Must be ${LIMITS.embeds} or fewer in length.`);
  let total = 0;
  embeds.forEach((raw, i) => {
    const e = obj(raw);
    const check = (value: string, max: number, path: string) => {
      total += value.length;
      if (value.length > max) problems.push(`embeds.${i}.${path}: Must be ${max} or fewer in length.`);
    };
    check(str(e.title), LIMITS.embedTitle, 'title');
    check(str(e.description), LIMITS.embedDescription, 'description');
    check(str(obj(e.footer).text), LIMITS.footerText, 'footer.text');
    check(str(obj(e.author).name), LIMITS.authorName, 'author.name');
    const fields = arr(e.fields);
    if (fields.length > LIMITS.embedFields)
      problems.push(`embeds.${i}.fields: Must be ${LIMITS.embedFields} or fewer.`);
    fields.forEach((rawField, j) => {
      const f = obj(rawField);
      if (!str(f.name) || !str(f.value)) problems.push(`embeds.${i}.fields.${j}: name and value are required.`);
      check(str(f.name), LIMITS.fieldName, `fields.${j}.name`);
      check(str(f.value), LIMITS.fieldValue, `fields.${j}.value`);
    });
  });
  if (total > LIMITS.embedTotal) problems.push(`embeds: Embed size exceeds maximum size of ${LIMITS.embedTotal}`);
  const rows = arr(body.components);
  if (rows.length > LIMITS.actionRows) problems.push(`components: Must be ${LIMITS.actionRows} or fewer in length.`);
  rows.forEach((rawRow, i) => {
    const row = obj(rawRow);
    if (row.type !== 1) return; // Components v2 layouts are not validated by the fake.
    const children = arr(row.components);
    if (children.length === 0 || children.length > LIMITS.componentsPerRow) {
      problems.push(`components.${i}.components: Must be between 1 and ${LIMITS.componentsPerRow} in length.`);
    }
    children.forEach((rawChild, j) => {
      const c = obj(rawChild);
      const isLink = c.type === 2 && c.style === 5;
      if (!isLink && str(c.custom_id).length === 0)
        problems.push(`components.${i}.components.${j}.custom_id: required.`);
      if (str(c.custom_id).length > LIMITS.customId) {
        problems.push(`components.${i}.components.${j}.custom_id: Must be ${LIMITS.customId} or fewer in length.`);
      }
      if (str(c.label).length > LIMITS.buttonLabel) {
        problems.push(`components.${i}.components.${j}.label: Must be ${LIMITS.buttonLabel} or fewer in length.`);
      }
    });
  });
  const customIds = rows.flatMap((r) =>
    arr(obj(r).components)
      .map((c) => str(obj(c).custom_id))
      .filter(Boolean),
  );
  if (new Set(customIds).size !== customIds.length) problems.push('components: custom_id must be unique per message.');
  problems.push(...allowedMentionProblems(obj(body.allowed_mentions)));
  if (requireSomething && !content && embeds.length === 0 && rows.length === 0 && arr(body.attachments).length === 0) {
    problems.push('Cannot send an empty message');
  }
  return problems;
}

/** Discord refuses `parse: ['users']` together with a `users` list (and the same for roles). */
function allowedMentionProblems(allowed: Json): string[] {
  const parse = arr(allowed.parse);
  const problems: string[] = [];
  for (const kind of ['users', 'roles']) {
    const list = arr(allowed[kind]);
    if (parse.includes(kind) && list.length > 0) {
      problems.push(`allowed_mentions: parse:["${kind}"] and ${kind}: [ids...] are mutually exclusive.`);
    }
    if (list.length > 100) problems.push(`allowed_mentions.${kind}: Must be 100 or fewer in length.`);
  }
  const unknownParse = parse.filter((p) => !['users', 'roles', 'everyone'].includes(String(p)));
  if (unknownParse.length) problems.push(`allowed_mentions.parse: unknown value ${String(unknownParse[0])}.`);
  return problems;
}

/** Problems with an autocomplete answer (callback type 8). */
export function choiceProblems(data: Json): string[] {
  const problems: string[] = [];
  const choices = arr(data.choices);
  if (choices.length > LIMITS.choices) problems.push(`data.choices: Must be ${LIMITS.choices} or fewer in length.`);
  choices.forEach((raw, i) => {
    const c = obj(raw);
    const name = str(c.name);
    if (name.length < 1 || name.length > LIMITS.choiceName) {
      problems.push(`data.choices.${i}.name: Must be between 1 and ${LIMITS.choiceName} in length.`);
    }
    if (typeof c.value === 'string' && c.value.length > LIMITS.choiceValue) {
      problems.push(`data.choices.${i}.value: Must be ${LIMITS.choiceValue} or fewer in length.`);
    }
    if (typeof c.value !== 'string' && typeof c.value !== 'number') problems.push(`data.choices.${i}.value: required.`);
  });
  return problems;
}

const COMMAND_NAME = /^[-_\p{L}\p{N}]{1,32}$/u;

/** Problems with an application command definition (create or bulk overwrite). */
export function commandProblems(raw: unknown, path: string): string[] {
  const c = obj(raw);
  const problems: string[] = [];
  const type = typeof c.type === 'number' ? c.type : 1;
  const name = str(c.name);
  if (type === 1) {
    if (!COMMAND_NAME.test(name) || name !== name.toLowerCase()) problems.push(`${path}.name: Invalid command name.`);
    const description = str(c.description);
    if (description.length < 1 || description.length > 100) {
      problems.push(`${path}.description: Must be between 1 and 100 in length.`);
    }
  } else if (name.length < 1 || name.length > 32) {
    problems.push(`${path}.name: Must be between 1 and 32 in length.`);
  }
  const options = arr(c.options);
  if (options.length > 25) problems.push(`${path}.options: Must be 25 or fewer in length.`);
  options.forEach((rawOption, i) => {
    const o = obj(rawOption);
    const oName = str(o.name);
    if (!COMMAND_NAME.test(oName) || oName !== oName.toLowerCase()) {
      problems.push(`${path}.options.${i}.name: Invalid option name.`);
    }
    const description = str(o.description);
    if (description.length < 1 || description.length > 100) {
      problems.push(`${path}.options.${i}.description: Must be between 1 and 100 in length.`);
    }
    if (arr(o.choices).length > 25) problems.push(`${path}.options.${i}.choices: Must be 25 or fewer in length.`);
    if (o.autocomplete === true && arr(o.choices).length > 0) {
      problems.push(`${path}.options.${i}: autocomplete and choices are mutually exclusive.`);
    }
  });
  const required = options.map((o) => obj(o).required === true);
  if (required.some((r, i) => r && required.slice(0, i).some((before) => !before))) {
    problems.push(`${path}.options: Required options must be placed before non-required options.`);
  }
  return problems;
}
