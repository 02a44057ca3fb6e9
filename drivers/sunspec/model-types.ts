/**
 * The SunSpec model definition format (sunspec/models json/schema.json) as
 * TypeScript types, and a validator that turns a parsed JSON file into them.
 * Model definitions are data: the decoder, the encoder and the simulator all
 * read these, so a new model is a new JSON file, not new code.
 */
import { z } from 'zod';

export const pointTypes = [
  'int16',
  'int32',
  'int64',
  'raw16',
  'uint16',
  'uint32',
  'uint64',
  'acc16',
  'acc32',
  'acc64',
  'bitfield16',
  'bitfield32',
  'bitfield64',
  'enum16',
  'enum32',
  'float32',
  'float64',
  'string',
  'pad',
  'ipaddr',
  'ipv6addr',
  'eui48',
  'sunssf',
  'count',
] as const;
export type PointType = (typeof pointTypes)[number];

export interface SymbolDef {
  readonly name: string;
  readonly value: number;
}

export interface PointDef {
  readonly name: string;
  readonly type: PointType;
  /** Registers. */
  readonly size: number;
  /** Fixed exponent, or the name of the sunssf point that holds it. */
  readonly sf?: number | string;
  readonly units?: string;
  readonly access: 'R' | 'RW';
  readonly mandatory: boolean;
  readonly static: boolean;
  readonly symbols?: readonly SymbolDef[];
  /** Fixed value (ID points, some L points). */
  readonly value?: number | string;
  readonly label?: string;
}

export interface GroupDef {
  readonly name: string;
  /** "Inverter (Three Phase)": for people (the probe). */
  readonly label?: string;
  readonly type: 'group' | 'sync';
  /** Repetitions: a number, or the name of the point holding it; 0 means "as many as fit in the model length". */
  readonly count: number | string;
  readonly points: readonly PointDef[];
  readonly groups: readonly GroupDef[];
}

export interface ModelDef {
  readonly id: number;
  readonly label?: string;
  readonly group: GroupDef;
}

const symbolSchema = z.object({ name: z.string(), value: z.number().int() });

/**
 * Registers of the fixed-width types. Some upstream files (model_112.json)
 * leave `size` out; for these types it can only be one value, so we infer it
 * instead of editing the file. Strings and the like must say.
 */
const fixedSizes: Partial<Record<PointType, number>> = {
  ...Object.fromEntries(['int16', 'uint16', 'raw16', 'acc16', 'bitfield16', 'enum16', 'sunssf', 'count', 'pad'].map((t) => [t, 1])),
  ...Object.fromEntries(['int32', 'uint32', 'acc32', 'bitfield32', 'enum32', 'float32', 'ipaddr'].map((t) => [t, 2])),
  ...Object.fromEntries(['int64', 'uint64', 'acc64', 'bitfield64', 'float64', 'eui48'].map((t) => [t, 4])),
  ipv6addr: 8,
};

const pointSchema = z.object({
  name: z.string().min(1),
  type: z.enum(pointTypes),
  size: z.number().int().min(1).optional(),
  sf: z.union([z.number().int().min(-10).max(10), z.string().min(1)]).optional(),
  units: z.string().optional(),
  access: z.enum(['R', 'RW']).default('R'),
  mandatory: z.enum(['M', 'O']).default('O'),
  static: z.enum(['D', 'S']).default('D'),
  symbols: z.array(symbolSchema).optional(),
  value: z.union([z.number().int(), z.string()]).optional(),
  // Point arrays appear in the schema but in no model we ship; refuse them rather than mis-size the layout.
  count: z.literal(1).optional(),
  label: z.string().optional(),
});

interface RawGroup {
  name: string;
  label?: string | undefined;
  type: 'group' | 'sync';
  count: number | string;
  points: z.infer<typeof pointSchema>[];
  groups: RawGroup[];
}

const groupSchema: z.ZodType<RawGroup> = z.lazy(() =>
  z.object({
    name: z.string().min(1),
    label: z.string().optional(),
    type: z.enum(['group', 'sync']),
    count: z.union([z.number().int().min(0), z.string().min(1)]).default(1),
    points: z.array(pointSchema).default([]),
    groups: z.array(groupSchema).default([]),
  }),
);

const modelSchema = z.object({
  id: z.number().int().min(1).max(65535),
  label: z.string().optional(),
  group: groupSchema,
});

/** Validates a parsed model JSON; the error names the model and the offending path. */
export function parseModelDefinition(json: unknown, source = 'model definition'): ModelDef {
  const parsed = modelSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined ? '' : ` at ${issue.path.join('.')}: ${issue.message}`;
    throw new Error(`invalid SunSpec ${source}${where}`);
  }
  const m = parsed.data;
  try {
    return { id: m.id, ...(m.label === undefined ? {} : { label: m.label }), group: toGroup(m.group) };
  } catch (err) {
    throw new Error(`invalid SunSpec ${source}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}

function toGroup(g: RawGroup): GroupDef {
  return {
    name: g.name,
    ...(g.label === undefined ? {} : { label: g.label }),
    type: g.type,
    count: g.count,
    points: g.points.map(toPoint),
    groups: g.groups.map(toGroup),
  };
}

function toPoint(p: z.infer<typeof pointSchema>): PointDef {
  const size = p.size ?? fixedSizes[p.type];
  if (size === undefined) throw new Error(`point ${p.name} (${p.type}) has no size`);
  return {
    name: p.name,
    type: p.type,
    size,
    access: p.access,
    mandatory: p.mandatory === 'M',
    static: p.static === 'S',
    ...(p.sf === undefined ? {} : { sf: p.sf }),
    ...(p.units === undefined ? {} : { units: p.units }),
    ...(p.symbols === undefined ? {} : { symbols: p.symbols }),
    ...(p.value === undefined ? {} : { value: p.value }),
    ...(p.label === undefined ? {} : { label: p.label }),
  };
}
