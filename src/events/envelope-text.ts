/**
 * The JSON text of an envelope's blocks as the producer sent them, cut out of the request body, so
 * that the store keeps (and answers) the same bytes: `JSON.parse` then `JSON.stringify` would round
 * big integers (`12345678901234567890123`), drop trailing zeros (`1.10`) and collapse duplicate keys.
 */

/** The blocks the store keeps as text. */
export interface EnvelopeBlockTexts {
  system: string;
  trigger: string;
  payload: string;
}

const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);

/**
 * The text of the top-level `system`, `trigger` and `payload` values of a JSON object text that
 * `JSON.parse` accepted (the last of a repeated key, as `JSON.parse` keeps), or undefined if it
 * is not an object holding all three. A linear scan that skips strings and nested values.
 */
export function envelopeBlockTexts(text: string): EnvelopeBlockTexts | undefined {
  const found = new Map<string, string>();
  let i = skipWhitespace(text, 0);
  if (text.charCodeAt(i) !== 0x7b) return undefined;
  i = skipWhitespace(text, i + 1);
  if (text.charCodeAt(i) === 0x7d) return undefined;
  for (;;) {
    if (text.charCodeAt(i) !== 0x22) return undefined;
    const keyEnd = skipString(text, i);
    const key = JSON.parse(text.slice(i, keyEnd)) as string;
    i = skipWhitespace(text, keyEnd);
    if (text.charCodeAt(i) !== 0x3a) return undefined;
    const valueStart = skipWhitespace(text, i + 1);
    const valueEnd = skipValue(text, valueStart);
    found.set(key, text.slice(valueStart, valueEnd));
    i = skipWhitespace(text, valueEnd);
    const next = text.charCodeAt(i);
    if (next === 0x7d) break;
    if (next !== 0x2c) return undefined;
    i = skipWhitespace(text, i + 1);
  }
  const system = found.get('system');
  const trigger = found.get('trigger');
  const payload = found.get('payload');
  if (system === undefined || trigger === undefined || payload === undefined) return undefined;
  return { system, trigger, payload };
}

function skipWhitespace(text: string, at: number): number {
  let i = at;
  while (i < text.length && WHITESPACE.has(text.charCodeAt(i))) i++;
  return i;
}

/** The index just past the string starting at `at` (its opening quote). */
function skipString(text: string, at: number): number {
  let i = at + 1;
  while (i < text.length) {
    const unit = text.charCodeAt(i);
    if (unit === 0x5c) i += 2;
    else if (unit === 0x22) return i + 1;
    else i++;
  }
  return i;
}

/** The index just past the value starting at `at`: a string, an object or array (nesting counted), or a literal. */
function skipValue(text: string, at: number): number {
  const first = text.charCodeAt(at);
  if (first === 0x22) return skipString(text, at);
  if (first === 0x7b || first === 0x5b) {
    let depth = 0;
    let i = at;
    while (i < text.length) {
      const unit = text.charCodeAt(i);
      if (unit === 0x22) {
        i = skipString(text, i);
        continue;
      }
      if (unit === 0x7b || unit === 0x5b) depth++;
      else if (unit === 0x7d || unit === 0x5d) {
        depth--;
        if (depth === 0) return i + 1;
      }
      i++;
    }
    return i;
  }
  let i = at;
  while (i < text.length) {
    const unit = text.charCodeAt(i);
    if (unit === 0x2c || unit === 0x7d || unit === 0x5d || WHITESPACE.has(unit)) break;
    i++;
  }
  return i;
}
