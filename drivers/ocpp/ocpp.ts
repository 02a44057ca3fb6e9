/**
 * OCPP chargers (1.6J, 2.0.1, 2.1 with V2X) through the hub's own charging
 * station manager. Registered as type 'ocpp'; the design note is README.md.
 */
import { HubError } from '../../main/common/errors.js';
import type { DriverDefinition } from '../driver.js';
import { OcppCharger } from './ocpp-charger.js';
import { ocppChargerConfigSchema, ocppChargerSettings, type OcppChargerConfig } from './ocpp-config.js';

export type { OcppChargerConfig };

export const ocppDriver: DriverDefinition<OcppChargerConfig> = {
  type: 'ocpp',
  description: 'OCPP 1.6J / 2.0.1 / 2.1 charging station (bidirectional with OCPP 2.1 and an ISO 15118-20 car)',
  roles: ['charger'],
  configSchema: ocppChargerConfigSchema,
  create(config, ctx) {
    if (ctx.ocpp === undefined) throw new HubError('config_invalid', `devices: "${config.id}" is an OCPP charger, but this hub runs no OCPP server`);
    return new OcppCharger({ id: config.id, role: config.role, settings: ocppChargerSettings(config), pool: ctx.ocpp, clock: ctx.clock, log: ctx.log.child(config.id) });
  },
};
