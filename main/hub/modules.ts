/**
 * The hub's feature modules, in start order. Adding a feature is one module
 * factory in its own folder and one line here.
 */
import type { HubModuleFactory } from './hub-context.js';

export const moduleFactories: readonly HubModuleFactory[] = [];
