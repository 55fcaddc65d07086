// Numbers typed by an operator, parsed exactly: a value is accepted only when the number Core would store
// is the number that was written. `Number("12345678901234567891")` rounds to 12345678901234567000 and
// 400 nines become Infinity; both are refused here instead of being stored.

const integerText = /^[-+]?[0-9]+$/;
const decimalText = /^[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$/;
/** Every decimal with at most this many significant digits survives text → double → text. */
const exactDigits = 15;

/**
 * A plain decimal integer that is exactly a JavaScript number, or undefined.
 * @example exactInteger('42') === 42; exactInteger('12345678901234567891') === undefined; exactInteger('1e3') === undefined
 */
export function exactInteger(raw: string): number | undefined {
  const text = raw.trim();
  if (!integerText.test(text)) return undefined;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : undefined;
}

/**
 * A plain decimal (no exponent, hex, Infinity or NaN) with at most 15 significant digits and a finite
 * value, or undefined.
 * @example exactDecimal('29.97') === 29.97; exactDecimal('0.1000000000000000001') === undefined
 */
export function exactDecimal(raw: string): number | undefined {
  const text = raw.trim();
  if (!decimalText.test(text)) return undefined;
  const digits = text.replace(/^[-+]/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  const n = Number(text);
  return digits.length <= exactDigits && Number.isFinite(n) ? n : undefined;
}

/**
 * A string of decimal digits without its leading zeros ("007" → "7", "0" → "0"); never through a number,
 * so any length stays exact.
 */
export function withoutLeadingZeros(digits: string): string {
  return digits.replace(/^0+(?=[0-9])/, '');
}

/** Compares two strings of decimal digits by value, exactly, whatever their length. */
export function compareDigitStrings(a: string, b: string): number {
  const x = withoutLeadingZeros(a);
  const y = withoutLeadingZeros(b);
  if (x.length !== y.length) return x.length - y.length;
  return x < y ? -1 : x > y ? 1 : 0;
}
