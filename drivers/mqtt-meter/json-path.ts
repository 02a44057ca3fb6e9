/**
 * A tiny JSON path for meter payloads: "a.b[0].c" (an optional leading "$."
 * as evcc and Home Assistant users write it). Enough for the JSON that
 * Tasmota, Shelly, HomeWizard bridges and ESPHome publish; no filters, no
 * wildcards, so a path always names exactly one value.
 */

export type PathStep = string | number;

export function parseJsonPath(path: string): PathStep[] | null {
  const text = path.startsWith('$.') ? path.slice(2) : path === '$' ? '' : path;
  if (text === '') return [];
  const steps: PathStep[] = [];
  const re = /([^.[\]]+)|\[(\d+)\]|\.(?=[^.])/gy;
  let m: RegExpExecArray | null;
  let consumed = 0;
  while ((m = re.exec(text)) !== null) {
    if (m[1] !== undefined) steps.push(m[1]);
    else if (m[2] !== undefined) steps.push(Number(m[2]));
    consumed = re.lastIndex;
  }
  return consumed === text.length ? steps : null;
}

export function atPath(value: unknown, steps: readonly PathStep[]): unknown {
  let cur: unknown = value;
  for (const step of steps) {
    if (typeof step === 'number') {
      if (!Array.isArray(cur)) return undefined;
      cur = (cur as unknown[])[step];
    } else {
      if (typeof cur !== 'object' || cur === null || Array.isArray(cur)) return undefined;
      cur = (cur as Record<string, unknown>)[step];
    }
  }
  return cur;
}
