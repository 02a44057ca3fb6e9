import type { routes as contractRoutes } from '../../main/common/api.js';

/**
 * The contract's routes. main/common/api.ts also builds the zod request
 * schemas at load time, and importing it as a value would put zod (about a
 * third of the bundle) into the UI; the type-only import still makes tsc
 * reject any route that differs from the contract.
 */
export const routes: typeof contractRoutes = {
  state: '/api/state',
  info: '/api/info',
  diagnostics: '/api/diagnostics',
  history: '/api/history',
  carMode: '/api/car/mode',
  carSettings: '/api/car/settings',
  ws: '/api/ws',
};
