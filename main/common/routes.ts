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
} as const;
