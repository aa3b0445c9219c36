import type { Prng } from '../prng.js';

/** A version-4-shaped UUID drawn from `rng` (INT's processId values look like UUIDv4; the sandbox's are seeded). */
export function seededUuid(rng: Prng): string {
  const hex = Array.from({ length: 32 }, () => rng.int(0, 15).toString(16));
  hex[12] = '4';
  hex[16] = ((rng.int(0, 3) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/** FACTS §5: the webhook example's `label_id` is "CH" plus 11 digits; generated trackingIds take that form. */
export function generatedTrackingId(rng: Prng): string {
  let digits = '';
  for (let i = 0; i < 11; i++) digits += String(rng.int(0, 9));
  return `CH${digits}`;
}

export const TRACKING_ID_PATTERN = /^CH\d{11}$/;
