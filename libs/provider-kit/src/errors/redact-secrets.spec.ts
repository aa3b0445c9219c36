import { redactSecrets, secretsOf } from './redact-secrets.js';

describe('secretsOf', () => {
  it('keeps whole values and their long parts, not scheme names', () => {
    expect(secretsOf(['Bearer cpl_a1b2c3_x9z7y'])).toEqual(['Bearer cpl_a1b2c3_x9z7y', 'cpl_a1b2c3_x9z7y']);
  });

  it('ignores short values', () => {
    expect(secretsOf(['abc', 'Basic'])).toEqual([]);
  });
});

describe('redactSecrets', () => {
  const secrets = secretsOf(['Bearer tf_live_0123456789']);

  it('removes secrets from nested strings and keys, leaving the rest whole', () => {
    const body = {
      error: { code: 'unauthorized', message: 'key tf_live_0123456789 is revoked' },
      echoed: ['Bearer tf_live_0123456789', 42, null, true],
      tf_live_0123456789: 'x',
      requestId: 'req_1',
    };
    expect(redactSecrets(body, secrets)).toEqual({
      error: { code: 'unauthorized', message: 'key [redacted] is revoked' },
      echoed: ['[redacted]', 42, null, true],
      '[redacted]': 'x',
      requestId: 'req_1',
    });
  });

  it('does not mutate its input', () => {
    const body = { message: 'tf_live_0123456789' };
    redactSecrets(body, secrets);
    expect(body.message).toBe('tf_live_0123456789');
  });

  it('redacts plain text', () => {
    expect(redactSecrets('<h1>bad key tf_live_0123456789</h1>', secrets)).toBe('<h1>bad key [redacted]</h1>');
  });
});
