/**
 * Where each point of a model sits, computed from the definition (data) and,
 * for repeating groups, from the counts the device reports. Paths name a point
 * the way people talk about it: "W", "PFWInj.PF", "module[1].DCW".
 */
import type { GroupDef, ModelDef, PointDef } from './model-types.js';

export interface PointSlot {
  readonly path: string;
  readonly def: PointDef;
  /** Registers from the model's first register (its ID). */
  readonly offset: number;
  /** Path prefixes of the enclosing group instances, innermost first ("module[1].", ""): scale factors and counts are looked up there. */
  readonly scopes: readonly string[];
}

export interface ModelLayout {
  readonly def: ModelDef;
  /** Registers the definition occupies for these counts, header included. */
  readonly size: number;
  readonly slots: readonly PointSlot[];
  readonly byPath: ReadonlyMap<string, PointSlot>;
}

export interface LayoutOptions {
  /** The model length L the device reports (registers after the 2-register header); needed for count-0 groups. */
  readonly length?: number;
  /** Value of a count point (e.g. "N", "NPrt"); null when unimplemented. */
  readonly countOf: (slot: PointSlot) => number | null;
  /** Instances of a count-0 group (by its path, e.g. "module") when no length is given (building an image). */
  readonly fillCount?: (groupPath: string) => number;
  /**
   * Size groups counted by a point (714's NPrt) like count-0 groups, from the
   * length: for planning reads before the count is known.
   */
  readonly countsFillLength?: boolean;
}

export function layoutModel(def: ModelDef, options: LayoutOptions): ModelLayout {
  const slots: PointSlot[] = [];
  const byPath = new Map<string, PointSlot>();

  const walk = (group: GroupDef, prefix: string, scopes: readonly string[], start: number): number => {
    let offset = start;
    for (const point of group.points) {
      const slot: PointSlot = { path: prefix + point.name, def: point, offset, scopes };
      slots.push(slot);
      byPath.set(slot.path, slot);
      offset += point.size;
    }
    for (const child of group.groups) {
      const repeats = child.count !== 1;
      const count = resolveCount(child, prefix, scopes, offset);
      for (let i = 0; i < count; i++) {
        const childPrefix = repeats ? `${prefix}${child.name}[${i}].` : `${prefix}${child.name}.`;
        offset = walk(child, childPrefix, [childPrefix, ...scopes], offset);
      }
    }
    return offset;
  };

  const resolveCount = (group: GroupDef, prefix: string, scopes: readonly string[], offset: number): number => {
    if (typeof group.count === 'string' && !(options.countsFillLength === true && options.length !== undefined)) {
      const slot = findInScopes(byPath, scopes, group.count);
      if (slot === undefined) throw new Error(`model ${def.id}: group ${group.name} counts by unknown point ${group.count}`);
      const n = options.countOf(slot);
      return n === null ? 0 : Math.max(0, Math.floor(n));
    }
    if (typeof group.count === 'number' && group.count > 0) return group.count;
    // count 0: as many instances as the device's model length holds (model 160's modules).
    if (options.length === undefined) return options.fillCount?.(prefix + group.name) ?? 0;
    const size = fixedSize(group);
    return Math.max(0, Math.floor((options.length + 2 - offset) / size));
  };

  const size = walk(def.group, '', [''], 0);
  return { def, size, slots, byPath };
}

/** The slot named `name` in the nearest enclosing scope (how SunSpec resolves sf and count references). */
export function findInScopes(byPath: ReadonlyMap<string, PointSlot>, scopes: readonly string[], name: string): PointSlot | undefined {
  for (const scope of scopes) {
    const slot = byPath.get(scope + name);
    if (slot !== undefined) return slot;
  }
  return undefined;
}

/** Size of one instance of a group whose own subgroups have fixed counts. */
function fixedSize(group: GroupDef): number {
  let size = group.points.reduce((sum, p) => sum + p.size, 0);
  for (const child of group.groups) {
    if (typeof child.count !== 'number' || child.count === 0) throw new Error(`group ${group.name}: nested variable group ${child.name} inside a count-0 group`);
    size += child.count * fixedSize(child);
  }
  if (size === 0) throw new Error(`group ${group.name} is empty`);
  return size;
}
