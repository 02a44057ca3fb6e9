/**
 * renderer/api: the only module of the UI that talks to the hub (HTTP calls
 * and the live WebSocket stream), typed by main/common/api.ts.
 */
export { HubRequestError } from './errors.js';
export { fetchHistory, fetchInfo, fetchState, setCarMode, setCarSettings } from './http.js';
export { LiveConnection, parseServerMessage, streamUrl } from './live.js';
export type { LinkStatus, LiveOptions, LiveState, SocketLike } from './live.js';
export { hubConnection, useHubInfo, useLinkStatus, useLive, useResource, useSnapshot } from './hooks.js';
export { downloadStatisticsCsv, PolledResource, planResource, signalsResource, statisticsCsvUrl, statisticsResource, tariffResource } from './resources.js';
export type { ResourceState, ResourceStatus } from './resources.js';
export { backoffDelayMs } from './backoff.js';
