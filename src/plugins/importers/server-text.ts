// Text a media server reports (titles, summaries, genres) as the catalog may keep it: the database refuses
// a NUL byte (PostgreSQL text and jsonb cannot hold one, and one such row used to fail the whole ingest), and
// other control characters (an ESC starting a terminal sequence) would reach every listing that prints it,
// and a lone UTF-16 surrogate makes jsonb refuse the item's metadata. Tab and newline stay: a summary has
// paragraphs.

// eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
const controls = /[\u0000-\u0008\u000b-\u001f\u007f]/g;
/** Half of a UTF-16 pair without its other half: JSON can carry one, jsonb refuses it. */
const loneSurrogates = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Longest text kept: a summary is a few thousand characters, and a server's megabytes would be in every row. */
export const maxServerText = 16_384;

/**
 * The text without control characters, cut at maxServerText, and well-formed (a lone surrogate, which JSON
 * may carry, is refused by jsonb); undefined when nothing printable is left.
 */
export function serverText(value: string): string | undefined {
  const clean = value.slice(0, maxServerText).replace(loneSurrogates, '\ufffd').replace(controls, '');
  return clean.trim() === '' ? undefined : clean;
}
