/**
 * Serial line settings of a meter port, validated like every config key.
 * Defaults belong to the protocol (DSMR 5: 115200 8N1; TIC historique: 1200
 * 7E1; HAN M-Bus: 2400 8E1), so each driver passes its own.
 */
import { z } from 'zod';

export const parities = ['none', 'even', 'odd'] as const;
export type Parity = (typeof parities)[number];

export interface SerialLineSettings {
  readonly baudRate: number;
  readonly dataBits: 7 | 8;
  readonly parity: Parity;
  readonly stopBits: 1 | 2;
}

export interface SerialPortConfig extends SerialLineSettings {
  /** Device path, e.g. /dev/ttyUSB0 or /dev/serial/by-id/usb-FTDI_... (stable across reboots). */
  readonly path: string;
}

/** Config keys of a serial meter, with the protocol's line settings as defaults. */
export function serialShape(defaults: SerialLineSettings) {
  return {
    path: z.string().min(1, 'expected a serial device path such as /dev/ttyUSB0'),
    baudRate: z.number().int().min(300).max(921_600).default(defaults.baudRate),
    dataBits: z.union([z.literal(7), z.literal(8)]).default(defaults.dataBits),
    parity: z.enum(parities).default(defaults.parity),
    stopBits: z.union([z.literal(1), z.literal(2)]).default(defaults.stopBits),
  };
}

/** "115200 8N1", as installers write it. */
export function describeLine(s: SerialLineSettings): string {
  return `${s.baudRate} ${s.dataBits}${s.parity[0]?.toUpperCase() ?? 'N'}${s.stopBits}`;
}
