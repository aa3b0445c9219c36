import type { DocumentRecord } from './spotgo.types.js';

/**
 * A document's bytes: what was uploaded, or for a generated document exactly `size` bytes that open as a PDF header
 * and end with the PDF end marker (JPEG markers for a photo), the same on every read.
 */
export function documentBytes(orderNumber: string, doc: DocumentRecord): Buffer {
  if (doc.bytes) return doc.bytes;
  const size = doc.size;
  if (doc.contentType === 'image/jpeg') {
    // SOI + APP0 marker first, EOI last: enough for a client to recognise a JPEG and check it has the whole file.
    const buf = Buffer.alloc(size, 0x20);
    Buffer.from([0xff, 0xd8, 0xff, 0xe0]).copy(buf, 0);
    Buffer.from([0xff, 0xd9]).copy(buf, size - 2);
    return buf;
  }
  const header = `%PDF-1.4\n% SpotGo sandbox document ${doc.id} (${doc.type}) of order ${orderNumber}: ${doc.name}\n`;
  const trailer = '\n%%EOF\n';
  const buf = Buffer.alloc(size, 0x20);
  buf.write(header.slice(0, Math.max(0, size - trailer.length)), 0, 'latin1');
  buf.write(trailer, Math.max(0, size - trailer.length), 'latin1');
  return buf;
}
