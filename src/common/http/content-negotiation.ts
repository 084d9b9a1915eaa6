/**
 * HTTP content negotiation, read the way RFC 9110 §12.5.1 says: an `Accept` header is a list of
 * media ranges with optional q-values; the most specific range matching a type decides its quality,
 * and a quality of 0 means "not acceptable".
 */

/** One media range of an `Accept` header. */
export interface MediaRange {
  type: string;
  subtype: string;
  /** Parameters other than `q`, lower-cased names. */
  params: Record<string, string>;
  /** Quality from 0 to 1; 1 when absent, 0 when unreadable (a malformed range admits nothing). */
  q: number;
}

const Q_VALUE = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/;

/** Parses an `Accept` header into its media ranges; malformed ranges are dropped. */
export function parseAccept(header: string): MediaRange[] {
  const ranges: MediaRange[] = [];
  for (const part of splitOutsideQuotes(header, ',')) {
    const [mediaType, ...rawParams] = splitOutsideQuotes(part, ';').map((piece) => piece.trim());
    // `;;;` splits into nothing at all: a range without a media type admits nothing.
    if (mediaType === undefined) continue;
    const slash = mediaType.indexOf('/');
    if (slash <= 0 || slash === mediaType.length - 1) continue;
    const type = mediaType.slice(0, slash).toLowerCase();
    const subtype = mediaType.slice(slash + 1).toLowerCase();
    if (type === '*' && subtype !== '*') continue;
    const params: Record<string, string> = {};
    let q = 1;
    for (const raw of rawParams) {
      const equals = raw.indexOf('=');
      if (equals <= 0) continue;
      const name = raw.slice(0, equals).trim().toLowerCase();
      const value = raw
        .slice(equals + 1)
        .trim()
        .replace(/^"(.*)"$/, '$1');
      if (name === 'q') q = Q_VALUE.test(value) ? Number(value) : 0;
      else params[name] = value;
    }
    ranges.push({ type, subtype, params, q });
  }
  return ranges;
}

/**
 * The quality the client gives `mediaType` (e.g. `application/json`): that of the most specific
 * matching range (`type/subtype` over `type/*` over `*\/*`), 0 when none matches.
 */
export function qualityOf(header: string, mediaType: string): number {
  const [type, subtype] = mediaType.toLowerCase().split('/');
  let best: { specificity: number; q: number } | undefined;
  for (const range of parseAccept(header)) {
    let specificity: number;
    if (range.type === type && range.subtype === subtype) specificity = 2;
    else if (range.type === type && range.subtype === '*') specificity = 1;
    else if (range.type === '*' && range.subtype === '*') specificity = 0;
    else continue;
    if (best === undefined || specificity > best.specificity || (specificity === best.specificity && range.q > best.q)) {
      best = { specificity, q: range.q };
    }
  }
  return best?.q ?? 0;
}

/**
 * Whether a request's `Accept` admits `mediaType`. No header, or an empty one, admits anything
 * (RFC 9110: a missing Accept means every type is acceptable).
 */
export function accepts(acceptHeader: string | string[] | undefined, mediaType: string): boolean {
  const header = [acceptHeader ?? []].flat().join(',');
  if (header.trim() === '') return true;
  return qualityOf(header, mediaType) > 0;
}

/** The `type/subtype` of a `Content-Type` header, lower-cased, without parameters (`charset`). */
export function mediaTypeOf(contentType: string | undefined): string | undefined {
  if (contentType === undefined) return undefined;
  const essence = contentType.split(';', 1)[0].trim().toLowerCase();
  return essence === '' ? undefined : essence;
}

/** Whether a `Content-Type` header names JSON (`application/json`, any parameters). */
export function isJsonContentType(contentType: string | undefined): boolean {
  return mediaTypeOf(contentType) === 'application/json';
}

function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    if (char === separator && !quoted) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts.filter((part) => part.trim() !== '');
}
