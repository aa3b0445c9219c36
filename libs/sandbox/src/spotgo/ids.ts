import type { Prng } from '../prng.js';

const HEX = '0123456789abcdef';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A version-4-shaped GUID (the docs' ids are GUIDs) drawn from a seeded stream: the same seed gives the same ids. */
export function seededGuid(rng: Prng): string {
  // Four 32-bit draws (not 32 nibble draws): ids are made for every order and document, 100,000 orders included.
  let s = '';
  for (let i = 0; i < 4; i++) s += Math.floor(rng.next() * 0x1_0000_0000).toString(16).padStart(8, '0');
  const variant = HEX[8 + (parseInt(s[16], 16) & 3)];
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-4${s.slice(13, 16)}-${variant}${s.slice(17, 20)}-${s.slice(20, 32)}`;
}

/** README "Share links": an opaque link per (order, carrier); regenerated links never repeat an earlier one. */
export const SHARE_URL_BASE = 'https://carrierportal-test.spotgo.eu/s/';

export function seededShareUrl(rng: Prng): string {
  let token = '';
  for (let i = 0; i < 22; i++) token += BASE62[rng.int(0, 61)];
  return SHARE_URL_BASE + token;
}

export const iso = (ms: number): string => new Date(ms).toISOString();
