import type { MemorySnapshot } from './bench-stats.js';

/** One line of the bench table and one entry of the JSON file. */
export interface PhaseResult extends MemorySnapshot {
  phase: string;
  /** Loads in the sandbox the phase ran against. */
  loads: number;
  /** Items the phase handled (loads synced, deliveries, requests). */
  count: number;
  ms: number;
  /** Items per second; null for a phase whose point is its duration (the no-change run). */
  rate: number | null;
  rateUnit: string | null;
  p50Ms?: number;
  p95Ms?: number;
  /** Phase-specific figures kept in the JSON only (server-side duration, counters the phase checked). */
  details?: Record<string, unknown>;
}
