// SPDX-License-Identifier: MIT
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseOperand, quickOperand, rangeSide, STRING_OPERAND, strtoll, strtollQuick, type RangeBound } from '../../../../../src/core/kconfig/engine/numbers.js';

// A seeded generator, so a failure names a reproducible string.
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

// The reference: digit by digit in BigInt, as the C library reads a whole valid number.
function reference(digits: string, base: 10 | 16): bigint {
  let v = 0n;
  for (const c of digits) v = v * BigInt(base) + BigInt(parseInt(c, 16));
  return v;
}

test('strtoll reads short and long numbers alike (the quick path agrees with BigInt arithmetic)', () => {
  const r = rng(6);
  for (let n = 0; n < 2000; n++) {
    const base = r() < 0.5 ? 10 : 16;
    const len = 1 + Math.floor(r() * 18);
    const alphabet = base === 10 ? '0123456789' : '0123456789abcdefABCDEF';
    let digits = '';
    for (let i = 0; i < len; i++) digits += alphabet[Math.floor(r() * alphabet.length)];
    const prefix = base === 16 && r() < 0.5 ? (r() < 0.5 ? '0x' : '0X') : '';
    const want = reference(digits, base);
    const capped = want > (1n << 63n) - 1n ? (1n << 63n) - 1n : want;
    assert.equal(strtoll(prefix + digits, base), capped, `${prefix}${digits} base ${base}`);
  }
});

test('strtoll and parseOperand keep C semantics around the quick path', () => {
  assert.equal(strtoll('0x', 16), 0n);
  assert.equal(strtoll('-12', 10), -12n);
  assert.equal(strtoll(' 12', 10), 12n);
  assert.equal(strtoll('12abc', 10), 12n);
  assert.equal(strtoll('0x1G', 16), 1n);
  assert.equal(strtoll('010', 0), 8n);
  assert.deepEqual(parseOperand('0x1000', 'hex'), { kind: 'unsigned', value: 4096n });
  assert.deepEqual(parseOperand('12abc', 'int'), { kind: 'string', value: 0n });
  assert.deepEqual(parseOperand('-7', 'int'), { kind: 'signed', value: -7n });
});

// quickOperand must agree with parseOperand wherever it answers (it is the allocation-free fast path).
test('quickOperand agrees with parseOperand on every text it decides', () => {
  const texts = ['', '0', '00', '007', '08', '0x', '0x1f', '0X1F', '0xg', 'ff', 'FF', 'fg', '12', '12a', '1234567890123', '12345678901234', '-1', '+1', ' 1', '\t7', 'y', 'm', 'n', 'x86_64', '"q"', '4096', '0x7fffffffffff', '0xffffffffffffffff', '99999999999999999999', 'a', 'Y'];
  let decided = 0;
  for (const type of ['bool', 'tristate', 'int', 'hex', 'string', 'unknown']) {
    for (const t of texts) {
      const q = quickOperand(t, type);
      if (Number.isNaN(q)) continue;
      decided++;
      const p = parseOperand(t, type);
      if (q === STRING_OPERAND) assert.equal(p.kind, 'string', `${type} ${JSON.stringify(t)}`);
      else {
        assert.notEqual(p.kind, 'string', `${type} ${JSON.stringify(t)}`);
        assert.equal(BigInt(q), p.value, `${type} ${JSON.stringify(t)}`);
      }
    }
  }
  assert.ok(decided > 80, `only ${decided} decided`);
});

test('strtollQuick agrees with strtoll on the plain numbers it takes', () => {
  for (const [t, base] of [['0', 10], ['4096', 10], ['007', 10], ['0x1000', 16], ['ffff', 16], ['1234567890123', 10]] as const) {
    assert.equal(BigInt(strtollQuick(t, base)!), strtoll(t, base), t);
  }
  for (const [t, base] of [['-1', 10], ['12x', 10], ['12345678901234', 10], ['', 16], ['0x', 16]] as const) assert.equal(strtollQuick(t, base), undefined, t);
});

test('rangeSide: both bounds inclusive, on the double path and the strtoll path alike; the upper bound read only when needed', () => {
  const side = (value: string, base: 10 | 16, lo: RangeBound, hi: RangeBound): { side: number; asked: boolean[] } => {
    const asked: boolean[] = [];
    const s = rangeSide(value, base, (upper) => {
      asked.push(upper);
      return upper ? hi : lo;
    });
    return { side: s, asked };
  };
  // plain numbers (compared as doubles)
  assert.deepEqual(side('1', 10, ['2', 10], ['8', 10]), { side: -1, asked: [false] });
  assert.equal(side('2', 10, ['2', 10], ['8', 10]).side, 0);
  assert.equal(side('8', 10, ['2', 10], ['8', 10]).side, 0);
  assert.equal(side('9', 10, ['2', 10], ['8', 10]).side, 1);
  assert.equal(side('0x10', 16, ['0x10', 16], ['0x20', 16]).side, 0);
  assert.equal(side('0x21', 16, ['0x10', 16], ['0x20', 16]).side, 1);
  // past a double's exact range, and texts strtoll reads by their prefix: BigInt arithmetic
  const big = '0x7fffffffffffff00';
  assert.equal(side(big, 16, [big, 16], ['0x7fffffffffffffff', 16]).side, 0);
  assert.equal(side('0x7fffffffffffff01', 16, ['0x0', 16], [big, 16]).side, 1);
  assert.equal(side('0x7ffffffffffffeff', 16, [big, 16], ['0x7fffffffffffffff', 16]).side, -1);
  assert.equal(side('0xffffffffffffffff', 16, ['0x0', 16], ['0x7fffffffffffffff', 16]).side, 0, 'strtoll saturates at LLONG_MAX');
  assert.equal(side('12abc', 10, ['12', 10], ['12', 10]).side, 0, 'strtoll reads 12abc as 12');
  // a bound read in its own symbol's base
  assert.equal(side('16', 10, ['0x10', 16], ['0x20', 16]).side, 0);
  assert.equal(side('15', 10, ['0x10', 16], ['0x20', 16]).side, -1);
});
