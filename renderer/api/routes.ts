// The contract's routes, from the zod-free part of main/common (GET /api/plan included).
import { routes as contract } from '../../main/common/routes.js';

export const routes = contract;
