/**
 * The SunSpec model definitions we ship (models/README.md lists source,
 * commit and licence). Validated once at load so that a broken file fails at
 * start-up with its name, not later with a wrong register.
 */
import model1 from './models/model_1.json' with { type: 'json' };
import model101 from './models/model_101.json' with { type: 'json' };
import model102 from './models/model_102.json' with { type: 'json' };
import model103 from './models/model_103.json' with { type: 'json' };
import model111 from './models/model_111.json' with { type: 'json' };
import model112 from './models/model_112.json' with { type: 'json' };
import model113 from './models/model_113.json' with { type: 'json' };
import model120 from './models/model_120.json' with { type: 'json' };
import model121 from './models/model_121.json' with { type: 'json' };
import model122 from './models/model_122.json' with { type: 'json' };
import model123 from './models/model_123.json' with { type: 'json' };
import model124 from './models/model_124.json' with { type: 'json' };
import model160 from './models/model_160.json' with { type: 'json' };
import model701 from './models/model_701.json' with { type: 'json' };
import model702 from './models/model_702.json' with { type: 'json' };
import model704 from './models/model_704.json' with { type: 'json' };
import model713 from './models/model_713.json' with { type: 'json' };
import model714 from './models/model_714.json' with { type: 'json' };
import model802 from './models/model_802.json' with { type: 'json' };
import { parseModelDefinition, type ModelDef } from './model-types.js';

const shipped: readonly unknown[] = [
  model1,
  model101,
  model102,
  model103,
  model111,
  model112,
  model113,
  model120,
  model121,
  model122,
  model123,
  model124,
  model160,
  model701,
  model702,
  model704,
  model713,
  model714,
  model802,
];

const definitions: ReadonlyMap<number, ModelDef> = new Map(
  shipped.map((json, i) => {
    const def = parseModelDefinition(json, `model file #${i}`);
    return [def.id, def] as const;
  }),
);

/** The definition of model `id`, or undefined when we do not ship it. */
export function modelDefinition(id: number): ModelDef | undefined {
  return definitions.get(id);
}

/** Like modelDefinition but for models the code cannot work without. */
export function requireModelDefinition(id: number): ModelDef {
  const def = definitions.get(id);
  if (def === undefined) throw new Error(`SunSpec model ${id} is not shipped (see drivers/sunspec/models/README.md)`);
  return def;
}

export function shippedModelIds(): readonly number[] {
  return [...definitions.keys()];
}
