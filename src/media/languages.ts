// Language codes as files and operators spell them (ISO 639-1 "en", ISO 639-2/B "ger", 639-2/T "deu") brought
// to one spelling, ISO 639-2/B (what Matroska and ffprobe tags use), so "en", "eng" and "ENG" are one language.

// [639-1, 639-2/B, 639-2/T when it differs]
const CODES: readonly (readonly [string, string, string?])[] = [
  ['ar', 'ara'], ['bg', 'bul'], ['bn', 'ben'], ['ca', 'cat'], ['cs', 'cze', 'ces'], ['cy', 'wel', 'cym'],
  ['da', 'dan'], ['de', 'ger', 'deu'], ['el', 'gre', 'ell'], ['en', 'eng'], ['es', 'spa'], ['et', 'est'],
  ['eu', 'baq', 'eus'], ['fa', 'per', 'fas'], ['fi', 'fin'], ['fr', 'fre', 'fra'], ['ga', 'gle'], ['gl', 'glg'],
  ['he', 'heb'], ['hi', 'hin'], ['hr', 'hrv'], ['hu', 'hun'], ['id', 'ind'], ['is', 'ice', 'isl'], ['it', 'ita'],
  ['ja', 'jpn'], ['ko', 'kor'], ['lt', 'lit'], ['lv', 'lav'], ['ms', 'may', 'msa'], ['nl', 'dut', 'nld'],
  ['no', 'nor'], ['nb', 'nob'], ['nn', 'nno'], ['pl', 'pol'], ['pt', 'por'], ['ro', 'rum', 'ron'], ['ru', 'rus'],
  ['sk', 'slo', 'slk'], ['sl', 'slv'], ['sr', 'srp'], ['sv', 'swe'], ['ta', 'tam'], ['th', 'tha'], ['tl', 'tgl'],
  ['tr', 'tur'], ['uk', 'ukr'], ['ur', 'urd'], ['vi', 'vie'], ['zh', 'chi', 'zho'],
];

const CANONICAL = new Map<string, string>();
for (const [one, bib, term] of CODES) {
  CANONICAL.set(one, bib);
  CANONICAL.set(bib, bib);
  if (term !== undefined) CANONICAL.set(term, bib);
}

/** Codes that say "no language" in files: untagged. */
const NO_LANGUAGE = new Set(['und', 'mis', 'mul', 'zxx', 'xx', '']);

/**
 * A language tag in ISO 639-2/B, or undefined when it says nothing ("und", empty). Regional tags such as
 * "en-US" or "pt_BR" keep their language; an unknown three-letter code is kept as it is (lowercased).
 * @example canonicalLanguage('EN') // 'eng'; canonicalLanguage('deu') // 'ger'
 */
export function canonicalLanguage(tag: string | undefined): string | undefined {
  const code = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '';
  if (NO_LANGUAGE.has(code)) return undefined;
  return CANONICAL.get(code) ?? (/^[a-z]{3}$/.test(code) ? code : undefined);
}

/** Whether `code` is a language an operator may name: a known two-letter code or any three-letter one. */
export function isLanguageCode(code: string): boolean {
  return canonicalLanguage(code) !== undefined;
}
