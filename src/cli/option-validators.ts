// Typanion validators for contract option types. Each coerces the raw argument and, when it cannot,
// says in one line what the option accepts — Clipanion prefixes the option name. The value quoted back is
// escaped (printableLine): a newline or terminal escape in it never breaks the line or the terminal.
import { makeValidator, type StrictValidator } from 'typanion';
import { exactDecimal, exactInteger } from '../core/exact-number.js';
import { printableLine } from '../core/printable.js';

type Check<T> = (raw: string) => { ok: true; value: T } | { ok: false; message: string };

function fromCheck<T>(check: Check<T>): StrictValidator<unknown, T> {
  return makeValidator<unknown, T>({
    test: (value, state): value is T => {
      const p = state?.p ?? '.';
      const outcome = check(String(value));
      if (!outcome.ok) {
        state?.errors?.push(`${p}: ${outcome.message}`);
        return false;
      }
      if (state?.coercions && state.coercion) state.coercions.push([p, state.coercion.bind(null, outcome.value)]);
      return true;
    },
  });
}

export interface NumericBounds {
  readonly minimum?: number;
  readonly maximum?: number;
}

function rangeText({ minimum, maximum }: NumericBounds): string {
  if (minimum !== undefined && maximum !== undefined) return ` between ${minimum} and ${maximum}`;
  if (minimum !== undefined) return ` of at least ${minimum}`;
  if (maximum !== undefined) return ` of at most ${maximum}`;
  return '';
}

function inRange(n: number, { minimum, maximum }: NumericBounds): boolean {
  return (minimum === undefined || n >= minimum) && (maximum === undefined || n <= maximum);
}

// Numbers are parsed exactly (src/core/exact-number.ts): a value that would be rounded, overflow to
// Infinity, or is written as hex, an exponent, Infinity or NaN is refused with the range it must lie in.
export function isIntegerOption(bounds: NumericBounds = {}): StrictValidator<unknown, number> {
  return fromCheck((raw) => {
    const n = exactInteger(raw);
    return n !== undefined && inRange(n, bounds)
      ? { ok: true, value: n }
      : { ok: false, message: `must be a whole number${rangeText(bounds)} (got "${printableLine(raw)}")` };
  });
}

export function isNumberOption(bounds: NumericBounds = {}): StrictValidator<unknown, number> {
  return fromCheck((raw) => {
    const n = exactDecimal(raw);
    return n !== undefined && inRange(n, bounds)
      ? { ok: true, value: n }
      : { ok: false, message: `must be a decimal number of at most 15 digits${rangeText(bounds)} (got "${printableLine(raw)}")` };
  });
}

export function isIntegerListOption(bounds: NumericBounds = {}): StrictValidator<unknown, number[]> {
  return fromCheck((raw) => {
    const values = raw.split(',').map(exactInteger);
    const valid = values.every((n): n is number => n !== undefined && inRange(n, bounds));
    return valid
      ? { ok: true, value: values as number[] }
      : { ok: false, message: `must be a comma-separated list of whole numbers${rangeText(bounds)} (got "${printableLine(raw)}")` };
  });
}

/** "a,b" → ["a", "b"]; an empty string is the empty list (how an operator clears a list). */
export function isStringListOption(): StrictValidator<unknown, string[]> {
  return fromCheck((raw) => {
    if (raw.trim() === '') return { ok: true, value: [] };
    const values = raw.split(',').map((part) => part.trim());
    return values.every((v) => v.length > 0)
      ? { ok: true, value: values }
      : { ok: false, message: `must be a comma-separated list without empty items (got "${printableLine(raw)}")` };
  });
}

export interface StringRules {
  readonly pattern?: string;
  readonly patternHint?: string;
  readonly enum?: readonly string[];
  /** Longest value in characters (code points). */
  readonly maxLength?: number;
}

export function isStringOption(rules: StringRules): StrictValidator<unknown, string> {
  const pattern = rules.pattern === undefined ? undefined : new RegExp(rules.pattern);
  return fromCheck((raw) => {
    const length = [...raw].length;
    if (rules.maxLength !== undefined && length > rules.maxLength) {
      return { ok: false, message: `must be at most ${rules.maxLength} characters (got ${length})` };
    }
    if (rules.enum && !rules.enum.includes(raw)) {
      return { ok: false, message: `must be one of ${rules.enum.join(', ')} (got "${printableLine(raw)}")` };
    }
    if (pattern && !pattern.test(raw)) {
      return { ok: false, message: `must be ${rules.patternHint ?? `text matching ${rules.pattern}`} (got "${printableLine(raw)}")` };
    }
    return { ok: true, value: raw };
  });
}
