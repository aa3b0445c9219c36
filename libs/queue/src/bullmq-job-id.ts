/**
 * BullMQ refuses some custom job ids (https://docs.bullmq.io/guide/jobs/job-ids, and `Job.validateOptions` in
 * bullmq 6): ids with ':' (the Redis key separator) and ids that read as integers (they would clash with its own
 * counter ids). Waybill ids such as `poll:trailflow:default` contain ':', so every id passes through this one
 * reversible encoding, in `add` and in `has` alike, and handlers get the original back.
 *
 * Encoding: '%' → '%25', ':' → '%3A'; an id that would still read as an integer gets the prefix '%i'.
 * No escaped id starts with '%i' otherwise, so the mapping is one-to-one and two different ids never collapse.
 */
const INTEGER_PREFIX = '%i';

export function toBullJobId(jobId: string): string {
  const escaped = jobId.replaceAll('%', '%25').replaceAll(':', '%3A');
  return readsAsInteger(escaped) ? INTEGER_PREFIX + escaped : escaped;
}

/** Inverse of `toBullJobId`; BullMQ's own counter ids ("1", "2", …) contain no '%' and come back unchanged. */
export function fromBullJobId(bullJobId: string): string {
  const body = bullJobId.startsWith(INTEGER_PREFIX) ? bullJobId.slice(INTEGER_PREFIX.length) : bullJobId;
  return body.replace(/%(25|3A)/g, (escape) => (escape === '%25' ? '%' : ':'));
}

// The same test BullMQ applies before refusing an id.
function readsAsInteger(id: string): boolean {
  return `${parseInt(id, 10)}` === id;
}
