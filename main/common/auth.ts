/**
 * LAN access, pairing and installer mode: the contract shared by the hub and
 * the UI. Zod-free (the UI bundles it); the hub validates bodies with the
 * schemas in main/api/auth/auth-schemas.ts.
 *
 * - The wall screen (a browser on the hub itself, over loopback) needs no token.
 * - A tablet on the LAN sends `Authorization: Bearer <device token>` on every
 *   call and the token as a WebSocket subprotocol (browsers cannot set headers
 *   on a WebSocket): `[wsProtocol, wsTokenProtocolPrefix + token]`.
 * - Installer routes also need `X-Installer-Session: <session>` from a PIN login.
 */

/** Header carrying the installer session. */
export const installerSessionHeader = 'x-installer-session';
/** Subprotocol the hub selects on /api/ws. */
export const wsProtocol = 'scale-hub';
/** A second offered subprotocol carries the device token (never echoed back). */
export const wsTokenProtocolPrefix = 'scale-hub.token.';

/** Installer PINs: digits only, this many. */
export const pinMinDigits = 6;
export const pinMaxDigits = 8;
/** Pairing short codes: digits, for the on-screen keypad. */
export const pairingCodeDigits = 8;

/** Who is asking, as the hub sees it. */
export type PrincipalKind = 'local' | 'device' | 'none';

export interface AuthStatus {
  /** local: the wall screen (loopback); device: a paired LAN device; none: not paired. */
  readonly principal: PrincipalKind;
  readonly device: { readonly id: string; readonly name: string } | null;
  /** Whether the hub listens on the LAN, and the addresses tablets can open. */
  readonly lan: { readonly enabled: boolean; readonly urls: readonly string[] };
  /** All zeros for an unpaired caller: it learns nothing about the PIN. */
  readonly installer: InstallerAuthStatus;
}

export interface InstallerAuthStatus {
  /** False until the first commissioning sets a PIN. */
  readonly pinSet: boolean;
  /** Wrong PINs since the last good one. */
  readonly failures: number;
  /** Remaining lockout (real ms), 0 when a PIN may be tried now. */
  readonly lockedForMs: number;
  /** Wrong PINs allowed before the next lockout starts. */
  readonly attemptsBeforeLockout: number;
  /** The caller's installer session, when its header carries a valid one. */
  readonly session: { readonly expiresInMs: number } | null;
}

export interface PinBody {
  readonly pin: string;
}

export interface ChangePinBody {
  readonly pin: string;
  readonly newPin: string;
}

export interface InstallerLogin {
  readonly session: string;
  /** The session ends after this much idle time (real ms)... */
  readonly idleTimeoutMs: number;
  /** ...and at the latest after this long. */
  readonly expiresInMs: number;
}

export interface PairingOffer {
  /** 8 digits to type on a tablet's keypad when the QR code cannot be scanned. */
  readonly code: string;
  /** What the QR code holds: the hub's LAN URL with the one-time secret in the fragment. */
  readonly url: string;
  /** Other addresses of the hub (several interfaces). */
  readonly urls: readonly string[];
  /** The QR code of `url`, as SVG markup made by the hub. */
  readonly qrSvg: string;
  readonly expiresInMs: number;
}

export interface PairingClaimBody {
  /** The secret from the QR code's URL, or... */
  readonly secret?: string;
  /** ...the short code typed on the keypad. */
  readonly code?: string;
  /** How the device calls itself ("Kitchen tablet"); the hub picks one from the browser otherwise. */
  readonly name?: string;
}

export interface PairingClaim {
  readonly token: string;
  readonly device: PairedDevice;
}

export interface PairedDevice {
  readonly id: string;
  readonly name: string;
  readonly createdMs: number;
  readonly lastUsedMs: number | null;
}

export interface RevokeBody {
  readonly id: string;
}

/** The URL fragment key of a pairing link: http://hub:8080/#pair=SECRET. */
export const pairFragmentKey = 'pair';
