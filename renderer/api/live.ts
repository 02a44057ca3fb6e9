/**
 * The live snapshot stream: one WebSocket to /api/ws, reopened with back-off
 * whenever it closes or goes silent. It keeps the last snapshot across a
 * disconnect so the screen can show it greyed out instead of going blank.
 *
 * The state is an immutable object replaced on every change, which is what
 * React's useSyncExternalStore expects.
 */
import type { ServerMessage } from '../../main/common/api.js';
import type { SiteSnapshot } from '../../main/common/snapshot.js';
import { backoffDelayMs } from './backoff.js';
import { openHubSocket } from './auth-store.js';

/** connecting: never had data yet. live: data is flowing. reconnecting: lost the hub, showing old data. */
export type LinkStatus = 'connecting' | 'live' | 'reconnecting';

export interface LiveState {
  readonly snapshot: SiteSnapshot | null;
  readonly status: LinkStatus;
  /** Real time (Date.now()) when the last snapshot arrived. */
  readonly receivedAtMs: number | null;
}

/** The part of the browser WebSocket this module uses, so tests can pass a fake. */
export interface SocketLike {
  onopen: ((ev: Event) => unknown) | null;
  onmessage: ((ev: MessageEvent) => unknown) | null;
  onclose: ((ev: CloseEvent) => unknown) | null;
  onerror: ((ev: Event) => unknown) | null;
  close(): void;
}

export interface LiveOptions {
  readonly url: string;
  readonly createSocket?: (url: string) => SocketLike;
  /** Treat the link as dead when no message came for this long (real ms). */
  readonly silenceMs?: number;
  readonly random?: () => number;
  readonly now?: () => number;
}

/** The hub pushes every tick (about 1 s real time at speed 1), so 6 s of silence means trouble. */
const defaultSilenceMs = 6_000;

export function parseServerMessage(data: unknown): ServerMessage | null {
  if (typeof data !== 'string') return null;
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || !('type' in value) || value.type !== 'snapshot' || !('snapshot' in value)) return null;
  const snapshot: unknown = value.snapshot;
  if (typeof snapshot !== 'object' || snapshot === null || !('ts' in snapshot) || typeof snapshot.ts !== 'number') return null;
  return value as ServerMessage;
}

export class LiveConnection {
  private state: LiveState = { snapshot: null, status: 'connecting', receivedAtMs: null };
  private readonly listeners = new Set<() => void>();
  private readonly options: Required<LiveOptions>;
  private socket: SocketLike | null = null;
  private attempt = 0;
  private running = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private silenceTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: LiveOptions) {
    this.options = {
      // A paired LAN tablet offers its token as a subprotocol (auth-store.ts).
      createSocket: (url) => openHubSocket(url),
      silenceMs: defaultSilenceMs,
      random: Math.random,
      now: Date.now,
      ...options,
    };
  }

  readonly getState = (): LiveState => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  start(): void {
    if (this.running) return;
    this.running = true;
    this.open();
  }

  stop(): void {
    this.running = false;
    clearTimeout(this.retryTimer);
    clearTimeout(this.silenceTimer);
    this.drop();
  }

  /** Shows a snapshot fetched over HTTP until the stream delivers one. */
  seed(snapshot: SiteSnapshot): void {
    if (this.state.snapshot !== null) return;
    this.set({ ...this.state, snapshot, receivedAtMs: this.options.now() });
  }

  private open(): void {
    if (!this.running) return;
    let socket: SocketLike;
    try {
      socket = this.options.createSocket(this.options.url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onopen = () => this.armSilenceTimer();
    socket.onmessage = (ev) => {
      const message = parseServerMessage(ev.data);
      if (message === null) return;
      this.attempt = 0;
      this.armSilenceTimer();
      this.set({ snapshot: message.snapshot, status: 'live', receivedAtMs: this.options.now() });
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.scheduleReconnect();
    };
    // A failed socket also fires close, which does the work.
    socket.onerror = () => undefined;
  }

  /** Detaches and closes the current socket without waiting for its close event. */
  private drop(): void {
    const socket = this.socket;
    this.socket = null;
    if (socket === null) return;
    socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
    try {
      socket.close();
    } catch {
      // Already closed.
    }
  }

  private scheduleReconnect(): void {
    clearTimeout(this.silenceTimer);
    clearTimeout(this.retryTimer);
    if (!this.running) return;
    if (this.state.status === 'live') this.set({ ...this.state, status: 'reconnecting' });
    const delay = backoffDelayMs(this.attempt, this.options.random());
    this.attempt += 1;
    this.retryTimer = setTimeout(() => this.open(), delay);
  }

  private armSilenceTimer(): void {
    clearTimeout(this.silenceTimer);
    this.silenceTimer = setTimeout(() => {
      // A half-open TCP connection can take minutes to report close: give up on it now.
      this.drop();
      this.scheduleReconnect();
    }, this.options.silenceMs);
  }

  private set(state: LiveState): void {
    this.state = state;
    for (const listener of this.listeners) listener();
  }
}

/** ws:// or wss:// URL of the stream, relative to the page's origin. */
export function streamUrl(location: { readonly protocol: string; readonly host: string }, path: string): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}${path}`;
}
