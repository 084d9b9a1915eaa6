/**
 * What PostgreSQL cannot store: `text` and `jsonb` refuse the NUL character, and `jsonb` refuses
 * the escape `JSON.stringify` writes for a lone UTF-16 surrogate (a `text` column would silently
 * get U+FFFD instead). Checked on the way in, so that such input is a 400 naming the field rather
 * than a 500 from the database, on either dialect.
 */
export const STORABLE_TEXT_RULE = 'must not contain the NUL character or unpaired surrogates';

// Node 20 has String.prototype.isWellFormed (ES2024), three times faster than a regular expression;
// the project's TypeScript lib stops at ES2023.
const isWellFormed = (String.prototype as unknown as { isWellFormed: (this: string) => boolean }).isWellFormed;

/** Whether PostgreSQL can store `text`: no NUL character, no unpaired surrogate. */
export function isStorableText(text: string): boolean {
  return isWellFormed.call(text) && !text.includes('\u0000');
}

/**
 * The path (`a.b[0].c`, as validation errors name fields) of the first key or string that could
 * not be stored, or undefined. Iterative, so any depth the body parser admitted is safe.
 */
export function unstorableTextPath(root: unknown, rootPath = ''): string | undefined {
  const pending: Array<{ value: unknown; path: string }> = [{ value: root, path: rootPath }];
  while (pending.length > 0) {
    const { value, path } = pending.pop() as { value: unknown; path: string };
    if (typeof value === 'string') {
      if (!isStorableText(value)) return path;
    } else if (Array.isArray(value)) {
      // Pushed last first, so that the first fault in document order is the one named.
      for (let index = value.length - 1; index >= 0; index--) pending.push({ value: value[index], path: `${path}[${index}]` });
    } else if (typeof value === 'object' && value !== null) {
      const entries = Object.entries(value as Record<string, unknown>);
      for (const [key] of entries) if (!isStorableText(key)) return path === '' ? key : `${path}.${key}`;
      for (let index = entries.length - 1; index >= 0; index--) {
        const [key, item] = entries[index];
        pending.push({ value: item, path: path === '' ? key : `${path}.${key}` });
      }
    }
  }
  return undefined;
}
