// The end of a media file's name that is not its title: the release tags scene and rip names trail
// ("720p.BluRay.x264-GROUP") and a release year ("(1999)", "[1999]", ".1999."). A tag is junk only in that
// tail: "HD Tales" and "4K Dreams" keep their words. Pure.

// Codec, source, resolution, audio and release words. Ordinary English words that end real titles
// ("Web", "Limited") are left out; HD, 4K or Proper are tags only when nothing but tags follows them.
const TAGS = [
  '\\d{3,4}[pi]', '[48]k', 'u?hd', 'fhd', '[xh]\\.?26[45]', 'avc', 'hevc', 'xvid', 'divx', 'av1', 'vp9',
  'blu-?ray', 'b[dr]rip', 'web-?(?:dl|rip)', 'hdtv', 'pdtv', 'dvd(?:rip|scr|r|9|5)?', 'vhsrip',
  'remux', 'hdr(?:10)?', '10-?bit', '8-?bit', 'aac(?:2\\.0)?', 'ac3', 'e-?ac3', 'dts(?:-?hd)?(?:-?ma)?', 'truehd',
  'atmos', 'flac', 'dd[p+]?5\\.1', 'proper', 'repack',
].join('|');
const SEP = '[\\s._\\-]';
// One tag at the very end, after a separator or at the start of the name.
const TAIL_TAG_RE = new RegExp(`(?:^|${SEP})(?:${TAGS})${SEP}*$`, 'i');
// The release group: "-GROUP" glued to the last tag ("x264-GROUP"); a hyphen after a title word is title.
const GROUP_RE = new RegExp(`((?:^|${SEP})(?:${TAGS}))-[a-z0-9]+$`, 'i');
// A trailing [group] or {site} that is not a year.
const TAIL_BRACKET_RE = /\s*(?:\[(?!(?:19|20)\d{2}\])[^\]]*\]|\{[^}]*\})\s*$/;

/**
 * `name` without the release tags (and a release group after them) that end it.
 * @example
 * withoutReleaseTail('Episode Title HD H264') // → 'Episode Title'
 * withoutReleaseTail('HD H264 two audio')     // → 'HD H264 two audio' (tags not at the end stay)
 */
export function withoutReleaseTail(name: string): string {
  let rest = name.replace(TAIL_BRACKET_RE, '').replace(GROUP_RE, '$1');
  for (;;) {
    const next = rest.replace(TAIL_BRACKET_RE, '').replace(TAIL_TAG_RE, '');
    if (next === rest) return rest;
    rest = next;
  }
}

// A year in brackets, or between scene separators: never one set off by spaces alone ("Blade Runner 2049").
export const YEAR_RE = /(?:^|[._\-([])((?:19|20)\d{2})(?=$|[._\-)\]])/g;

/**
 * The last release year of `name` with a title before it, what stands before it and what follows it;
 * undefined when there is none ("1984" alone is a title, not a year).
 */
export function lastYear(name: string, hasTitle: (before: string) => boolean): { year: number; before: string; after: string } | undefined {
  let chosen: RegExpExecArray | undefined;
  for (const match of name.matchAll(YEAR_RE)) {
    if (hasTitle(name.slice(0, match.index))) chosen = match as RegExpExecArray;
  }
  if (chosen === undefined) return undefined;
  return { year: Number(chosen[1]), before: name.slice(0, chosen.index), after: name.slice(chosen.index + chosen[0].length) };
}
