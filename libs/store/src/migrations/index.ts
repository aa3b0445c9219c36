import { InitialSchema1732300000000 } from './1732300000000-initial-schema.js';
import { CarriersAndDocuments1732400000000 } from './1732400000000-carriers-and-documents.js';
import { InboxDedupKey1732500000000 } from './1732500000000-inbox-dedup-key.js';
import { SyncRunState1732600000000 } from './1732600000000-sync-run-state.js';
import { Commands1732700000000 } from './1732700000000-commands.js';

/** In order; both engines run the same list at start. */
export const STORE_MIGRATIONS = [
  InitialSchema1732300000000,
  CarriersAndDocuments1732400000000,
  InboxDedupKey1732500000000,
  SyncRunState1732600000000,
  Commands1732700000000,
];
