/**
 * graph-node's number semantics over native `bigint`:
 * - BigInt: signed two's-complement little-endian bytes of minimal length (num-bigint `to_signed_bytes_le`).
 * - BigDecimal: `digits * 10^exp`, normalized like graph-node (34 significant digits with bigdecimal 0.1.2's
 *   `with_prec` rounding, trailing zeros stripped), plain decimal `toString`.
 */

/** Signed little-endian bytes of minimal length; 0 is `[0]`. */
export function bigIntToSignedLE(value: bigint): Uint8Array {
  const bytes: number[] = [];
  let v = value;
  for (;;) {
    const byte = Number(v & 0xffn);
    bytes.push(byte);
    v >>= 8n; // arithmetic shift keeps the sign
    const signBit = (byte & 0x80) !== 0;
    if ((v === 0n && !signBit) || (v === -1n && signBit)) break;
  }
  return Uint8Array.from(bytes);
}

/** Reads signed little-endian bytes; empty bytes are 0. */
export function signedLEToBigInt(bytes: Uint8Array): bigint {
  if (bytes.length === 0) return 0n;
  let v = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[i]);
  if (bytes[bytes.length - 1] & 0x80) v -= 1n << BigInt(8 * bytes.length);
  return v;
}

/** Unsigned big-endian bytes (an ABI word, an address) to bigint. */
export function bytesToUnsigned(bytes: Uint8Array): bigint {
  let v = 0n;
  for (const b of bytes) v = (v << 8n) | BigInt(b);
  return v;
}

/** bits of |v| (num-bigint `bits()`). */
export function bitLength(v: bigint): number {
  const a = v < 0n ? -v : v;
  if (a === 0n) return 0;
  const hexText = a.toString(16);
  return (hexText.length - 1) * 4 + parseInt(hexText[0], 16).toString(2).length;
}

export interface BigDecimalValue {
  /** Unscaled integer value. */
  digits: bigint;
  /** Power of ten: value = digits * 10^exp. */
  exp: bigint;
}

export const MAX_SIGNIFICANT_DIGITS = 34;
/** graph-node rejects exponents outside this range (`BigDecimal::MIN_EXP/MAX_EXP`). */
export const MIN_EXP = -6143n;
export const MAX_EXP = 6144n;

const abs = (v: bigint): bigint => (v < 0n ? -v : v);
const pow10 = (n: number | bigint): bigint => 10n ** BigInt(n);

export function decimalDigits(v: bigint): number {
  return v === 0n ? 1 : abs(v).toString().length;
}

/**
 * bigdecimal 0.1.2 `with_prec(prec)`: integer division by a power of ten (truncating toward zero), then
 * `if 10^diff < 10 * r { q += rounding_term(r) }` where the rounding term is 1 when the leading digit of `r` is >= 5.
 * For a negative number `r` is negative, the test fails and the value is truncated (a quirk graph-node inherits).
 */
function withPrec(value: BigDecimalValue, prec: number): BigDecimalValue {
  const digits = decimalDigits(value.digits);
  if (digits <= prec) return value;
  const diff = digits - prec;
  const p = pow10(diff);
  let q = value.digits / p;
  const r = value.digits % p;
  if (p < 10n * r) {
    const lead = Number(r.toString()[0]);
    if (lead >= 5) q += 1n;
  }
  return { digits: q, exp: value.exp + BigInt(diff) };
}

/** graph-node `BigDecimal::normalized`: 34 significant digits, trailing zeros stripped, zero as (0, 0). */
export function normalize(value: BigDecimalValue): BigDecimalValue {
  if (value.digits === 0n) return { digits: 0n, exp: 0n };
  let { digits, exp } = withPrec(value, MAX_SIGNIFICANT_DIGITS);
  while (digits !== 0n && digits % 10n === 0n) {
    digits /= 10n;
    exp += 1n;
  }
  if (digits === 0n) return { digits: 0n, exp: 0n };
  return { digits, exp };
}

function align(a: BigDecimalValue, b: BigDecimalValue): [bigint, bigint, bigint] {
  const exp = a.exp < b.exp ? a.exp : b.exp;
  return [a.digits * pow10(a.exp - exp), b.digits * pow10(b.exp - exp), exp];
}

export function bdPlus(a: BigDecimalValue, b: BigDecimalValue): BigDecimalValue {
  const [x, y, exp] = align(a, b);
  return normalize({ digits: x + y, exp });
}

export function bdMinus(a: BigDecimalValue, b: BigDecimalValue): BigDecimalValue {
  const [x, y, exp] = align(a, b);
  return normalize({ digits: x - y, exp });
}

export function bdTimes(a: BigDecimalValue, b: BigDecimalValue): BigDecimalValue {
  return normalize({ digits: a.digits * b.digits, exp: a.exp + b.exp });
}

/** Division to 100 significant digits, magnitude rounded half up (bigdecimal 0.1.2 `impl_division`), normalized. */
export function bdDividedBy(a: BigDecimalValue, b: BigDecimalValue): BigDecimalValue {
  if (b.digits === 0n) throw new Error("Division by zero");
  if (a.digits === 0n) return { digits: 0n, exp: 0n };
  const negative = a.digits < 0n !== b.digits < 0n;
  const num = abs(a.digits);
  const den = abs(b.digits);
  // Scale the numerator so the integer quotient has at least 101 digits, then round the 101st away.
  const shift = Math.max(0, 101 - (decimalDigits(num) - decimalDigits(den)) + 1);
  let q = (num * pow10(shift)) / den;
  let exp = a.exp - b.exp - BigInt(shift);
  const extra = decimalDigits(q) - 100;
  if (extra > 0) {
    const p = pow10(extra);
    const r = q % p;
    q /= p;
    if (r * 2n >= p) q += 1n;
    exp += BigInt(extra);
  }
  return normalize({ digits: negative ? -q : q, exp });
}

export function bdEquals(a: BigDecimalValue, b: BigDecimalValue): boolean {
  const [x, y] = align(a, b);
  return x === y;
}

/** Plain decimal text, no exponent (bigdecimal 0.1.2 `Display`). */
export function bdToString(value: BigDecimalValue): string {
  const { digits, exp } = value;
  const sign = digits < 0n ? "-" : "";
  const text = abs(digits).toString();
  if (exp >= 0n) return sign + text + (digits === 0n ? "" : "0".repeat(Number(exp)));
  const scale = Number(-exp);
  if (text.length > scale) return `${sign}${text.slice(0, text.length - scale)}.${text.slice(text.length - scale)}`;
  return `${sign}0.${"0".repeat(scale - text.length)}${text}`;
}

/** Parses `1.5`, `-2`, `1e-5`, `1E+3`, `.5`; throws on anything else. Not normalized. */
export function bdParse(text: string): BigDecimalValue {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m || (m[2] === "" && (m[3] ?? "") === "")) throw new Error(`invalid BigDecimal: ${text}`);
  const [, sign, int, frac = "", e = "0"] = m;
  let digits = BigInt((int || "0") + frac);
  if (sign === "-") digits = -digits;
  return { digits, exp: BigInt(e) - BigInt(frac.length) };
}

export function bdFromBigInt(value: bigint): BigDecimalValue {
  return { digits: value, exp: 0n };
}
