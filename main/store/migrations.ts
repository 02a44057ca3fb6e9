/**
 * Ordered, append-only schema migrations. Never edit a released migration:
 * add a new one. The database records the highest applied version in
 * `PRAGMA user_version`, so opening an older file upgrades it in place.
 */
export interface Migration {
  readonly version: number;
  readonly description: string;
  readonly sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    description: 'settings and 1-minute history',
    sql: `
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value_json TEXT NOT NULL,
        updated_ms INTEGER NOT NULL
      );
      CREATE TABLE history_1m (
        ts_ms INTEGER PRIMARY KEY,
        grid_w REAL, pv_w REAL, battery_w REAL, wallbox_w REAL, home_w REAL,
        battery_soc_pct REAL, car_soc_pct REAL,
        grid_import_wh REAL NOT NULL,
        grid_export_wh REAL NOT NULL,
        pv_wh REAL NOT NULL,
        battery_charge_wh REAL NOT NULL,
        battery_discharge_wh REAL NOT NULL,
        car_charge_wh REAL NOT NULL,
        car_discharge_wh REAL NOT NULL,
        home_wh REAL NOT NULL,
        grid_import_meter_wh REAL,
        grid_export_meter_wh REAL,
        samples INTEGER NOT NULL
      ) WITHOUT ROWID;
    `,
  },
];
