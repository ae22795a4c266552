import { describe, expect, it } from 'vitest';
import { BytesBlob } from '../../src/store/bytes-blob.js';

describe('BytesBlob', () => {
  it('reads the same bytes through arrayBuffer, text, slice and stream, and keeps its own copy', async () => {
    const source = new TextEncoder().encode('PGlite dump ✓');
    const blob = new BytesBlob(source);
    source.fill(0); // the caller's buffer changing later does not change the Blob
    expect(blob.size).toBe(new TextEncoder().encode('PGlite dump ✓').byteLength);
    expect(new TextDecoder().decode(await blob.arrayBuffer())).toBe('PGlite dump ✓');
    expect(await blob.text()).toBe('PGlite dump ✓');
    expect(await blob.slice(0, 6).text()).toBe('PGlite');
    const streamed = await new Response(blob.stream()).text();
    expect(streamed).toBe('PGlite dump ✓');
  });
});
