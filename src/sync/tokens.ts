// Team-mode secrets: the facilitator's token, the members' token and each member's seat
// secret. Each carries 256 random bits; comparisons take the same time whatever matches.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 random bytes, URL-safe: fits in a link and a vscode:// URI unescaped. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

/** Constant-time equality; hashing first makes the lengths equal and hides them. */
export function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

/** What a seat secret is stored as: its hash, so a copied data folder cannot replay it. */
export function secretHash(secret: string): string {
  return digest(secret).toString('hex');
}

export function matchesHash(secret: string, hash: string): boolean {
  const expected = Buffer.from(hash, 'hex');
  const actual = digest(secret);
  return expected.length === actual.length && timingSafeEqual(actual, expected);
}

export interface RetroTokens {
  facilitator: string;
  member: string;
}

export function newRetroTokens(): RetroTokens {
  return { facilitator: newToken(), member: newToken() };
}
