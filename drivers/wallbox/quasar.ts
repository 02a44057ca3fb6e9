/**
 * Wallbox Quasar: bidirectional DC home charger (V2H/V2G) over Modbus TCP.
 * Registered as type 'quasar'; the register map is in quasar-registers.ts,
 * the state codes in quasar-states.ts, the device logic in quasar-charger.ts.
 */
import type { DriverDefinition } from '../driver.js';
import { QuasarCharger } from './quasar-charger.js';
import { quasarConfigSchema, quasarSettings, type QuasarConfig } from './quasar-config.js';

export type { QuasarConfig };

export const quasarDriver: DriverDefinition<QuasarConfig> = {
  type: 'quasar',
  description: 'Wallbox Quasar bidirectional DC charger (V2H/V2G), Modbus TCP',
  roles: ['charger'],
  configSchema: quasarConfigSchema,
  create(config, ctx) {
    const settings = quasarSettings(config);
    return new QuasarCharger({
      id: config.id,
      role: config.role,
      settings,
      // Real-time request timeout: the network does not speed up with the site clock.
      unit: ctx.modbus.unit(settings.host, settings.port, settings.unitId, { timeoutMs: 1000 }),
      clock: ctx.clock,
      log: ctx.log.child(config.id),
    });
  },
};
