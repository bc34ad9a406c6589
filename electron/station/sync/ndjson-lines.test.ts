import { describe, expect, it } from 'vitest';
import { ndjsonLines } from './ndjson-lines.ts';

const streamOf = (chunks: readonly string[]) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
      controller.close();
    },
  });

async function linesOf(chunks: readonly string[]): Promise<string[]> {
  const lines: string[] = [];
  for await (const line of ndjsonLines(streamOf(chunks))) lines.push(line);
  return lines;
}

describe('the lines of an NDJSON answer', () => {
  it('splits lines across and within chunks, multi-byte characters included, and keeps a last line', async () => {
    expect(await linesOf(['{"a":1}\n{"b":', '2}\n{"c":"Nguyễn', ' Văn Ấn"}\n', '{"d":4}'])).toEqual([
      '{"a":1}',
      '{"b":2}',
      '{"c":"Nguyễn Văn Ấn"}',
      '{"d":4}',
    ]);
  });

  it('joins a character split between two chunks', async () => {
    const bytes = new TextEncoder().encode('{"n":"Đỗ"}\n');
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.subarray(0, 8));
        controller.enqueue(bytes.subarray(8));
        controller.close();
      },
    });
    const lines: string[] = [];
    for await (const line of ndjsonLines(stream)) lines.push(line);
    expect(lines).toEqual(['{"n":"Đỗ"}']);
  });
});
