// The contract's routes, from the zod-free part of main/common.
export { routes } from '../../main/common/routes.js';
