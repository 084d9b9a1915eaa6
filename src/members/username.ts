/**
 * The identity of a username: two names that read alike are one. NFKC folds compatibility forms
 * (fullwidth `ａｌｉｃｅ`, ligatures), format characters (zero-width, bidi controls) are dropped, and
 * upper- then lower-casing approximates Unicode full case folding (`ß` and `SS`, `ς` and `σ`), which
 * plain `toLowerCase()` does not. Sign-up refuses format characters outright; dropping them here
 * also keeps any name stored before that rule from shadowing another.
 */
export function foldUsername(username: string): string {
  return username
    .normalize('NFKC')
    .replace(/\p{Cf}/gu, '')
    .toUpperCase()
    .toLowerCase()
    .normalize('NFKC');
}

/**
 * Characters a username may not hold: `,` and `/` (the seed's rule), control and format characters
 * (zero-width joiners, bidi overrides: invisible, they make a second "alice"), private-use,
 * unassigned and lone surrogate code points, and line or paragraph separators.
 */
export const FORBIDDEN_USERNAME_CHARACTERS = /[,/\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Cs}\p{Zl}\p{Zp}]/u;

/**
 * The lower-cased form that username and e-mail uniqueness and the case-insensitive search compare
 * (NFC first, as usernames are stored).
 */
export function memberKey(text: string): string {
  return text.normalize('NFC').toLowerCase();
}
