/** Shape of the per-version schema tables (schemas-v16.ts, schemas-v201.ts, schemas-v21.ts). */

/** Who sends the request: the charging station or the CSMS (the hub). */
export type Sender = 'station' | 'csms';

export interface SchemaEntry {
  readonly from: Sender;
  readonly request: object;
  readonly response: object;
  /**
   * 'official': the version's own OCA schema. 'fallback-2.0.1': the OCPP 2.1
   * schema of this action is not in the project (see schemas/README.md), so
   * the 2.0.1 one is used; it rejects fields that 2.1 added to the message.
   */
  readonly source: 'official' | 'fallback-2.0.1';
}

export type SchemaTable = Readonly<Record<string, SchemaEntry>>;
