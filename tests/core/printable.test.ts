// Text for a terminal (src/core/printable.ts): control characters written visibly, nothing else touched.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { printableLine, printableText } from '../../src/core/printable.js';

test('a line escapes ESC, newlines, carriage returns, DEL, C1 and bidirectional overrides', () => {
  assert.equal(printableLine('Evil\u001b[31mRed\nRow\r\u007f\u0085\u202Eend'), 'Evil\\x1B[31mRed\\nRow\\x0D\\x7F\\x85\\u202Eend');
  assert.equal(printableLine('Café – 東京 🎬'), 'Café – 東京 🎬');
});

test('text keeps its line breaks and tabs and escapes the rest', () => {
  assert.equal(printableText('a\tb\nc\u001b[2Jd\r\n'), 'a\tb\nc\\x1B[2Jd\\x0D\n');
});

test('no control character survives, and text without any is unchanged', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary' }), (s) => {
      assert.doesNotMatch(printableLine(s), /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/);
      assert.doesNotMatch(printableText(s), /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/);
    }),
  );
  fc.assert(fc.property(fc.string({ unit: 'grapheme' }).filter((s) => !/[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/.test(s)), (s) => assert.equal(printableLine(s), s)));
});
