// The reader's pool of cell texts: a text met again comes from the pool, and what it returns is always the text the
// bytes say — for texts that differ in one byte, escaped ones, long ones and after the pool is full.
import { describe, expect, it } from 'vitest';
import { TextPool } from '../../src/main/services/xlsx/textPool';

/** The bytes of a row of cells, and where each text is. */
function cells(texts: string[]): { buffer: Buffer; spans: [number, number][] } {
  const parts = texts.map((t) => Buffer.from(t));
  const spans: [number, number][] = [];
  let at = 0;
  for (const part of parts) {
    spans.push([at + 1, at + 1 + part.length]);
    at += part.length + 2;
  }
  return { buffer: Buffer.concat(parts.flatMap((p) => [Buffer.from('>'), p, Buffer.from('<')])), spans };
}

describe('TextPool', () => {
  it('gives each text as its bytes say, repeated or not', () => {
    const texts = ['是', '否', '是', '汉族', '汉旅', 'A&amp;B', '_x000D_', '6210251030010001', '6210251030010002', '是', 'x'.repeat(200)];
    const { buffer, spans } = cells(texts);
    const pool = new TextPool();
    expect(spans.map(([from, to]) => pool.text(buffer, from, to))).toEqual(['是', '否', '是', '汉族', '汉旅', 'A&B', '\r', '6210251030010001', '6210251030010002', '是', 'x'.repeat(200)]);
  });

  it('still decodes every text once it is full', () => {
    const texts = Array.from({ length: 10_000 }, (_, i) => `值${i}`);
    const { buffer, spans } = cells([...texts, ...texts]);
    const pool = new TextPool();
    expect(spans.map(([from, to]) => pool.text(buffer, from, to))).toEqual([...texts, ...texts]);
  });
});
