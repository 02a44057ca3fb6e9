/**
 * The COSEM objects HAN push lists carry, as data: OBIS code (without the
 * channel B, which Kamstrup sets to 1 and others to 0) -> what it is, its
 * DLMS unit, and the scaler Kamstrup uses (Kamstrup lists carry no scaler;
 * its HAN documentation fixes them: current 0.01 A, energy 0.01 kWh).
 */

export type HanField =
  | 'powerImportW'
  | 'powerExportW'
  | 'energyImportWh'
  | 'energyExportWh'
  | 'l1.powerImportW'
  | 'l2.powerImportW'
  | 'l3.powerImportW'
  | 'l1.powerExportW'
  | 'l2.powerExportW'
  | 'l3.powerExportW'
  | 'l1.currentA'
  | 'l2.currentA'
  | 'l3.currentA'
  | 'l1.voltageV'
  | 'l2.voltageV'
  | 'l3.voltageV';

/** DLMS unit enumeration values (Blue Book, "unit"). */
export const DLMS_UNIT = { W: 27, VA: 28, var: 29, Wh: 30, VAh: 31, varh: 32, A: 33, V: 35 } as const;

interface NumericObject {
  readonly field: HanField;
  readonly unit: number;
  /** Scaler when the list carries none (Kamstrup). */
  readonly defaultScaler: number;
}

export const NUMERIC_OBJECTS: Readonly<Record<string, NumericObject>> = {
  '1-1.7.0': { field: 'powerImportW', unit: DLMS_UNIT.W, defaultScaler: 0 },
  '1-2.7.0': { field: 'powerExportW', unit: DLMS_UNIT.W, defaultScaler: 0 },
  '1-1.8.0': { field: 'energyImportWh', unit: DLMS_UNIT.Wh, defaultScaler: 1 },
  '1-2.8.0': { field: 'energyExportWh', unit: DLMS_UNIT.Wh, defaultScaler: 1 },
  '1-21.7.0': { field: 'l1.powerImportW', unit: DLMS_UNIT.W, defaultScaler: 0 },
  '1-41.7.0': { field: 'l2.powerImportW', unit: DLMS_UNIT.W, defaultScaler: 0 },
  '1-61.7.0': { field: 'l3.powerImportW', unit: DLMS_UNIT.W, defaultScaler: 0 },
  '1-22.7.0': { field: 'l1.powerExportW', unit: DLMS_UNIT.W, defaultScaler: 0 },
  '1-42.7.0': { field: 'l2.powerExportW', unit: DLMS_UNIT.W, defaultScaler: 0 },
  '1-62.7.0': { field: 'l3.powerExportW', unit: DLMS_UNIT.W, defaultScaler: 0 },
  '1-31.7.0': { field: 'l1.currentA', unit: DLMS_UNIT.A, defaultScaler: -2 },
  '1-51.7.0': { field: 'l2.currentA', unit: DLMS_UNIT.A, defaultScaler: -2 },
  '1-71.7.0': { field: 'l3.currentA', unit: DLMS_UNIT.A, defaultScaler: -2 },
  '1-32.7.0': { field: 'l1.voltageV', unit: DLMS_UNIT.V, defaultScaler: 0 },
  '1-52.7.0': { field: 'l2.voltageV', unit: DLMS_UNIT.V, defaultScaler: 0 },
  '1-72.7.0': { field: 'l3.voltageV', unit: DLMS_UNIT.V, defaultScaler: 0 },
};

/** Meter identification: Aidon/Kaifa 0-0:96.1.0, Kamstrup 1-1:0.0.5. */
export const METER_ID_OBJECTS: ReadonlySet<string> = new Set(['0-96.1.0', '1-0.0.5']);
export const CLOCK_OBJECT = '0-1.0.0';

/** "A-C.D.E" of a 6-byte OBIS code (B and F dropped). */
export function obisKey(b: Uint8Array): string {
  return `${b[0] ?? 0}-${b[2] ?? 0}.${b[3] ?? 0}.${b[4] ?? 0}`;
}

/** "A-B:C.D.E.F", for messages. */
export function obisText(b: Uint8Array): string {
  return `${b[0] ?? 0}-${b[1] ?? 0}:${b[2] ?? 0}.${b[3] ?? 0}.${b[4] ?? 0}.${b[5] ?? 0}`;
}
