// Language codes as the catalog stores them: ISO 639-2/B, lowercase ("eng", "fre", "ger", "chi"), the form
// ffprobe reports for Matroska tracks. Two-letter ISO 639-1 codes (sidecar names, some MP4s), the 639-2/T
// variants ("fra", "deu", "zho") and English names map to it; the table holds the ~50 common languages.

/** [ISO 639-1, ISO 639-2/B, ISO 639-2/T when it differs, English name]. */
const languages: ReadonlyArray<readonly [string, string, string | undefined, string]> = [
  ['ar', 'ara', undefined, 'arabic'],
  ['bg', 'bul', undefined, 'bulgarian'],
  ['bn', 'ben', undefined, 'bengali'],
  ['ca', 'cat', undefined, 'catalan'],
  ['cs', 'cze', 'ces', 'czech'],
  ['cy', 'wel', 'cym', 'welsh'],
  ['da', 'dan', undefined, 'danish'],
  ['de', 'ger', 'deu', 'german'],
  ['el', 'gre', 'ell', 'greek'],
  ['en', 'eng', undefined, 'english'],
  ['es', 'spa', undefined, 'spanish'],
  ['et', 'est', undefined, 'estonian'],
  ['eu', 'baq', 'eus', 'basque'],
  ['fa', 'per', 'fas', 'persian'],
  ['fi', 'fin', undefined, 'finnish'],
  ['fr', 'fre', 'fra', 'french'],
  ['ga', 'gle', undefined, 'irish'],
  ['gl', 'glg', undefined, 'galician'],
  ['he', 'heb', undefined, 'hebrew'],
  ['hi', 'hin', undefined, 'hindi'],
  ['hr', 'hrv', undefined, 'croatian'],
  ['hu', 'hun', undefined, 'hungarian'],
  ['id', 'ind', undefined, 'indonesian'],
  ['is', 'ice', 'isl', 'icelandic'],
  ['it', 'ita', undefined, 'italian'],
  ['ja', 'jpn', undefined, 'japanese'],
  ['ko', 'kor', undefined, 'korean'],
  ['lt', 'lit', undefined, 'lithuanian'],
  ['lv', 'lav', undefined, 'latvian'],
  ['mk', 'mac', 'mkd', 'macedonian'],
  ['ms', 'may', 'msa', 'malay'],
  ['nl', 'dut', 'nld', 'dutch'],
  ['no', 'nor', undefined, 'norwegian'],
  ['nb', 'nob', undefined, 'bokmal'],
  ['nn', 'nno', undefined, 'nynorsk'],
  ['pl', 'pol', undefined, 'polish'],
  ['pt', 'por', undefined, 'portuguese'],
  ['ro', 'rum', 'ron', 'romanian'],
  ['ru', 'rus', undefined, 'russian'],
  ['sk', 'slo', 'slk', 'slovak'],
  ['sl', 'slv', undefined, 'slovenian'],
  ['sq', 'alb', 'sqi', 'albanian'],
  ['sr', 'srp', undefined, 'serbian'],
  ['sv', 'swe', undefined, 'swedish'],
  ['ta', 'tam', undefined, 'tamil'],
  ['th', 'tha', undefined, 'thai'],
  ['tl', 'tgl', undefined, 'tagalog'],
  ['tr', 'tur', undefined, 'turkish'],
  ['uk', 'ukr', undefined, 'ukrainian'],
  ['ur', 'urd', undefined, 'urdu'],
  ['vi', 'vie', undefined, 'vietnamese'],
  ['zh', 'chi', 'zho', 'chinese'],
];

const toBibliographic = new Map<string, string>();
for (const [one, b, t, name] of languages) {
  for (const alias of [one, b, t, name]) if (alias !== undefined) toBibliographic.set(alias, b);
}

/**
 * The ISO 639-2/B code of a language code or English name, whatever its case; a region suffix is dropped
 * ("pt-BR" is "por"). A three-letter code the table lacks is kept as it is (lowercased), being already
 * 639-2; anything else (and "und", "zxx", "mul": no single language) is undefined.
 * @example normaliseLanguage('fr') === 'fre'; normaliseLanguage('DEU') === 'ger'; normaliseLanguage('und') === undefined
 */
export function normaliseLanguage(code: string | undefined): string | undefined {
  const lower = (code ?? '').trim().toLowerCase();
  const known = toBibliographic.get(lower) ?? toBibliographic.get(lower.split(/[-_]/)[0] ?? '');
  if (known !== undefined) return known;
  return /^[a-z]{3}$/.test(lower) && !['und', 'zxx', 'mul', 'mis'].includes(lower) ? lower : undefined;
}

/** Whether `word` names a language the table knows (a sidecar name's tag, where an unknown word is no language). */
export function isKnownLanguage(word: string): boolean {
  const lower = word.toLowerCase();
  return toBibliographic.has(lower) || toBibliographic.has(lower.split(/[-_]/)[0] ?? '');
}
