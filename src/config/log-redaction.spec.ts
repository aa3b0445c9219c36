import { redactRequest, redactUrl } from './log-redaction.js';

describe('log redaction of credential query parameters', () => {
  it('masks every named parameter in the URL, whatever its position or encoding, and keeps the rest', () => {
    expect(redactUrl('/webhooks/cargamos/cargamos-default?token=s3cret&x=1', ['token'])).toBe('/webhooks/cargamos/cargamos-default?token=[redacted]&x=1');
    expect(redactUrl('/a?x=1&%74oken=s3cret&token=again', ['token'])).toBe('/a?x=1&%74oken=[redacted]&token=[redacted]');
    expect(redactUrl('/a?tokens=keep', ['token'])).toBe('/a?tokens=keep');
    expect(redactUrl('/a', ['token'])).toBe('/a');
  });

  it('masks the parsed query too and never mutates the request it is given', () => {
    const req = { url: '/w?token=s3cret', query: { token: 's3cret', page: '2' } };
    const logged = redactRequest(req, ['token']);
    expect(JSON.stringify(logged)).not.toContain('s3cret');
    expect(logged.query).toEqual({ token: '[redacted]', page: '2' });
    expect(req.query.token).toBe('s3cret');
  });
});
