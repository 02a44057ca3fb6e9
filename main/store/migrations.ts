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
  {
    version: 2,
    description: 'statistics: price per minute, 15-minute aggregates kept forever',
    sql: `
      -- The tariff's price in force during each minute of history_1m (same key; no row: price unknown).
      CREATE TABLE price_1m (
        ts_ms INTEGER PRIMARY KEY,
        import_per_kwh REAL NOT NULL,
        export_per_kwh REAL NOT NULL,
        currency TEXT NOT NULL
      ) WITHOUT ROWID;
      -- Sums of the minutes of each 15-minute slot (UTC-aligned); energies and costs add up exactly.
      CREATE TABLE history_15m (
        ts_ms INTEGER PRIMARY KEY,
        minutes INTEGER NOT NULL,
        grid_import_wh REAL NOT NULL,
        grid_export_wh REAL NOT NULL,
        pv_wh REAL NOT NULL,
        battery_charge_wh REAL NOT NULL,
        battery_discharge_wh REAL NOT NULL,
        car_charge_wh REAL NOT NULL,
        car_discharge_wh REAL NOT NULL,
        home_wh REAL NOT NULL,
        priced_minutes INTEGER NOT NULL,
        import_cost REAL NOT NULL,
        export_revenue REAL NOT NULL,
        baseline_cost REAL NOT NULL,
        currency TEXT,
        battery_soc_pct REAL,
        car_soc_pct REAL,
        soc_ts_ms INTEGER NOT NULL
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 3,
    description: 'LAN device tokens, installer PIN and lockout, commissioning revisions',
    sql: `
      -- Paired LAN devices: only the SHA-256 of each token is kept.
      CREATE TABLE device_tokens (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        token_sha256 TEXT NOT NULL UNIQUE,
        created_ms INTEGER NOT NULL,
        last_used_ms INTEGER,
        revoked_ms INTEGER
      );
      -- One row: the installer PIN (scrypt, parameters inside) and the lockout state (real epoch ms).
      CREATE TABLE installer_auth (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        pin_hash TEXT,
        failures INTEGER NOT NULL,
        locked_until_ms INTEGER NOT NULL,
        updated_ms INTEGER NOT NULL
      );
      -- Every config saved by the commissioning wizard, with what its report shows.
      CREATE TABLE commissioning (
        revision INTEGER PRIMARY KEY,
        saved_ms INTEGER NOT NULL,
        config_file TEXT NOT NULL,
        config_json TEXT NOT NULL,
        report_json TEXT NOT NULL
      );
    `,
  },
];
