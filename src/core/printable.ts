// Text for a terminal: control characters (ESC sequences that recolour or move the cursor, carriage
// returns, bidirectional overrides) written visibly as \xNN or \uNNNN, so a name read from a file or
// typed by someone else can neither rewrite the screen nor fake a row. JSON output needs none of this.

const inLine = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;
const inText = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

function visible(char: string): string {
  const code = char.codePointAt(0) as number;
  if (char === '\n') return '\\n';
  if (char === '\t') return '\\t';
  return code < 0x100 ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}` : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * One value on one line (a table cell, a name in a message): every control character escaped, newlines too.
 * @example printableLine('Evil\u001b[31m\nRow') === 'Evil\\x1B[31m\\nRow'
 */
export function printableLine(value: string): string {
  return value.replace(inLine, visible);
}

/** Several lines of output: control characters escaped, line breaks and tabs kept. */
export function printableText(text: string): string {
  return text.replace(inText, visible);
}
