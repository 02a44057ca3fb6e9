/**
 * The commissioning wizard's hub module: catalog, flow, scan, probe, sign
 * check, save and report routes. Every route but the report needs an
 * installer session (access 'installer', enforced by main/api).
 */
import { join } from 'node:path';
import { networkInterfaces } from 'node:os';
import { HubError, describeError } from '../common/errors.js';
import { installerRoutes } from '../common/routes.js';
import type { FlowView, InstallerCatalog, RevisionInfo, ScanView, SignCheckView } from '../common/installer.js';
import { RawBody } from '../api/route.js';
import type { ApiRoute } from '../api/route.js';
import { parseConfig } from '../hub/config.js';
import type { HubConfig } from '../hub/config.js';
import type { HubContext, HubModule, HubModuleFactory } from '../hub/hub-context.js';
import { hubVersion } from '../hub/version.js';
import { buildCatalog, tariffPresets } from './catalog.js';
import { CommissioningStore } from './commissioning-store.js';
import { readRawConfig } from './config-file.js';
import { InstallerFlow } from './flow.js';
import { flowStartBody, flowSubmitBody, reportQuery, scanBody, signCheckBody } from './flow-schemas.js';
import { ProbeSession } from './probe.js';
import { buildReport } from './report/report-model.js';
import { renderHtml } from './report/report-html.js';
import { renderPdf } from './pdf/report-pdf.js';
import { Scanner } from './scan.js';
import { SignCheck } from './sign-check.js';

/** A flow nobody looked at for this long lets go of its device connections (real ms). */
const idleCloseMs = 10 * 60_000;

/** The hub's own /24 networks, and loopback when it runs the simulated home. */
function suggestedTargets(simulated: boolean): string[] {
  const out: string[] = [];
  if (simulated) out.push('127.0.0.1');
  for (const list of Object.values(networkInterfaces())) {
    for (const i of list ?? []) {
      if (i.family === 'IPv4' && !i.internal) out.push(`${i.address.split('.').slice(0, 3).join('.')}.0/24`);
    }
  }
  return [...new Set(out)];
}

export const installerModule: HubModuleFactory = (ctx: HubContext): HubModule => {
  const log = ctx.log.child('installer');
  const simulated = ctx.config.simulation.enabled;
  const configFile = ctx.configFile ?? join(ctx.dataDir, 'hub.json');
  const store = new CommissioningStore(ctx.db);
  const presets = tariffPresets(ctx.config.site.timeZone);
  const configIds = new Set(ctx.config.devices.map((d) => d.id));
  const simulatedEntries = simulated ? ctx.deviceEntries.filter((e) => !configIds.has(e.id)) : [];
  const scanner = new Scanner({ log: log.child('scan'), hubModbus: ctx.modbus, running: ctx.deviceEntries });
  const probe = new ProbeSession({ clock: ctx.clock, log: log.child('probe'), hubModbus: ctx.modbus, runningDevices: ctx.devices.all, runningEntries: ctx.deviceEntries });
  const signCheck = new SignCheck({ sample: () => ({ gridW: probe.powerW('grid'), pvW: probe.powerW('pv'), batteryW: probe.powerW('battery') }) });
  let catalog: InstallerCatalog | null = null;
  let flow: InstallerFlow | null = null;
  let lastUsedMs = Date.now();

  const baseRaw = async (): Promise<Record<string, unknown>> => {
    const file = await readRawConfig(configFile);
    if (file !== null) return file;
    // No file yet: keep what the hub runs with that the wizard does not ask (LAN binding, the simulation).
    return { version: ctx.config.version, api: ctx.config.api, ...(simulated ? { simulation: { ...ctx.config.simulation, startIso: undefined } } : {}) };
  };

  /** The config file as it is now, when it is valid (else reconfiguring starts from what runs). */
  const savedConfig = async (): Promise<HubConfig | null> => {
    try {
      const raw = await readRawConfig(configFile);
      return raw === null ? null : parseConfig(raw, configFile);
    } catch (err) {
      log.warn('the config file is not valid; reconfiguring from the running config', { error: describeError(err) });
      return null;
    }
  };

  const current = (): InstallerFlow => {
    lastUsedMs = Date.now();
    if (flow === null) throw new HubError('not_found', 'no commissioning flow is open: start one');
    return flow;
  };

  const idleTimer = setInterval(() => {
    if (Date.now() - lastUsedMs > idleCloseMs) {
      signCheck.stop();
      scanner.cancel();
      void probe.close();
    }
  }, 60_000);
  idleTimer.unref();

  const routes: ApiRoute[] = [
    {
      method: 'GET',
      path: installerRoutes.catalog,
      access: 'installer',
      handle: (): InstallerCatalog => (catalog ??= buildCatalog(ctx.config.site.timeZone, suggestedTargets(simulated))),
    },
    {
      method: 'POST',
      path: installerRoutes.flowStart,
      access: 'installer',
      handle: async (rc): Promise<FlowView> => {
        const body = await rc.body(flowStartBody);
        await probe.close();
        signCheck.reset();
        lastUsedMs = Date.now();
        flow = new InstallerFlow(
          { config: ctx.config, configFile, baseRaw, running: ctx.deviceEntries, simulated: simulatedEntries, probe, signCheck, presets, store, hubVersion, now: Date.now },
          body.reconfigure,
          body.reconfigure ? await savedConfig() : null,
        );
        log.info('commissioning flow started', { reconfigure: body.reconfigure });
        return flow.view();
      },
    },
    { method: 'GET', path: installerRoutes.flow, access: 'installer', handle: (): FlowView => current().view() },
    {
      method: 'POST',
      path: installerRoutes.flow,
      access: 'installer',
      handle: async (rc): Promise<FlowView> => {
        const body = await rc.body(flowSubmitBody);
        const f = current();
        if (body.flowId !== f.flowId) throw new HubError('bad_request', 'body.flowId: this flow was replaced by a newer one; reload the wizard');
        const view = await f.submit(body);
        if (view.saved !== null && view.step === 'done') log.info('config saved by the commissioning wizard', { revision: view.saved.revision, file: view.saved.configFile });
        return view;
      },
    },
    {
      method: 'POST',
      path: installerRoutes.scan,
      access: 'installer',
      handle: async (rc): Promise<ScanView> => {
        lastUsedMs = Date.now();
        return scanner.start(await rc.body(scanBody));
      },
    },
    { method: 'GET', path: installerRoutes.scan, access: 'installer', handle: (): ScanView => scanner.view() },
    {
      method: 'POST',
      path: installerRoutes.scanCancel,
      access: 'installer',
      handle: (): ScanView => {
        scanner.cancel();
        return scanner.view();
      },
    },
    {
      method: 'POST',
      path: installerRoutes.signCheck,
      access: 'installer',
      handle: async (rc): Promise<SignCheckView> => {
        const { action } = await rc.body(signCheckBody);
        const f = current();
        if (action === 'cancel') signCheck.reset();
        else {
          if (f.view().step !== 'sign_check') throw new HubError('bad_request', 'the sign check runs on the sign check step, after the probe');
          if (!probe.has('grid')) throw new HubError('bad_request', 'no grid meter was probed');
          signCheck.start();
        }
        return signCheck.view();
      },
    },
    { method: 'GET', path: installerRoutes.revisions, access: 'user', handle: (): RevisionInfo[] => store.list() },
    {
      // The homeowner may read the report too; it holds no secrets (no keys or passwords, only addresses).
      method: 'GET',
      path: installerRoutes.report,
      access: 'user',
      handle: (rc) => {
        const q = rc.query(reportQuery);
        const data = store.report(q.revision ?? null);
        if (data === null) throw new HubError('not_found', q.revision === undefined ? 'no commissioning report yet: save a config with the wizard first' : `no commissioning revision ${q.revision}`);
        const doc = buildReport(data, q.lang);
        if (q.format === 'html') return new RawBody('text/html; charset=utf-8', renderHtml(doc));
        return new RawBody('application/pdf', renderPdf(doc, data.savedMs), `scale-hub-commissioning-${data.revision}.pdf`);
      },
    },
  ];

  return {
    name: 'installer',
    routes,
    async stop() {
      clearInterval(idleTimer);
      signCheck.stop();
      scanner.cancel();
      await probe.close();
    },
  };
};
