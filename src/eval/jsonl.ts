import type { z } from 'zod';

/** A JSON Lines text, each non-empty line checked against `schema`; the first bad line throws, naming `name:line`. */
export function parseJsonLines<T>(text: string, schema: z.ZodType<T>, name: string): T[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
    .map((l, i) => {
      const parsed = schema.safeParse(JSON.parse(l));
      if (!parsed.success) throw new Error(`${name}:${i + 1}: ${parsed.error.issues[0]?.message ?? 'invalid line'}`);
      return parsed.data;
    });
}
