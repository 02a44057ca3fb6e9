/**
 * The OCPP versions the hub speaks and their WebSocket subprotocol names
 * (OCPP-J: the version is negotiated in the Sec-WebSocket-Protocol header).
 */
export const ocppVersions = ['1.6', '2.0.1', '2.1'] as const;
export type OcppVersion = (typeof ocppVersions)[number];

export const subprotocolOf: Readonly<Record<OcppVersion, string>> = {
  '1.6': 'ocpp1.6',
  '2.0.1': 'ocpp2.0.1',
  '2.1': 'ocpp2.1',
};

/** Newest first: when a station offers several, the CSMS picks the newest it also speaks (2.1 is the only one with V2X). */
export const preferredVersions: readonly OcppVersion[] = ['2.1', '2.0.1', '1.6'];

export function versionOfSubprotocol(protocol: string): OcppVersion | null {
  return preferredVersions.find((v) => subprotocolOf[v] === protocol) ?? null;
}

/** 2.0.1 and 2.1 share their message model (TransactionEvent, EVSE ids, IdToken objects); 1.6 is different. */
export function isV2(version: OcppVersion): boolean {
  return version !== '1.6';
}
