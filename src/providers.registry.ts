// The provider registry: one line per provider. Everything else (config validation, default connections, the module
// list, log redaction, sandboxes, the README's variable table) is derived from these lines (ARCHITECTURE.md,
// "The provider contract, generalized"); no provider is named anywhere else outside its own folders.
import type { RegisteredProvider } from '@waybill/provider-kit';
import { carrierpacketDefinition } from '@waybill/providers/carrierpacket';
import { spotgoDefinition } from '@waybill/providers/spotgo';
import { trailflowDefinition } from '@waybill/providers/trailflow';
import { carrierpacketSandbox, spotgoSandbox, trailflowSandbox } from '@waybill/sandbox';

export const PROVIDERS: RegisteredProvider[] = [
  { definition: trailflowDefinition, sandbox: trailflowSandbox },
  { definition: carrierpacketDefinition, sandbox: carrierpacketSandbox },
  { definition: spotgoDefinition, sandbox: spotgoSandbox },
];
