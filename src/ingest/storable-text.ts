/** What PostgreSQL refuses in text and jsonb: NUL, and a UTF-16 surrogate without its other half. */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, 'g');

export const UNSTORABLE_TEXT_REASON = 'contains \\u0000 or an unpaired surrogate, which PostgreSQL cannot store';

export function isStorableText(text: string): boolean {
  return !UNSTORABLE.test(text);
}

/** The text with what PostgreSQL refuses replaced by U+FFFD, cut to `maxChars` (never inside a surrogate pair). */
export function storableText(text: string, maxChars = Infinity): string {
  let cut = text;
  if (text.length > maxChars) {
    const end = /[\uD800-\uDBFF]/.test(text.charAt(maxChars - 2)) ? maxChars - 2 : maxChars - 1;
    cut = `${text.slice(0, end)}…`;
  }
  return cut.replace(UNSTORABLE_ALL, '\ufffd');
}
