// Exact parsing of operator-typed numbers (src/core/exact-number.ts), behind every numeric CLI option.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { compareDigitStrings, exactDecimal, exactInteger, withoutLeadingZeros } from '../../src/core/exact-number.js';

test('every safe integer survives text → number, with or without leading zeros and sign', () => {
  fc.assert(
    fc.property(fc.maxSafeInteger(), fc.nat(3), (n, zeros) => {
      const text = `${n < 0 ? '-' : ''}${'0'.repeat(zeros)}${Math.abs(n)}`;
      assert.equal(exactInteger(text), n);
    }),
  );
});

test('an integer beyond 2^53 is refused, never rounded', () => {
  fc.assert(
    fc.property(fc.bigInt({ min: BigInt(Number.MAX_SAFE_INTEGER) + 1n, max: 10n ** 500n }), (n) => {
      assert.equal(exactInteger(n.toString()), undefined);
      assert.equal(exactInteger(`-${n}`), undefined);
    }),
  );
  assert.equal(exactInteger('12345678901234567891'), undefined);
  assert.equal(exactInteger('9'.repeat(400)), undefined);
});

test('only plain decimal text is a number: no hex, exponent, Infinity, NaN, blanks or fractions for integers', () => {
  for (const text of ['', ' ', '0x10', '1e3', 'Infinity', '-Infinity', 'NaN', '1.5', '1_000', '٣', '--1', '+-1']) {
    assert.equal(exactInteger(text), undefined, text);
  }
  for (const text of ['', '.', '0x10', '1e3', 'Infinity', 'NaN', '1,5', '1.2.3']) assert.equal(exactDecimal(text), undefined, text);
});

test('a decimal of at most 15 significant digits is exact; more digits or overflow are refused', () => {
  assert.equal(exactDecimal('29.97'), 29.97);
  assert.equal(exactDecimal('-0.5'), -0.5);
  assert.equal(exactDecimal('007.250'), 7.25);
  assert.equal(exactDecimal('123456789012345'), 123456789012345);
  assert.equal(exactDecimal('0.1000000000000000001'), undefined);
  assert.equal(exactDecimal('1234567890123456'), undefined);
  assert.equal(exactDecimal(`1${'0'.repeat(400)}`), undefined);
  fc.assert(
    fc.property(fc.integer({ min: -(10 ** 9), max: 10 ** 9 }), fc.integer({ min: 0, max: 6 }), (units, scale) => {
      const text = (units / 10 ** scale).toFixed(scale);
      assert.equal(exactDecimal(text), Number(text));
    }),
  );
});

test('digit strings compare exactly by value, whatever their length', () => {
  assert.equal(withoutLeadingZeros('0070'), '70');
  assert.equal(withoutLeadingZeros('000'), '0');
  fc.assert(
    fc.property(fc.bigInt({ min: 0n, max: 10n ** 60n }), fc.bigInt({ min: 0n, max: 10n ** 60n }), fc.nat(2), (a, b, zeros) => {
      const expected = a < b ? -1 : a > b ? 1 : 0;
      assert.equal(Math.sign(compareDigitStrings(`${'0'.repeat(zeros)}${a}`, b.toString())), expected);
    }),
  );
});
