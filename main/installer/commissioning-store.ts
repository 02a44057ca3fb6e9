/** Every config the wizard saved, with what its report shows (SQLite table `commissioning`). */
import type { DeviceRole } from '../common/snapshot.js';
import type { BatteryCarInput, DeviceIdentity, DeviceReadings, RevisionInfo, SignCheckView, SiteInput, StepError } from '../common/installer.js';
import type { Db } from '../store/database.js';

export interface ReportDevice {
  readonly role: DeviceRole;
  readonly id: string;
  readonly type: string;
  readonly endpoint: string;
  readonly identity: DeviceIdentity | null;
  readonly probe: { readonly state: string; readonly source: string | null; readonly readings: DeviceReadings | null; readonly error: StepError | null } | null;
}

/** What the commissioning report shows; stored with the revision so a report can be printed again later. */
export interface ReportData {
  readonly revision: number;
  readonly savedMs: number;
  readonly configFile: string;
  readonly hubVersion: string;
  readonly simulated: boolean;
  readonly site: SiteInput;
  readonly batteryCar: BatteryCarInput;
  readonly tariff: { readonly preset: string; readonly name: string | null };
  readonly devices: readonly ReportDevice[];
  readonly signCheck: SignCheckView;
}

export class CommissioningStore {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  nextRevision(): number {
    const row = this.db.prepare('SELECT MAX(revision) AS max FROM commissioning').get() as { max: number | null };
    return (row.max ?? 0) + 1;
  }

  add(report: ReportData, config: unknown): void {
    this.db
      .prepare('INSERT INTO commissioning (revision, saved_ms, config_file, config_json, report_json) VALUES (?, ?, ?, ?, ?)')
      .run(report.revision, report.savedMs, report.configFile, JSON.stringify(config), JSON.stringify(report));
  }

  list(): RevisionInfo[] {
    const rows = this.db.prepare('SELECT revision, saved_ms, config_file FROM commissioning ORDER BY revision DESC').all() as { revision: number; saved_ms: number; config_file: string }[];
    return rows.map((r) => ({ revision: r.revision, savedMs: r.saved_ms, configFile: r.config_file }));
  }

  report(revision: number | null): ReportData | null {
    const row = (
      revision === null
        ? this.db.prepare('SELECT report_json FROM commissioning ORDER BY revision DESC LIMIT 1').get()
        : this.db.prepare('SELECT report_json FROM commissioning WHERE revision = ?').get(revision)
    ) as { report_json: string } | undefined;
    return row === undefined ? null : (JSON.parse(row.report_json) as ReportData);
  }
}
