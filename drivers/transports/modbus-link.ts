/**
 * What a shared Modbus connection runs over: a TCP socket (modbus-link-tcp.ts)
 * or an RS-485 serial line speaking RTU (modbus-link-rtu.ts). Queueing,
 * timeouts and back-off are the same for both (modbus-connection.ts); only
 * opening the link and what a timeout means differ.
 */
import ModbusRTUModule from 'modbus-serial';

// modbus-serial is CommonJS with `module.exports.default = module.exports`; under NodeNext the class is `.default`.
export const ModbusRTU = ModbusRTUModule.default;
export type ModbusClient = InstanceType<typeof ModbusRTU>;

export interface OpenLink {
  readonly client: ModbusClient;
  /** Closes the link; the link's onClosed callback is not called for this. */
  close(): void;
}

export interface ModbusLink {
  readonly kind: 'tcp' | 'rtu';
  /** "192.168.1.30:502" or "/dev/ttyUSB0 9600 8N1", for messages. */
  readonly endpoint: string;
  /** Host name (TCP) or device path (RTU). */
  readonly host: string;
  /** TCP port; 0 on a serial line. */
  readonly port: number;
  /**
   * Whether repeated timeouts mean the link itself is dead. True for TCP (a
   * half-open socket answers nothing); false for a serial bus, where a
   * timeout only says that one unit id is silent (missing, wrong id) while
   * the others on the same wires still answer.
   */
  readonly timeoutsMeanDeadLink: boolean;
  /** Opens the link within timeoutMs; `onClosed` fires once if it dies later (peer closed, adapter unplugged). */
  open(timeoutMs: number, onClosed: () => void): Promise<OpenLink>;
}
