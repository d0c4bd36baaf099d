/**
 * The value `make` gives, made on the first call and the same one after: for what an engine builds on first
 * use rather than at start-up (food tables, typo indexes, question autocomplete). Per engine, never global.
 */
export function once<T>(make: () => T): () => T {
  let value: T | undefined;
  let made = false;
  return () => {
    if (!made) {
      value = make();
      made = true;
    }
    return value as T;
  };
}
