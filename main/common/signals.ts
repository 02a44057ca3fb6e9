/**
 * What GET /api/signals answers: every utility signal the hub received
 * recently, whether it was accepted and what became of it, and the state of
 * each channel. Shared with the UI.
 */
export type SignalChannel = 'mqtt' | 'openadr' | 'dso-14a';

export type SignalKind = 'price-curve' | 'import-limit' | 'export-limit' | 'controllable-limit' | 'flex-request' | 'tempo-colour' | 'revoke' | 'heartbeat';

/**
 * accepted: valid and in force (or scheduled). rejected: not applied, see
 * reason. expired: was accepted, its window has passed. superseded: replaced
 * by a newer signal of the same issuer. revoked: withdrawn by its issuer.
 */
export type SignalState = 'accepted' | 'rejected' | 'expired' | 'superseded' | 'revoked';

/** Why a message was rejected; the reason text says more. */
export type RejectCode =
  | 'oversized'
  | 'malformed'
  | 'unauthorised'
  | 'bad-signature'
  | 'expired'
  | 'not-yet-valid'
  | 'duplicate'
  | 'out-of-order'
  | 'unsupported';

export interface SignalRecord {
  readonly channel: SignalChannel;
  /** Message or event id as sent, null when the message could not be parsed. */
  readonly id: string | null;
  readonly issuer: string | null;
  readonly kind: SignalKind | null;
  readonly receivedMs: number;
  readonly state: SignalState;
  readonly rejectCode: RejectCode | null;
  /** One line: why rejected, or what it does ("import limit 5.0 kW 18:00-19:00"). */
  readonly reason: string;
  readonly validFromMs: number | null;
  readonly validUntilMs: number | null;
}

export interface ChannelStatus {
  readonly channel: SignalChannel;
  readonly enabled: boolean;
  /** connected, polling, silent (no word from the source for too long), error... */
  readonly state: string;
  readonly detail: string | null;
  readonly lastMessageMs: number | null;
}

export interface SignalsView {
  readonly channels: readonly ChannelStatus[];
  /** Newest first. */
  readonly signals: readonly SignalRecord[];
  readonly counters: { readonly accepted: number; readonly rejected: number };
}
