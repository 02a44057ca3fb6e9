/**
 * The shipped model definitions are the official files: byte-identical to
 * ../shared/fixtures/sunspec/models where that has them, and listed with
 * their blob ids in models/README.md. And the models the shared fixtures do
 * not have (102, 111-113, 122) decode like their integer siblings.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeModel, numberAt } from '../../../drivers/sunspec/decode.js';
import { encodeModel } from '../../../drivers/sunspec/encode.js';
import { inverterSample } from '../../../drivers/sunspec/inverter-sources.js';
import { layoutModel } from '../../../drivers/sunspec/layout.js';
import { requireModelDefinition, shippedModelIds } from '../../../drivers/sunspec/model-registry.js';
import { parseModelDefinition } from '../../../drivers/sunspec/model-types.js';

const shippedDir = new URL('../../../drivers/sunspec/models/', import.meta.url);
const sharedDir = new URL('../../../../shared/fixtures/sunspec/models/', import.meta.url);

/** `git hash-object`: sha1 of "blob <length>\0<content>". */
function blobId(bytes: Buffer): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

const files = readdirSync(shippedDir).filter((f) => /^model_\d+\.json$/.test(f));

describe('shipped SunSpec model files', () => {
  it('ships every model the registry loads, and nothing else', () => {
    const ids = files.map((f) => Number(/\d+/.exec(f)?.[0])).sort((a, b) => a - b);
    expect([...shippedModelIds()].sort((a, b) => a - b)).toEqual(ids);
    expect(ids).toEqual([1, 101, 102, 103, 111, 112, 113, 120, 121, 122, 123, 124, 160, 701, 702, 704, 713, 714, 802]);
  });

  it('are byte-identical to the shared fixtures where those have them, and each README row names its blob', () => {
    const readme = readFileSync(new URL('README.md', shippedDir), 'utf8');
    let compared = 0;
    for (const f of files) {
      const ours = readFileSync(new URL(f, shippedDir));
      const shared = new URL(f, sharedDir);
      if (existsSync(shared)) {
        expect(blobId(ours), f).toBe(blobId(readFileSync(shared)));
        compared++;
      }
      const row = readme.split('\n').find((l) => l.startsWith(`| ${f} |`));
      expect(row, `README row for ${f}`).toBeDefined();
      expect(row).toContain(blobId(ours).slice(0, 12));
    }
    expect(compared).toBe(14);
  });

  it('infers the size of fixed-width points when a file leaves it out (112) and refuses a string without one', () => {
    expect(layoutModel(requireModelDefinition(112), { countOf: () => null }).size - 2).toBe(60);
    expect(layoutModel(requireModelDefinition(113), { countOf: () => null }).size - 2).toBe(60);
    expect(layoutModel(requireModelDefinition(102), { countOf: () => null }).size - 2).toBe(50);
    const broken = { id: 64000, group: { name: 'x', type: 'group', points: [{ name: 'S', type: 'string' }] } };
    expect(() => parseModelDefinition(broken, 'test file')).toThrow(/invalid SunSpec test file: point S \(string\) has no size/);
  });

  it('decodes the float inverter models like the integer ones: no scale factors, NaN is not available', () => {
    for (const [id, sibling] of [
      [113, 103],
      [111, 101],
      [112, 102],
    ] as const) {
      const float = decodeModel(requireModelDefinition(id), encodeModel(requireModelDefinition(id), { W: 4321.5, WH: 1.5e6, St: 4, Evt1: 0, Hz: null }));
      expect(numberAt(float, 'W'), String(id)).toBe(4321.5);
      expect(numberAt(float, 'WH')).toBe(1.5e6);
      expect(numberAt(float, 'Hz')).toBeNull();
      expect(inverterSample(float)).toEqual({ powerW: 4321.5, energyWh: 1.5e6, state: 'MPPT', alarms: [] });
      const int = decodeModel(
        requireModelDefinition(sibling),
        encodeModel(requireModelDefinition(sibling), { W: 4321, W_SF: 0, WH: 1_500_000, WH_SF: 0, St: 4, Evt1: 0b1001 }),
      );
      expect(inverterSample(int)).toEqual({ powerW: 4321, energyWh: 1_500_000, state: 'MPPT', alarms: ['GROUND_FAULT', 'DC_DISCONNECT'] });
    }
  });

  it('reads model 122 (status) with its acc64 energy and bitfields', () => {
    const def = requireModelDefinition(122);
    const m = decodeModel(def, encodeModel(def, { PVConn: 0b111, StorConn: 0b011, ECPConn: 1, ActWh: 987_654_321, WAval: 8000, WAval_SF: 0 }));
    expect(m.points.get('PVConn')?.symbols).toEqual(['CONNECTED', 'AVAILABLE', 'OPERATING']);
    expect(numberAt(m, 'ActWh')).toBe(987_654_321);
    expect(numberAt(m, 'WAval')).toBe(8000);
    expect(numberAt(m, 'Ris')).toBeNull();
  });
});
