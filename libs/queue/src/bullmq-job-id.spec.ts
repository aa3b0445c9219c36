import { fromBullJobId, toBullJobId } from './bullmq-job-id.js';

// BullMQ's own refusal rules (bullmq 6, Job.validateOptions), restated so the spec fails if the encoding lets one through.
function bullAccepts(id: string): boolean {
  return !id.includes(':') && `${parseInt(id, 10)}` !== id;
}

describe('toBullJobId / fromBullJobId', () => {
  const ids = [
    'poll:trailflow:default',
    'plain-id',
    '42',
    '-7',
    'NaN',
    '%',
    '%3A',
    '%25',
    '%i42',
    ':',
    '12:34',
    'inbox:9f1c%3A:x',
  ];

  it.each(ids)('encodes %p into an id BullMQ accepts and decodes it back', (id) => {
    const bullId = toBullJobId(id);
    expect(bullAccepts(bullId)).toBe(true);
    expect(fromBullJobId(bullId)).toBe(id);
  });

  it('never maps two different ids to the same BullMQ id', () => {
    const encoded = ids.map(toBullJobId);
    expect(new Set(encoded).size).toBe(ids.length);
  });

  it('leaves ids without ":" or "%" unchanged, and BullMQ counter ids decode to themselves', () => {
    expect(toBullJobId('sync-trailflow-default')).toBe('sync-trailflow-default');
    expect(fromBullJobId('17')).toBe('17');
  });
});
