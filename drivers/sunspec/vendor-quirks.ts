/**
 * Known deviations of field devices from plain SunSpec, as data (evcc keeps
 * them in its device templates; we keep them here). Discovery and the probe
 * use `endpoints` to know where else to look; the drivers use the matched
 * entry (by model 1's manufacturer) to pick or avoid a control path and to
 * read vendor-specific layouts. Sources: the issue threads and templates of
 * evcc, pysunspec2, ha-sunspec, mbmd, OpenEMS and the vendors' Modbus notes,
 * cited per entry. Adding a vendor is a new row, not a code branch.
 */

export type BatteryControlPath = '704' | '124' | '802';

export interface QuirkEndpoint {
  readonly port: number;
  readonly unitId: number;
  readonly note: string;
}

export interface VendorQuirk {
  readonly id: string;
  readonly vendor: string;
  /** Matches model 1 Mn (manufacturer). */
  readonly manufacturer: RegExp;
  /** Where this vendor's SunSpec map (or its own map) usually answers; tried in order by the probe. */
  readonly endpoints: readonly QuirkEndpoint[];
  /** Set when the vendor's devices speak their own register map instead of SunSpec (nothing to discover). */
  readonly notSunSpec?: string;
  /** Quiet time after connecting, real ms. */
  readonly connectDelayMs?: number;
  /** Control paths that the vendor's devices list but refuse or ignore; the battery driver does not pick them. */
  readonly avoidBatteryControl?: readonly BatteryControlPath[];
  /**
   * Battery power carried in model 160 modules, by module name (Fronius
   * GEN24 has no 802 and reports the battery as MPPT inputs): W = discharge
   * module DCW - charge module DCW. Those modules are not PV.
   */
  readonly mpptBattery?: { readonly charge: RegExp; readonly discharge: RegExp };
  /** Shown by the probe and in commissioning. */
  readonly notes: readonly string[];
}

export const vendorQuirks: readonly VendorQuirk[] = [
  {
    id: 'sma',
    vendor: 'SMA',
    manufacturer: /^SMA\b/i,
    endpoints: [{ port: 502, unitId: 126, note: 'SunSpec unit id = SMA Modbus unit id + 123 (default 3 -> 126)' }],
    avoidBatteryControl: ['802'],
    notes: [
      'SunSpec profile on unit id 126; unit 3 is SMA\'s own register map (ha-sunspec issues 135, 269).',
      'Refuses reads that start inside a point or run past what it serves (pysunspec2 issues 16, 36, 89): reads are point-aligned and split on exception 2.',
      '802 SoCRsvMin/SocRsvMax are listed but not writable (evcc issue 10912); battery setpoints need 124 or 704 where offered.',
    ],
  },
  {
    id: 'fronius',
    vendor: 'Fronius',
    manufacturer: /^Fronius\b/i,
    endpoints: [{ port: 502, unitId: 1, note: 'inverter; a Datamanager serves further inverters at their own ids, the meter at 200/240' }],
    mpptBattery: { charge: /^StCha\b/i, discharge: /^StDisCha\b/i },
    notes: [
      'Web UI setting "float" (default, models 111-113) or "int+SF" (101-103); both are read.',
      'GEN24 reports the battery as model 160 modules 3 (StCha, charging) and 4 (StDisCha, discharging); it has no 802 (evcc templates, Tinkerforge fronius.py).',
      'Battery setpoints via 124 InWRte/OutWRte; charging from the grid needs ChaGriSet = GRID (1) (evcc issue 10912).',
      'Cannot go from charging to discharging without passing 0 W for a while (OpenEMS Fronius GEN24 notes).',
    ],
  },
  {
    id: 'solaredge',
    vendor: 'SolarEdge',
    manufacturer: /^SolarEdge\b/i,
    endpoints: [
      { port: 1502, unitId: 1, note: 'default Modbus TCP port on older firmware' },
      { port: 502, unitId: 1, note: 'newer firmware' },
    ],
    avoidBatteryControl: ['704', '124', '802'],
    notes: [
      'W_SF follows the power: value and scale factor must come from one read (we always do).',
      'Battery control is outside SunSpec (StorageControl registers from 0xE004, remote command mode and timeout); not supported here (evcc PR 11904).',
    ],
  },
  {
    id: 'kostal',
    vendor: 'KOSTAL',
    manufacturer: /^KOSTAL\b/i,
    endpoints: [{ port: 1502, unitId: 71, note: 'Plenticore/Piko IQ; port 502 answers only the energy meter (evcc issue 723)' }],
    avoidBatteryControl: ['802'],
    notes: [
      'Set the Modbus byte order to big-endian (SunSpec) in the inverter, not "CDAB" (evcc issue 3296).',
      'The model chain may end without the 0xFFFF end marker (evcc issue 10912): discovery stops at the first exception.',
      '802 SoCRsvMin is refused with exception 2; battery control is Kostal\'s own register 1034 (not supported here).',
    ],
  },
  {
    id: 'huawei',
    vendor: 'Huawei',
    manufacturer: /^Huawei\b/i,
    endpoints: [
      { port: 502, unitId: 1, note: 'SDongle / EMMA on the LAN' },
      { port: 6607, unitId: 0, note: "inverter's own Wi-Fi access point" },
    ],
    notSunSpec: "SUN2000 inverters and LUNA batteries speak Huawei's own register map (32000+), not SunSpec.",
    connectDelayMs: 1000,
    notes: ['Drops requests sent right after connecting: wait about 1 s (grid-x/modbus PR 44, openHAB issue 2926).'],
  },
  {
    id: 'sungrow',
    vendor: 'Sungrow',
    manufacturer: /^Sungrow\b/i,
    endpoints: [{ port: 502, unitId: 1, note: 'WiNet-S / LAN port' }],
    notSunSpec: "Hybrid inverters (SH series) use Sungrow's own map in input registers (5000+, 13000+), not SunSpec.",
    notes: [],
  },
  {
    id: 'goodwe',
    vendor: 'GoodWe',
    manufacturer: /^GoodWe\b/i,
    endpoints: [
      { port: 502, unitId: 247, note: 'ET/EH default address 0xF7; DT series 0x7F (127)' },
      { port: 502, unitId: 127, note: 'DT series' },
    ],
    notSunSpec: "Hybrid inverters use GoodWe's own map (35000+, battery 47000+), not SunSpec; older Wi-Fi/LAN modules speak UDP 8899 only.",
    notes: ['The Modbus address can be changed in the PV Master app (mletenay/home-assistant-goodwe-inverter issue 50).'],
  },
];

/** The entry for a device by its model 1 manufacturer; undefined for plain SunSpec. */
export function quirkFor(manufacturer: string | null | undefined): VendorQuirk | undefined {
  if (manufacturer === null || manufacturer === undefined) return undefined;
  return vendorQuirks.find((q) => q.manufacturer.test(manufacturer.trim()));
}

/** Every distinct (port, unit id) worth probing when the default does not answer, with who uses it. */
export function probeCandidates(): { port: number; unitId: number; vendors: string[] }[] {
  const out = new Map<string, { port: number; unitId: number; vendors: string[] }>();
  for (const q of vendorQuirks) {
    for (const e of q.endpoints) {
      const key = `${e.port}/${e.unitId}`;
      const entry = out.get(key) ?? { port: e.port, unitId: e.unitId, vendors: [] };
      entry.vendors.push(q.vendor);
      out.set(key, entry);
    }
  }
  return [...out.values()];
}
