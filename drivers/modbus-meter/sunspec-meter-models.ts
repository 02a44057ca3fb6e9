/**
 * SunSpec meter models 201 (single phase), 202 (split phase), 203 (wye) and
 * 204 (delta), built from one point layout (templates/sunspec-meter-layout.json)
 * and decoded by the SunSpec decoder of drivers/sunspec, not a second one.
 */
import { parseModelDefinition } from '../sunspec/model-types.js';
import type { ModelDef } from '../sunspec/model-types.js';
import layout from './templates/sunspec-meter-layout.json' with { type: 'json' };

export const SUNSPEC_METER_MODELS = [201, 202, 203, 204] as const;

const defs: ReadonlyMap<number, ModelDef> = new Map(SUNSPEC_METER_MODELS.map((id) => [id, build(id)]));

export function sunspecMeterModel(id: number): ModelDef | undefined {
  return defs.get(id);
}

function build(id: number): ModelDef {
  const points = (layout.points).map(([name, type, sf, units]) => ({
    name,
    type,
    size: type === 'acc32' || type === 'bitfield32' ? 2 : 1,
    ...(sf === undefined ? {} : { sf }),
    ...(units === undefined ? {} : { units }),
  }));
  return parseModelDefinition(
    {
      id,
      group: {
        name: 'ac_meter',
        type: 'group',
        points: [{ name: 'ID', type: 'uint16', size: 1, value: id, mandatory: 'M', static: 'S' }, { name: 'L', type: 'uint16', size: 1, mandatory: 'M', static: 'S' }, ...points],
      },
    },
    `SunSpec meter model ${id}`,
  );
}
