/**
 * What a feature module (optimiser, tariffs, signals, OCPP, installer...)
 * gets from the hub, and what it gives back. Modules are listed in
 * main/hub/modules.ts; the hub starts them after the devices and the control
 * loop and stops them first.
 */
import type { Clock } from '../common/clock.js';
import type { FlexRequest } from '../common/flex.js';
import type { Holder } from '../common/holder.js';
import type { Logger } from '../common/log.js';
import type { SiteSnapshot } from '../common/snapshot.js';
import type { TariffSchedule } from '../common/tariff.js';
import type { TariffInputs } from '../common/tariff-inputs.js';
import type { LimitsRegistry } from '../control/limits-registry.js';
import type { PlanHolder } from '../control/plan-holder.js';
import type { SiteDevices } from '../control/site-devices.js';
import type { ApiRoute } from '../api/route.js';
import type { ModbusPool } from '../../drivers/transports/modbus-types.js';
import type { Db } from '../store/database.js';
import type { HistoryStore } from '../store/history-store.js';
import type { SettingsStore } from '../store/settings-store.js';
import type { CarSettingsStore } from './car-settings-store.js';
import type { DeviceEntry, HubConfig } from './config.js';

export interface HubContext {
  readonly clock: Clock;
  readonly log: Logger;
  readonly config: HubConfig;
  readonly dataDir: string;
  readonly db: Db;
  readonly settings: SettingsStore;
  readonly history: HistoryStore;
  /** The control loop's snapshots. */
  readonly site: {
    latest(): SiteSnapshot | null;
    onSnapshot(listener: (s: SiteSnapshot) => void): () => void;
  };
  readonly devices: SiteDevices;
  readonly car: CarSettingsStore;
  /** Grid limits from every source; the controller enforces them. */
  readonly limits: LimitsRegistry;
  /** The optimiser's latest plan; the controller follows its current slot in smart mode. */
  readonly plan: PlanHolder;
  /** Prices and demand charges for the optimiser; null until a tariff is known. */
  readonly tariff: Holder<TariffSchedule | null>;
  /** Price curves and Tempo colours from utilities and meters; the tariff module folds them into `tariff`. */
  readonly tariffInputs: Holder<TariffInputs>;
  /** Accepted flexibility requests from aggregators, for the optimiser to plan (main/signals writes them). */
  readonly flex: Holder<readonly FlexRequest[]>;
  /** The config file the hub was started with; null for the built-in simulated home. */
  readonly configFile: string | null;
  /** The device entries the hub runs (the simulated home's included). */
  readonly deviceEntries: readonly DeviceEntry[];
  /** The shared Modbus connections: tools that read a running device (commissioning) queue on the same one. */
  readonly modbus: ModbusPool;
}

export interface HubModule {
  readonly name: string;
  readonly routes?: readonly ApiRoute[];
  start?(): Promise<void> | void;
  stop?(): Promise<void> | void;
}

export type HubModuleFactory = (ctx: HubContext) => HubModule | Promise<HubModule>;
