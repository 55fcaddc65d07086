// Words for the commands RetroVue suggests (`next: retrovue …`), quoted so they paste into a POSIX shell
// as the operator typed them: a name with spaces or quotes stays one argument.

const plain = /^[A-Za-z0-9_@%+=:,./-]+$/;

/**
 * @example
 * shellWord('lib')          // → lib
 * shellWord("Bob's Shows")  // → 'Bob'\''s Shows'
 */
export function shellWord(text: string): string {
  if (plain.test(text)) return text;
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
