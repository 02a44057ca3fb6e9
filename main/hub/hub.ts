/**
 * The composition root: config -> clock, (simulated home), devices, store,
 * control loop, feature modules, API. Everything is created here and torn
 * down in reverse.
 */
import { join } from 'node:path';
import { createDevice } from '../../drivers/registry.js';
import type { Device } from '../../drivers/api.js';
import { startSimHome } from '../../drivers/sim/home.js';
import type { SimHome } from '../../drivers/sim/home.js';
import { createModbusPool } from '../../drivers/transports/modbus-pool.js';
import { CsmsServer } from '../../drivers/ocpp/csms-server.js';
import { startApiServer } from '../api/api-server.js';
import { AccessControl } from '../api/auth/access-control.js';
import type { RunningApi } from '../api/api-server.js';
import type { ApiRoute } from '../api/route.js';
import type { HubInfo, LatencyFigures } from '../common/api.js';
import { ScaledClock } from '../common/clock.js';
import type { Clock } from '../common/clock.js';
import { describeError } from '../common/errors.js';
import type { FlexRequest } from '../common/flex.js';
import { Holder } from '../common/holder.js';
import type { Logger } from '../common/log.js';
import type { SiteSnapshot } from '../common/snapshot.js';
import type { TariffSchedule } from '../common/tariff.js';
import { noTariffInputs } from '../common/tariff-inputs.js';
import type { TariffInputs } from '../common/tariff-inputs.js';
import { ControlLoop } from '../control/control-loop.js';
import type { LatencyStats } from '../control/latency-stats.js';
import { LimitsRegistry } from '../control/limits-registry.js';
import { PlanHolder } from '../control/plan-holder.js';
import { assignRoles } from '../control/site-devices.js';
import type { SiteDevices } from '../control/site-devices.js';
import { openDatabase } from '../store/database.js';
import { HistoryStore } from '../store/history-store.js';
import { MinuteAggregator } from '../store/minute-aggregator.js';
import { SettingsStore } from '../store/settings-store.js';
import { CarSettingsStore } from './car-settings-store.js';
import type { HubConfig } from './config.js';
import type { HubContext } from './hub-context.js';
import { moduleFactories } from './modules.js';
import { simDeviceEntries } from './sim-devices.js';
import { hubVersion } from './version.js';

export interface HubOptions {
  readonly config: HubConfig;
  readonly dataDir: string;
  readonly uiRoot: string;
  readonly log: Logger;
  /** Site time runs this many times faster than real time (simulation only). */
  readonly speed?: number;
  /** Overrides config.api.port (0 = any free port). */
  readonly port?: number;
  /** The config file the hub was started with (the commissioning wizard saves there); none for the built-in simulated home. */
  readonly configFile?: string;
}

export interface Hub {
  readonly url: string;
  readonly clock: Clock;
  readonly control: ControlLoop;
  readonly devices: SiteDevices;
  /** Everything the feature modules see (limits, plan, tariff, car settings...). */
  readonly context: HubContext;
  /** The embedded simulated home, when the config enables it. */
  readonly sim: SimHome | null;
  latest(): SiteSnapshot | null;
  stop(): Promise<void>;
}

export async function startHub(options: HubOptions): Promise<Hub> {
  const { config, log } = options;
  const speed = options.speed ?? 1;
  if (speed !== 1 && !config.simulation.enabled) throw new Error('--speed only applies to the simulated home: real devices run in real time');
  const startMs = config.simulation.startIso !== undefined ? Date.parse(config.simulation.startIso) : Date.now();
  const clock = new ScaledClock({ startMs, speed });
  const cleanups: (() => Promise<void> | void)[] = [];
  const stopAll = async (): Promise<void> => {
    for (const c of cleanups.splice(0).reverse()) {
      try {
        await c();
      } catch (err) {
        log.warn('error while stopping', { error: describeError(err) });
      }
    }
  };

  try {
    let sim: SimHome | null = null;
    let entries = config.devices;
    // Before the simulated home: its OCPP charger (if any) connects to this server. It listens only once needed.
    const ocpp = new CsmsServer(config.ocpp, clock, log.child('ocpp'));
    cleanups.push(() => ocpp.close());
    if (config.simulation.enabled) {
      sim = await startSimHome({ clock, ...config.simulation, fuseA: config.site.fuseA, csmsUrl: () => ocpp.listen() });
      cleanups.push(() => sim?.close());
      entries = [...simDeviceEntries(sim), ...config.devices];
      log.info('simulated home running', { ports: sim.ports, speed });
    }

    const modbus = createModbusPool(log.child('modbus'));
    cleanups.push(() => modbus.close());
    const ctx = { clock, log: log.child('drivers'), modbus, ocpp };
    const devices: Device[] = entries.map((e, i) => createDevice(e, { ...ctx, log: ctx.log.child(e.id) }, `devices[${i}]`));
    const site = assignRoles(devices);

    const db = openDatabase(join(options.dataDir, 'hub.sqlite'));
    cleanups.push(() => {
      db.close();
    });
    const settings = new SettingsStore(db, log.child('settings'));
    const history = new HistoryStore(db);
    const aggregator = new MinuteAggregator();
    cleanups.push(() => history.write(aggregator.flush()));

    const { mode, minSocPct, targetSocPct, readyBy, v2h, v2g } = config.car;
    const car = new CarSettingsStore(settings, clock, log.child('car'), { mode, minSocPct, targetSocPct, readyBy, v2h, v2g });
    const limits = new LimitsRegistry();
    const plan = new PlanHolder();
    const tariff = new Holder<TariffSchedule | null>(null);
    const tariffInputs = new Holder<TariffInputs>(noTariffInputs);
    const flex = new Holder<readonly FlexRequest[]>([]);

    const control = new ControlLoop({
      clock,
      log: log.child('control'),
      devices: site,
      limits: { ...config.site, fuseMarginA: 1 },
      carSettings: () => car.get(),
      gridLimits: (nowMs) => limits.active(nowMs),
      planSlot: (nowMs) => plan.slotAt(nowMs),
      timeZone: config.site.timeZone,
      carCapacityWh: config.car.capacityWh,
      batteryReserveSocPct: config.battery.reserveSocPct,
      carMinChargeW: config.car.minChargeW,
      carMaxChargeW: config.car.maxChargeW,
      staleAfterMs: config.control.staleAfterMs,
    });
    const offHistory = control.onSnapshot((s) => {
      const rows = aggregator.add(s);
      if (rows.length > 0) {
        try {
          history.write(rows);
        } catch (err) {
          log.error('history write failed', { error: describeError(err) });
        }
      }
    });
    cleanups.push(offHistory);

    for (const d of devices) {
      await d.start();
      cleanups.push(() => d.stop());
    }
    control.start();
    // A new grid limit takes effect at once rather than at the next meter telegram.
    cleanups.push(limits.onChange(() => control.tick()));
    // Stopped before the devices: hands the battery and charger back while the connections still stand.
    cleanups.push(() => control.stop());

    const context: HubContext = {
      clock,
      log,
      config,
      dataDir: options.dataDir,
      db,
      settings,
      history,
      site: { latest: () => control.latest(), onSnapshot: (l) => control.onSnapshot(l) },
      devices: site,
      car,
      limits,
      plan,
      tariff,
      tariffInputs,
      flex,
      configFile: options.configFile ?? null,
      deviceEntries: entries,
      modbus,
    };
    const moduleRoutes: ApiRoute[] = [];
    for (const factory of moduleFactories) {
      const module = await factory(context);
      await module.start?.();
      cleanups.push(() => module.stop?.());
      moduleRoutes.push(...(module.routes ?? []));
      log.info(`module ${module.name} started`);
    }

    const info: HubInfo = { name: 'SCALE Hub', version: hubVersion, speed, simulated: sim !== null };
    const api: RunningApi = await startApiServer({
      host: config.api.host,
      port: options.port ?? config.api.port,
      uiRoot: options.uiRoot,
      log: log.child('api'),
      routes: moduleRoutes,
      // Device tokens, pairing and installer PIN; real time, never the simulated clock.
      access: new AccessControl({ db }),
      handlers: {
        latest: () => control.latest(),
        onSnapshot: (l) => control.onSnapshot(l),
        info: () => info,
        diagnostics: () => {
          const figures = (stats: LatencyStats): LatencyFigures => {
            const [p50, p99] = stats.percentiles([50, 99]);
            return { p50: p50 ?? null, p99: p99 ?? null, samples: stats.size() };
          };
          return {
            tickMs: figures(control.latency.tickMs),
            setpointMs: figures(control.latency.setpointMs),
            rssBytes: process.memoryUsage.rss(),
            uptimeS: Math.round(process.uptime()),
          };
        },
        history: (from, to) => history.read(from, to),
        setCarMode: (b) => car.update({ mode: b.mode }),
        setCarSettings: (b) => car.update(b),
      },
    });
    cleanups.push(() => api.close());

    return { url: api.url, clock, control, devices: site, context, sim, latest: () => control.latest(), stop: stopAll };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
