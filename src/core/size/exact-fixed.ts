// SPDX-License-Identifier: MIT
// printf-style fixed-point formatting of a double, correctly rounded (ties to even on the exact binary
// value) as C's and Python's `%.Nf` do. JavaScript's toFixed rounds exact ties up (0.125 -> "0.13").

// `%.{digits}f` of x ("-0.00" for negative values that round to zero, as printf does).
export function formatFixed(x: number, digits: number): string {
  if (!Number.isFinite(x)) return String(x);
  const negative = x < 0 || Object.is(x, -0);
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(x));
  const bits = view.getBigUint64(0);
  const exponentBits = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  const mantissa = exponentBits === 0 ? fraction : fraction | (1n << 52n);
  const exponent = (exponentBits === 0 ? 1 : exponentBits) - 1075;
  const scaled = mantissa * 10n ** BigInt(digits);
  let q: bigint;
  if (exponent >= 0) q = scaled << BigInt(exponent);
  else {
    const den = 1n << BigInt(-exponent);
    q = scaled / den;
    const twice = (scaled % den) * 2n;
    if (twice > den || (twice === den && q % 2n === 1n)) q += 1n;
  }
  let s = q.toString().padStart(digits + 1, '0');
  if (digits > 0) s = `${s.slice(0, -digits)}.${s.slice(-digits)}`;
  return (negative ? '-' : '') + s;
}
