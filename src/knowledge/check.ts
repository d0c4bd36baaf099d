import { type KnowledgeBase, type KnowledgeError, normaliseWhitespace } from './types.js';

function duplicates<T>(items: readonly T[], key: (item: T) => string): Map<number, string> {
  const seen = new Set<string>();
  const dupes = new Map<number, string>();
  items.forEach((item, i) => {
    const k = key(item);
    if (seen.has(k)) dupes.set(i, k);
    seen.add(k);
  });
  return dupes;
}

/**
 * Cross-file rules that a schema alone cannot express: unique ids, quotes that are verbatim
 * substrings of their section, and every cited source, section and related id existing.
 */
export function checkKnowledge(kb: KnowledgeBase): KnowledgeError[] {
  const errors: KnowledgeError[] = [];
  const referenceIds = new Set(kb.references.map((r) => r.id));
  const sections = new Map(kb.article.resolvedSections.map((s) => [s.id, s]));
  const entryIds = new Set(kb.entries.map((e) => e.id));

  for (const [i, dupe] of duplicates(kb.article.sections, (s) => s.id))
    errors.push({ file: 'article.json', path: `$.sections[${i}].id`, reason: `duplicate section id "${dupe}"` });
  for (const [i, dupe] of duplicates(kb.references, (r) => r.id))
    errors.push({ file: 'references.json', path: `$.references[${i}].id`, reason: `duplicate reference id "${dupe}"` });
  for (const [i, dupe] of duplicates(kb.entries, (e) => e.id))
    errors.push({ file: 'entries.json', path: `$.entries[${i}].id`, reason: `duplicate entry id "${dupe}"` });
  for (const [i, dupe] of duplicates(kb.foods, (f) => f.id))
    errors.push({ file: 'foods.json', path: `$.foods[${i}].id`, reason: `duplicate food id "${dupe}"` });
  for (const [i, dupe] of duplicates(kb.related, (l) => l.id))
    errors.push({ file: 'related.json', path: `$.links[${i}].id`, reason: `duplicate link id "${dupe}"` });
  for (const [i, dupe] of duplicates(kb.usda.foods, (row) => row[0]))
    errors.push({ file: 'usda-foods.json', path: `$.foods[${i}][0]`, reason: `duplicate NDB number "${dupe}"` });

  const needSource = (file: string, path: string, sourceId: string) => {
    if (!referenceIds.has(sourceId))
      errors.push({ file, path, reason: `unknown source "${sourceId}" (not in references.json)` });
  };

  kb.entries.forEach((entry, i) => {
    entry.quotes.forEach((quote, q) => {
      const path = `$.entries[${i}].quotes[${q}]`;
      const section = sections.get(quote.section);
      if (!section) {
        errors.push({ file: 'entries.json', path: `${path}.section`, reason: `unknown section "${quote.section}"` });
        return;
      }
      const text = normaliseWhitespace(quote.text);
      if (section.text.includes(text)) return;
      const elsewhere = kb.article.resolvedSections.find((s) => s.text.includes(text));
      errors.push({
        file: 'entries.json',
        path: `${path}.text`,
        reason: elsewhere
          ? `quote is in section "${elsewhere.id}", not "${quote.section}"`
          : 'quote is not a verbatim substring of the article',
      });
    });
    entry.evidence.forEach((note, n) => {
      needSource('entries.json', `$.entries[${i}].evidence[${n}].sourceId`, note.sourceId);
    });
    entry.glossary?.forEach((note, n) => {
      needSource('entries.json', `$.entries[${i}].glossary[${n}].sourceId`, note.sourceId);
    });
    entry.related.forEach((rel, r) => {
      if (!entryIds.has(rel))
        errors.push({ file: 'entries.json', path: `$.entries[${i}].related[${r}]`, reason: `unknown entry "${rel}"` });
    });
  });

  kb.foods.forEach((food, i) => {
    needSource('foods.json', `$.foods[${i}].sourceId`, food.sourceId);
  });
  needSource('usda-foods.json', '$.sourceId', kb.usda.sourceId);
  // Every fact cites a source; a fact added to the schema is checked without a line here.
  for (const [name, fact] of Object.entries(kb.facts)) {
    if (typeof fact === 'object' && 'sourceId' in fact) needSource('facts.json', `$.${name}.sourceId`, fact.sourceId);
  }
  return errors;
}
