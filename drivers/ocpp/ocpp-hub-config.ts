/**
 * The `ocpp` section of the hub config: the charging station manager's
 * server. Per-station settings (id, password, EVSE) are in each device entry
 * of type "ocpp", next to the charger they describe.
 */
import { z } from 'zod';

export const ocppHubConfigSchema = z
  .object({
    /** 0 = any free port (tests). Only opened when an OCPP charger is configured. */
    port: z.number().int().min(0).max(65535).default(9000),
    /** 127.0.0.1 by default like the API; set "0.0.0.0" so chargers on the LAN can connect. */
    host: z.string().min(1).default('127.0.0.1'),
    /** Stations connect to ws(s)://host:port<path>/<stationId>. */
    path: z
      .string()
      .regex(/^\/[A-Za-z0-9/_.-]*$/, 'expected a URL path such as "/ocpp"')
      .default('/ocpp'),
    /** Security profile 2: TLS with this certificate and key (PEM files); null = profile 1 (Basic auth over plain ws). */
    tls: z.object({ certFile: z.string().min(1), keyFile: z.string().min(1) }).strict().nullable().default(null),
    /** Heartbeat interval given to stations in the BootNotification response (s). */
    heartbeatIntervalS: z.number().int().min(10).max(86_400).default(300),
    /** How long to wait for a station's answer (real ms). */
    callTimeoutMs: z.number().int().min(500).max(120_000).default(10_000),
    /** Local authorisation list of id tokens (RFID tags, "Plug & Charge" ids); empty: every token is accepted (a private home charger). */
    authorizedIdTags: z.array(z.string().min(1).max(36)).default([]),
  })
  .strict();

export type OcppHubConfig = z.infer<typeof ocppHubConfigSchema>;
