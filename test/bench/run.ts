// Decorator metadata must be there before any Nest module is loaded (as in src/main.ts).
import 'reflect-metadata';
import { apiRead } from './api-read.bench.js';
import { benchEngine } from './bench-database.js';
import { startBenchHub, startCarrierpacketBenchHub } from './bench-hub.js';
import { carrierpacketScans } from './carrierpacket-scan.bench.js';
import { describeRun, printTable, writeResult } from './bench-report.js';
import type { PhaseResult } from './bench-result.js';
import { fullSync, incrementalNoChange } from './sync-throughput.bench.js';
import { webhookIngest } from './webhook-ingest.bench.js';

/**
 * `npm run bench`: the hub against the TrailFlow and CarrierPacket sandboxes over loopback HTTP, in this one process.
 * Engine: embedded PGlite, or a fresh database on DATABASE_URL; queue: in-process, or BullMQ on REDIS_URL.
 * Each size gets its own fresh hub and database; webhook ingest and API reads run on the hub of the largest size.
 */
const SIZES = [1000, 5000];
const PAGE_SIZE = 100;
const WEBHOOK_DELIVERIES = 500;
const WEBHOOK_CONCURRENCY = 16;
const API_REQUESTS = 200;
const API_PAGE_LIMIT = 100;
const CARRIERPACKET_SUBMISSIONS = 10_000;

async function main(): Promise<void> {
  const startedAt = new Date();
  const engine = benchEngine();
  const phases: PhaseResult[] = [];
  for (const loads of SIZES) {
    const hub = await startBenchHub({ loads, pageSize: PAGE_SIZE });
    try {
      phases.push(await fullSync(hub, loads, PAGE_SIZE));
      phases.push(await incrementalNoChange(hub, loads));
      if (loads === SIZES[SIZES.length - 1]) {
        phases.push(...(await webhookIngest(hub, loads, WEBHOOK_DELIVERIES, WEBHOOK_CONCURRENCY)));
        phases.push(await apiRead(hub, loads, API_REQUESTS, API_PAGE_LIMIT));
      }
    } finally {
      await hub.close();
    }
  }
  const carrierpacket = await startCarrierpacketBenchHub({ submissions: CARRIERPACKET_SUBMISSIONS });
  try {
    phases.push(...(await carrierpacketScans(carrierpacket, CARRIERPACKET_SUBMISSIONS)));
  } finally {
    await carrierpacket.close();
  }
  const run = describeRun(engine, startedAt, phases);
  printTable(run);
  console.log(`written: ${await writeResult(run)}`);
}

main().then(
  // PGlite, BullMQ connections and pooled sockets can keep the loop alive a little after close; the results are written.
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
