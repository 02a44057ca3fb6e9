/** OpenADR 3 programs and events for the tests, in the shape both spec versions accept. */
const descriptor = (payloadType: string, units: string, currency?: string): Record<string, unknown> => ({
  objectType: 'EVENT_PAYLOAD_DESCRIPTOR',
  payloadType,
  units,
  ...(currency !== undefined ? { currency } : {}),
});

export function priceProgram(name = 'dynamic-prices'): Record<string, unknown> {
  return { programName: name, payloadDescriptors: [descriptor('PRICE', 'KWH', 'EUR'), descriptor('EXPORT_PRICE', 'KWH', 'EUR')] };
}

/** Hourly PRICE (and EXPORT_PRICE, GHG) intervals from `startMs`. */
export function priceEvent(programID: string, startMs: number, prices: readonly number[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    programID,
    eventName: 'day-ahead',
    priority: 1,
    intervalPeriod: { start: new Date(startMs).toISOString(), duration: 'PT1H' },
    payloadDescriptors: [descriptor('PRICE', 'MWH', 'EUR'), descriptor('EXPORT_PRICE', 'KWH', 'EUR'), descriptor('GHG', 'G_PER_KWH')],
    intervals: prices.map((p, id) => ({ id, payloads: [{ type: 'PRICE', values: [p * 1000] }, { type: 'EXPORT_PRICE', values: [p / 2] }, { type: 'GHG', values: [200 + id] }] })),
    ...extra,
  };
}

export function limitEvent(programID: string, startMs: number, durationIso: string, importKW: number | null, exportKW: number | null, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const payloads = [
    ...(importKW !== null ? [{ type: 'IMPORT_CAPACITY_LIMIT', values: [importKW] }] : []),
    ...(exportKW !== null ? [{ type: 'EXPORT_CAPACITY_LIMIT', values: [exportKW] }] : []),
  ];
  return {
    programID,
    eventName: 'capacity',
    payloadDescriptors: [descriptor('IMPORT_CAPACITY_LIMIT', 'KW'), descriptor('EXPORT_CAPACITY_LIMIT', 'KW')],
    intervals: [{ id: 0, intervalPeriod: { start: new Date(startMs).toISOString(), duration: durationIso }, payloads }],
    ...extra,
  };
}
