import { buildRequestUrl, pathForMessages } from './request-url.js';

describe('buildRequestUrl', () => {
  it.each([
    ['https://api.trailflow.ai', '/v1/loads', 'https://api.trailflow.ai/v1/loads'],
    ['https://api.trailflow.ai/', '/v1/loads', 'https://api.trailflow.ai/v1/loads'],
    ['https://api.trailflow.ai/', 'v1/loads', 'https://api.trailflow.ai/v1/loads'],
    ['https://carrierpacket.link/api/v1', '/submissions', 'https://carrierpacket.link/api/v1/submissions'],
    ['https://carrierpacket.link/api/v1/', '//submissions', 'https://carrierpacket.link/api/v1/submissions'],
    ['https://carrierpacket.link/api/v1', '', 'https://carrierpacket.link/api/v1'],
  ])('joins %p and %p', (base, path, expected) => {
    expect(buildRequestUrl(base, path)).toBe(expected);
  });

  it('serialises the query, skipping undefined and null, encoding values', () => {
    const url = buildRequestUrl('https://h/api', '/loads', {
      cursor: 'a+b/c=',
      limit: 100,
      eligibleOnly: true,
      statuses: 'ASSIGNED,IN_TRANSIT',
      updatedAfter: undefined,
      customerId: null,
      zero: 0,
      no: false,
    });
    expect(url).toBe(
      'https://h/api/loads?cursor=a%2Bb%2Fc%3D&limit=100&eligibleOnly=true&statuses=ASSIGNED%2CIN_TRANSIT&zero=0&no=false',
    );
  });

  it('adds nothing when every query value is absent', () => {
    expect(buildRequestUrl('https://h', '/x', { a: undefined, b: null })).toBe('https://h/x');
  });

  it('appends to a query already in the path', () => {
    expect(buildRequestUrl('https://h', '/x?fixed=1', { limit: 5 })).toBe('https://h/x?fixed=1&limit=5');
  });
});

describe('pathForMessages', () => {
  it('drops the query string', () => {
    expect(pathForMessages('/submissions?api_key=cpl_secret')).toBe('/submissions');
    expect(pathForMessages('/submissions')).toBe('/submissions');
  });
});
