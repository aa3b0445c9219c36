import { ProviderError, type ProviderErrorKind } from '@waybill/provider-kit';
import { commandErrorFromProvider } from './command-error.js';

describe('commandErrorFromProvider', () => {
  it.each<[ProviderErrorKind, number, string]>([
    ['invalid_request', 422, 'provider_rejected'],
    ['not_found', 422, 'provider_rejected'],
    ['transient', 502, 'provider_unavailable'],
    ['auth', 502, 'provider_unavailable'],
    ['bad_payload', 502, 'provider_unavailable'],
    ['cursor_invalid', 502, 'provider_unavailable'],
    ['rate_limited', 503, 'provider_unavailable'],
  ])('%s → %i %s', (kind, status, code) => {
    expect(commandErrorFromProvider(new ProviderError(kind, 'x'), 'trailflow')).toMatchObject({ status, code });
  });

  it('keeps the adapter field errors of a refusal', () => {
    const details = [{ field: 'stops[1].address.postalCode', providerField: 'recipientLocation.postalCode', code: 'COVERAGE_FAILURE', message: 'no coverage' }];
    expect(commandErrorFromProvider(new ProviderError('invalid_request', 'refused', { details }), 'spotgo')?.details).toStrictEqual(details);
  });

  it('wraps a refusal without field errors in one detail carrying the message whole', () => {
    const e = commandErrorFromProvider(new ProviderError('invalid_request', 'bad', { code: 'E1', details: { raw: true } }), 'spotgo');
    expect(e?.details).toStrictEqual([{ field: null, providerField: null, code: 'E1', message: 'bad' }]);
  });

  it("answers 503 with the provider's delay, rounded up to seconds (30 s when it gave none)", () => {
    expect(commandErrorFromProvider(new ProviderError('rate_limited', 'slow down', { retryAfterMs: 1500 }), 'x')?.retryAfterSeconds).toBe(2);
    expect(commandErrorFromProvider(new ProviderError('rate_limited', 'slow down'), 'x')?.retryAfterSeconds).toBe(30);
  });

  it('leaves anything that is not a ProviderError to the caller', () => {
    expect(commandErrorFromProvider(new Error('bug'), 'x')).toBeUndefined();
  });
});
