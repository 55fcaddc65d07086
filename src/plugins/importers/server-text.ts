// Text a media server reports (titles, summaries, genres) as the catalog may keep it: the database refuses
// a NUL byte (PostgreSQL text and jsonb cannot hold one, and one such row used to fail the whole ingest), and
// other control characters (an ESC starting a terminal sequence) would reach every listing that prints it.
// Tab and newline stay: a summary has paragraphs.

// eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
const controls = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/** The text without control characters; undefined when nothing printable is left. */
export function serverText(value: string): string | undefined {
  const clean = value.replace(controls, '');
  return clean.trim() === '' ? undefined : clean;
}
