// Header normalisation shared by mapping, header-row detection and remembered mappings.
import { createHash } from 'node:crypto';

/** NFKC (full-width → half-width), lower case, without spaces, punctuation or symbols: "Order ID" → "orderid". */
export function normaliseHeader(h: string): string {
  return h.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]/gu, '');
}

/** The header without a trailing unit in brackets: "金额(元)" → "金额", "Amount [CNY]" → "Amount". */
export function withoutUnit(h: string): string {
  return h.normalize('NFKC').replace(/[([【].*?[)\]】]\s*$/u, '').trim();
}

/** sha256 of the normalised headers in order, so a file with the same header row finds its remembered mapping. */
export function headerSignature(headers: string[]): string {
  return createHash('sha256').update(headers.map(normaliseHeader).join('\u0001')).digest('hex');
}
