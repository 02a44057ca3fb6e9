/** The probe's result as text for a terminal: identity, the model map, then every reading with its unit. */
import type { ProbeReading, ProbeResult } from './probe.js';

export function formatProbe(r: ProbeResult): string {
  const lines: string[] = [];
  lines.push(`SunSpec device at ${r.endpoint} unit ${r.unitId}, map at ${r.base}`);
  const id = r.identity;
  if (id === null) lines.push('  (no common model 1: identity unknown)');
  else {
    for (const [label, value] of [
      ['manufacturer', id.manufacturer],
      ['model', id.model],
      ['serial', id.serial],
      ['version', id.version],
      ['options', id.options],
    ] as const) {
      lines.push(`  ${label.padEnd(13)}${value ?? 'not available'}`);
    }
  }
  if (r.vendor !== null) {
    lines.push('', `Known ${r.vendor.name} deviations:`);
    for (const note of r.vendor.notes) lines.push(`  - ${note}`);
  }
  lines.push('', 'Models:');
  for (const m of r.models) {
    const extra = m.error !== undefined ? `  (not read: ${m.error})` : m.refused !== undefined ? `  (device refused ${m.refused.length} range(s))` : '';
    lines.push(`  ${String(m.id).padStart(5)}  at ${m.address}  length ${String(m.length).padStart(3)}  ${m.label ?? '(no definition shipped)'}${extra}`);
  }
  for (const [key, points] of Object.entries(r.readings)) {
    const model = r.models.find((m) => String(m.id) === key.split('@')[0]);
    lines.push('', `Model ${key}${model?.label === null || model === undefined ? '' : ` ${model.label}`}:`);
    const width = Math.max(...Object.keys(points).map((p) => p.length), 4);
    for (const [path, reading] of Object.entries(points)) lines.push(`  ${path.padEnd(width)}  ${show(reading)}`);
  }
  return lines.join('\n');
}

function show(r: ProbeReading): string {
  if (r.value === null) return 'not available';
  const symbols = r.symbols !== undefined && r.symbols.length > 0 ? ` (${r.symbols.join(', ')})` : '';
  const units = r.units === null ? '' : ` ${r.units}`;
  return `${typeof r.value === 'string' ? JSON.stringify(r.value) : String(r.value)}${units}${symbols}`;
}
