/**
 * The hub's feature modules, in start order. Adding a feature is one module
 * factory in its own folder and one line here.
 */
import { signalsModule } from '../signals/signals-module.js';
import { tariffModule } from '../tariffs/tariff-module.js';
import { statisticsModule } from '../store/statistics-module.js';
import { installerModule } from '../installer/installer-module.js';
import { optimiserModule } from '../optimiser/optimiser-module.js';
import type { HubModuleFactory } from './hub-context.js';

export const moduleFactories: readonly HubModuleFactory[] = [
  tariffModule,
  signalsModule,
  statisticsModule,
  installerModule,
  optimiserModule,
];
