import { describe, expect, it } from 'vitest';
import { P1Framer } from '../../../drivers/p1/framer.js';
import { fixture, fixtureNames } from './fixtures.js';

const bytes = (s: string): Buffer => Buffer.from(s, 'latin1');

function frameAll(chunks: readonly Buffer[], framer = new P1Framer()): string[] {
  return chunks.flatMap((c) => framer.push(c));
}

describe('P1Framer', () => {
  it.each(fixtureNames)('frames %s split at every byte position', (name) => {
    const text = fixture(name);
    const all = bytes(text);
    for (let cut = 0; cut <= all.length; cut++) {
      expect(frameAll([all.subarray(0, cut), all.subarray(cut)])).toEqual([text]);
    }
  });

  it('frames a telegram fed one byte at a time', () => {
    const text = fixture('be-fluvius-v171');
    const all = bytes(text);
    const chunks = Array.from({ length: all.length }, (_, i) => all.subarray(i, i + 1));
    expect(frameAll(chunks)).toEqual([text]);
  });

  it('splits concatenated telegrams, with and without garbage between them', () => {
    const texts = fixtureNames.map(fixture);
    expect(frameAll([bytes(texts.join(''))])).toEqual(texts);
    const framer = new P1Framer();
    const noisy = `\x00\xffnoise!1234\r\n${texts[0]}garbage\r\n!!\r\n${texts[1]}\x7f${texts[2]}${texts[3]}trailing`;
    expect(frameAll([bytes(noisy)], framer)).toEqual(texts);
    expect(framer.droppedBytes).toBe('\x00\xffnoise!1234\r\n'.length + 'garbage\r\n!!\r\n'.length + 1 + 'trailing'.length);
  });

  it('resynchronises on a new "/" after a truncated telegram', () => {
    const v5 = fixture('nl-iskra-v5');
    const se = fixture('se-landisgyr-e360');
    expect(frameAll([bytes(v5.slice(0, 300)), bytes(se)])).toEqual([se]);
  });

  it('ends a telegram right after its CRC when no line end follows', () => {
    const v5 = fixture('nl-iskra-v5').replace(/\r\n$/, '');
    const se = fixture('se-landisgyr-e360');
    expect(frameAll([bytes(v5 + se)])).toEqual([v5, se]);
  });

  it('frames DSMR 3 telegrams, which end in "!" and a line end', () => {
    const v3 = fixture('nl-iskra-v3');
    expect(v3.endsWith('!\r\n')).toBe(true);
    expect(frameAll([bytes(v3 + v3)])).toEqual([v3, v3]);
  });

  it('drops an oversized telegram and keeps its memory bounded', () => {
    const framer = new P1Framer({ maxBytes: 2048 });
    const v5 = fixture('nl-iskra-v5');
    const out: string[] = [];
    out.push(...framer.push(bytes('/ISk5 start of a telegram that never ends ')));
    for (let i = 0; i < 1000; i++) {
      out.push(...framer.push(bytes('x'.repeat(100))));
      expect(framer.bufferedBytes).toBeLessThanOrEqual(2048 + 100);
    }
    out.push(...framer.push(bytes(v5)));
    expect(out).toEqual([v5]);
    expect(framer.oversized).toBe(1);
  });

  it('drops a complete telegram larger than maxBytes', () => {
    const framer = new P1Framer({ maxBytes: 500 });
    const v5 = fixture('nl-iskra-v5');
    const small = '/ABC5x\r\n\r\n!\r\n';
    expect(frameAll([bytes(v5 + small)], framer)).toEqual([small]);
    expect(framer.oversized).toBe(1);
  });

  it('holds nothing for garbage without a "/"', () => {
    const framer = new P1Framer();
    expect(framer.push(Buffer.alloc(1_000_000, 0x41))).toEqual([]);
    expect(framer.bufferedBytes).toBe(0);
    expect(framer.droppedBytes).toBe(1_000_000);
  });

  it('forgets a partial telegram on reset (new connection)', () => {
    const framer = new P1Framer();
    const v5 = fixture('nl-iskra-v5');
    framer.push(bytes(v5.slice(0, 100)));
    framer.reset();
    expect(framer.push(bytes(v5.slice(100)))).toEqual([]);
    expect(framer.push(bytes(v5))).toEqual([v5]);
  });
});
