/**
 * The OBIS objects we interpret, as data (STYLE: data before code). Each
 * measured value is "number*unit"; the unit decides the scale, so a meter that
 * writes W instead of kW is read right, and one that writes kWh where kW
 * belongs is rejected instead of being read 1000 times off.
 */

export type Quantity = 'power' | 'energy' | 'voltage' | 'current';

/** Accepted units per quantity (lower case) and the power of ten that brings them to W, Wh, V, A. */
export const UNITS: Readonly<Record<Quantity, Readonly<Record<string, number>>>> = {
  power: { kw: 3, w: 0 },
  energy: { kwh: 3, wh: 0 },
  voltage: { v: 0 },
  current: { a: 0 },
};

export type TotalField =
  | 'powerImportW'
  | 'powerExportW'
  | 'energyImportT1Wh'
  | 'energyImportT2Wh'
  | 'energyImportWh'
  | 'energyExportT1Wh'
  | 'energyExportT2Wh'
  | 'energyExportWh';

export const TOTALS: Readonly<Record<string, { readonly field: TotalField; readonly quantity: Quantity }>> = {
  '1-0:1.7.0': { field: 'powerImportW', quantity: 'power' },
  '1-0:2.7.0': { field: 'powerExportW', quantity: 'power' },
  '1-0:1.8.1': { field: 'energyImportT1Wh', quantity: 'energy' },
  '1-0:1.8.2': { field: 'energyImportT2Wh', quantity: 'energy' },
  '1-0:1.8.0': { field: 'energyImportWh', quantity: 'energy' },
  '1-0:2.8.1': { field: 'energyExportT1Wh', quantity: 'energy' },
  '1-0:2.8.2': { field: 'energyExportT2Wh', quantity: 'energy' },
  '1-0:2.8.0': { field: 'energyExportWh', quantity: 'energy' },
};

export type PhaseField = 'voltageV' | 'currentA' | 'powerImportW' | 'powerExportW';

export const PHASE_OBJECTS: Readonly<Record<string, { readonly phase: 0 | 1 | 2; readonly field: PhaseField; readonly quantity: Quantity }>> = {
  '1-0:32.7.0': { phase: 0, field: 'voltageV', quantity: 'voltage' },
  '1-0:52.7.0': { phase: 1, field: 'voltageV', quantity: 'voltage' },
  '1-0:72.7.0': { phase: 2, field: 'voltageV', quantity: 'voltage' },
  '1-0:31.7.0': { phase: 0, field: 'currentA', quantity: 'current' },
  '1-0:51.7.0': { phase: 1, field: 'currentA', quantity: 'current' },
  '1-0:71.7.0': { phase: 2, field: 'currentA', quantity: 'current' },
  '1-0:21.7.0': { phase: 0, field: 'powerImportW', quantity: 'power' },
  '1-0:41.7.0': { phase: 1, field: 'powerImportW', quantity: 'power' },
  '1-0:61.7.0': { phase: 2, field: 'powerImportW', quantity: 'power' },
  '1-0:22.7.0': { phase: 0, field: 'powerExportW', quantity: 'power' },
  '1-0:42.7.0': { phase: 1, field: 'powerExportW', quantity: 'power' },
  '1-0:62.7.0': { phase: 2, field: 'powerExportW', quantity: 'power' },
};

export const TIMESTAMP = '0-0:1.0.0';
export const METER_ID = '0-0:96.1.1';
export const TARIFF = '0-0:96.14.0';
/** NL/LU P1 version. */
export const VERSION_NL = '1-3:0.2.8';
/** BE (Fluvius) P1 version. */
export const VERSION_BE = '0-0:96.1.4';

/** M-Bus objects on channel n (1-4). */
export const MBUS_DEVICE_TYPE = /^0-([1-4]):24\.1\.0$/;
/** 96.1.0 in NL, 96.1.1 in BE. */
export const MBUS_EQUIPMENT_ID = /^0-([1-4]):96\.1\.[01]$/;
/** (time stamp)(value*unit); 24.2.3 is Fluvius' not temperature-corrected gas volume. */
export const MBUS_VALUE = /^0-([1-4]):24\.2\.[13]$/;
/** DSMR 2.2/3 form: (time stamp)(status)(period)(count)(object)(unit)(value). */
export const MBUS_VALUE_DSMR3 = /^0-([1-4]):24\.3\.0$/;

export const MBUS_GAS = 3;
