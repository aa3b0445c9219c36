import { CanonicalError } from './errors.js';

describe('CanonicalError', () => {
  it('is an Error that carries a stable code and the wrong field', () => {
    const err = new CanonicalError('invalid_date', 'date "2024-02-30" is not a calendar date', 'date');
    expect(err).toBeInstanceOf(Error);
    expect(err).toBeInstanceOf(CanonicalError);
    expect(err.name).toBe('CanonicalError');
    expect(err.code).toBe('invalid_date');
    expect(err.field).toBe('date');
    expect(err.message).toBe('date "2024-02-30" is not a calendar date');
  });

  it('leaves field out when the error is not about one field', () => {
    const err = new CanonicalError('invalid_patch', 'empty');
    expect(err.field).toBeUndefined();
    expect(err.code).toBe('invalid_patch');
  });
});
