import { MultipartError, boundaryOf, parseMultipart } from './multipart.js';
import { multipartBody } from './testing/spotgo-test-kit.js';

describe('parseMultipart', () => {
  it('reads fields and files, bytes untouched (CRLF and dashes inside the file included)', () => {
    const data = Buffer.from([0x25, 0x0d, 0x0a, 0x2d, 0x2d, 0x00, 0xff]);
    const { body, contentType } = multipartBody([
      { name: 'documentType', value: 'cmr' },
      { name: 'file', filename: 'scan 1.pdf', contentType: 'application/pdf', data },
    ]);
    const parts = parseMultipart(body, contentType);
    expect(parts.map((p) => [p.name, p.filename, p.contentType])).toEqual([['documentType', null, null], ['file', 'scan 1.pdf', 'application/pdf']]);
    expect(parts[0].data.toString()).toBe('cmr');
    expect(parts[1].data.equals(data)).toBe(true);
  });

  it('takes a quoted boundary and refuses malformed bodies', () => {
    expect(boundaryOf('multipart/form-data; boundary="a b"')).toBe('a b');
    expect(() => boundaryOf('multipart/form-data')).toThrow(MultipartError);
    expect(() => parseMultipart(Buffer.from('--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nvalue'), 'multipart/form-data; boundary=x')).toThrow(/not closed/);
    expect(() => parseMultipart(Buffer.from('nothing'), 'multipart/form-data; boundary=x')).toThrow(MultipartError);
  });
});
