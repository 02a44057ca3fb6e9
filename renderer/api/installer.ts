/** The commissioning wizard's calls (contract: main/common/installer.ts); all need installer mode. */
import type { FlowView, InstallerCatalog, ReportFormat, ReportLanguage, RevisionInfo, ScanBody, ScanView, SignCheckView, StepSubmission } from '../../main/common/installer.js';
import { installerRoutes } from '../../main/common/routes.js';
import { authHeaders } from './auth-store.js';
import { HubRequestError, isApiErrorBody } from './errors.js';
import { request } from './http.js';

function post(path: string, body: unknown): Promise<unknown> {
  return request(path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
}

export async function fetchCatalog(): Promise<InstallerCatalog> {
  return (await request(installerRoutes.catalog)) as InstallerCatalog;
}

export async function startFlow(reconfigure: boolean): Promise<FlowView> {
  return (await post(installerRoutes.flowStart, { reconfigure })) as FlowView;
}

/** The open flow, or null when there is none. */
export async function fetchFlow(): Promise<FlowView | null> {
  try {
    return (await request(installerRoutes.flow)) as FlowView;
  } catch (err) {
    if (err instanceof HubRequestError && err.status === 404) return null;
    throw err;
  }
}

export async function submitStep(flowId: string, submission: StepSubmission): Promise<FlowView> {
  return (await post(installerRoutes.flow, { flowId, ...submission })) as FlowView;
}

export async function startScan(body: ScanBody): Promise<ScanView> {
  return (await post(installerRoutes.scan, body)) as ScanView;
}

export async function fetchScan(): Promise<ScanView> {
  return (await request(installerRoutes.scan)) as ScanView;
}

export async function cancelScan(): Promise<ScanView> {
  return (await post(installerRoutes.scanCancel, {})) as ScanView;
}

export async function signCheck(action: 'start' | 'cancel'): Promise<SignCheckView> {
  return (await post(installerRoutes.signCheck, { action })) as SignCheckView;
}

export async function fetchRevisions(): Promise<readonly RevisionInfo[]> {
  return (await request(installerRoutes.revisions)) as RevisionInfo[];
}

/**
 * The commissioning report as a file. Fetched with the credentials (a plain
 * link could not carry a tablet's token) and handed over as a Blob.
 */
export async function fetchReport(revision: number, format: ReportFormat, lang: ReportLanguage): Promise<Blob> {
  const query = new URLSearchParams({ revision: String(revision), format, lang });
  let response: Response;
  try {
    response = await fetch(`${installerRoutes.report}?${query.toString()}`, { headers: authHeaders(), signal: AbortSignal.timeout(20_000) });
  } catch (err) {
    throw new HubRequestError('network', 'The hub cannot be reached.', 0, { cause: err });
  }
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => null);
    if (isApiErrorBody(body)) throw new HubRequestError(body.error.code, body.error.message, response.status);
    throw new HubRequestError('http_error', `The hub answered ${response.status}.`, response.status);
  }
  return response.blob();
}
