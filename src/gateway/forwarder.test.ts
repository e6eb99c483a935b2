import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { FrameWriter, idFromEdges, LineReader, type OversizeFrame } from './forwarder.js';

function reader(maxLineBytes = 1024) {
  const stream = new PassThrough();
  const lines: string[] = [];
  const oversize: OversizeFrame[] = [];
  let ended = false;
  new LineReader(stream, {
    maxLineBytes,
    onLine: (line) => lines.push(line),
    onOversize: (frame) => oversize.push(frame),
    onEnd: () => {
      ended = true;
    },
  });
  return { stream, lines, oversize, ended: () => ended };
}

const tick = () => new Promise((resolveTick) => setImmediate(resolveTick));

describe('LineReader', () => {
  it('cuts frames at newlines across chunk boundaries, dropping empty lines and CR', async () => {
    const r = reader();
    r.stream.write('{"a":1}\n{"b"');
    r.stream.write(':2}\r\n\n{"c":');
    r.stream.write(Buffer.from('"é"}\n'));
    await tick();
    expect(r.lines).toEqual(['{"a":1}', '{"b":2}', '{"c":"é"}']);
  });

  it('refuses a frame over the limit without buffering it, keeping both ends for its id', async () => {
    const r = reader(64);
    r.stream.write('{"jsonrpc":"2.0","id":42,"result":{"text":"');
    r.stream.write('x'.repeat(5000));
    r.stream.write('"}}\n{"ok":true}\n');
    await tick();
    expect(r.lines).toEqual(['{"ok":true}']);
    expect(r.oversize).toHaveLength(1);
    expect(r.oversize[0]?.bytes).toBeGreaterThan(5000);
    expect(idFromEdges(r.oversize[0]!)).toBe(42);
  });

  it('says when the stream ends', async () => {
    const r = reader();
    r.stream.end('{"a":1}\n');
    await tick();
    expect(r.ended()).toBe(true);
  });
});

describe('idFromEdges', () => {
  it('finds an id at the start (python SDKs) or at the end (the TypeScript SDK)', () => {
    expect(idFromEdges({ head: '{"jsonrpc":"2.0","id":"abc","result"', tail: '' })).toBe('abc');
    expect(
      idFromEdges({ head: '{"result":{"content"', tail: 'x"}]},"jsonrpc":"2.0","id":7}' }),
    ).toBe(7);
    expect(idFromEdges({ head: '{"result":', tail: 'xx' })).toBeUndefined();
  });
});

describe('FrameWriter', () => {
  it('writes one line per frame and reports back-pressure and drain', async () => {
    const stream = new PassThrough({ highWaterMark: 16 });
    const pressure: boolean[] = [];
    const writer = new FrameWriter(stream, (full) => pressure.push(full));
    writer.write('{"a":"0123456789012345678901234567890"}');
    expect(pressure).toEqual([true]);
    const chunks: string[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
    await tick();
    expect(pressure).toEqual([true, false]);
    expect(chunks.join('')).toBe('{"a":"0123456789012345678901234567890"}\n');
  });

  it('writes the first frame of a turn at once and hands the rest of the turn to the stream as one write', async () => {
    const stream = new PassThrough();
    const batches: number[] = [];
    // A PassThrough has no writev of its own: count the batch, pass its bytes on as one chunk.
    stream._writev = (chunks, callback) => {
      batches.push(chunks.length);
      const bytes = Buffer.concat(chunks.map(({ chunk }) => Buffer.from(chunk as Buffer)));
      stream._write(bytes, 'utf8', callback);
    };
    const writes: string[] = [];
    const write = stream._write.bind(stream);
    stream._write = (chunk: Buffer, encoding, callback) => {
      writes.push(chunk.toString());
      write(chunk, encoding, callback);
    };
    const writer = new FrameWriter(stream);
    const chunks: string[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
    writer.write('{"id":1}');
    expect(writes).toEqual(['{"id":1}\n']);
    writer.write('{"id":2}');
    await Promise.resolve();
    writer.write('{"id":3}');
    expect(writes).toHaveLength(1);
    await tick();
    expect(batches).toEqual([2]);
    expect(chunks.join('')).toBe('{"id":1}\n{"id":2}\n{"id":3}\n');
    writer.write('{"id":4}');
    await writer.flush();
    expect(chunks.join('')).toBe('{"id":1}\n{"id":2}\n{"id":3}\n{"id":4}\n');
  });

  it('drops writes once the stream is closed instead of throwing', () => {
    const stream = new PassThrough();
    const writer = new FrameWriter(stream);
    stream.destroy();
    expect(() => {
      writer.write('{}');
    }).not.toThrow();
    expect(writer.isClosed).toBe(true);
  });
});
