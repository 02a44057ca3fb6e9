/**
 * The API's routes. Kept apart from api.ts (which builds zod schemas at load)
 * so that the UI can import them without bundling zod.
 */
export const routes = {
  state: '/api/state',
  info: '/api/info',
  diagnostics: '/api/diagnostics',
  history: '/api/history',
  carMode: '/api/car/mode',
  carSettings: '/api/car/settings',
  ws: '/api/ws',
  /** Tariff preset, price schedule and this month's bill so far (main/tariffs). */
  tariff: '/api/tariff',
  /** Utility signals received and their state (main/signals). */
  signals: '/api/signals',
  /** OpenADR 3 webhook: the VTN's subscription notifications (main/signals). */
  openadrNotify: '/api/openadr/notify',
  /** Energy, cost and savings per local day/week/month/year (main/store statistics). */
  statistics: '/api/statistics',
  /** The same as CSV (main/store statistics). */
  statisticsCsv: '/api/statistics/csv',
  /** The optimiser's current plan: per 15-min slot prices, forecasts, powers, SoCs, cost, reason (main/optimiser). */
  plan: '/api/plan',
} as const;

/** LAN access, pairing and installer mode (main/api/auth, main/installer). */
export const authRoutes = {
  status: '/api/auth/status',
  pairingOffer: '/api/pairing/offer',
  pairingClaim: '/api/pairing/claim',
  pairingDevices: '/api/pairing/devices',
  pairingRevoke: '/api/pairing/revoke',
  installerPin: '/api/installer/pin',
  installerPinChange: '/api/installer/pin/change',
  installerLogin: '/api/installer/login',
  installerLogout: '/api/installer/logout',
} as const;

/** The commissioning wizard (main/installer). */
export const installerRoutes = {
  catalog: '/api/installer/catalog',
  flow: '/api/installer/flow',
  flowStart: '/api/installer/flow/start',
  scan: '/api/installer/scan',
  scanCancel: '/api/installer/scan/cancel',
  signCheck: '/api/installer/sign-check',
  save: '/api/installer/save',
  revisions: '/api/installer/revisions',
  report: '/api/installer/report',
} as const;
