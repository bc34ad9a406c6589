/**
 * Base64 (RFC 4648 §4, with padding) for keys and signatures, in plain TypeScript so that shared/ runs unchanged in
 * the browser, the station core and the server (no `Buffer`, no `btoa`).
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const VALUE_OF = new Map<string, number>(
  Array.from({ length: ALPHABET.length }, (_, i) => [ALPHABET.charAt(i), i]),
);
const CANONICAL = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function encodeBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1] ?? 0;
    const c = bytes[i + 2] ?? 0;
    const triple = (a << 16) | (b << 8) | c;
    const remaining = bytes.length - i;
    out += ALPHABET.charAt((triple >> 18) & 63) + ALPHABET.charAt((triple >> 12) & 63);
    out += remaining > 1 ? ALPHABET.charAt((triple >> 6) & 63) : '=';
    out += remaining > 2 ? ALPHABET.charAt(triple & 63) : '=';
  }
  return out;
}

/**
 * Decodes canonical base64 only: the standard alphabet, correct padding, and no stray bits in the last character,
 * so every byte string has exactly one accepted spelling. Returns undefined for anything else (never throws).
 */
export function decodeBase64(text: string): Uint8Array | undefined {
  if (!CANONICAL.test(text)) return undefined;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  const sextet = (i: number) => VALUE_OF.get(text.charAt(i)) ?? 0;
  for (let i = 0, o = 0; i < text.length; i += 4, o += 3) {
    const triple = (sextet(i) << 18) | (sextet(i + 1) << 12) | (sextet(i + 2) << 6) | sextet(i + 3);
    out[o] = (triple >> 16) & 255;
    if (o + 1 < out.length) out[o + 1] = (triple >> 8) & 255;
    if (o + 2 < out.length) out[o + 2] = triple & 255;
  }
  // A non-canonical tail (for example "AB==" instead of "AA==") would decode to the same bytes; refuse it.
  return encodeBase64(out) === text ? out : undefined;
}
