/**
 * SML messages of a file (SML 1.04, section 7): each is a list of six
 * (transaction id, group, abort-on-error, body {tag, content}, crc, end of
 * message 0x00). Meters push OpenResponse, GetListResponse, CloseResponse;
 * the readings are in GetListResponse's value list: per entry the OBIS code,
 * status, time, unit, scaler and value.
 */
import { SmlError, SmlReader } from './sml-tlv.js';
import type { SmlValue } from './sml-tlv.js';

const GET_LIST_RESPONSE = 0x701;

export interface SmlEntry {
  readonly obis: Buffer;
  readonly unit: number | null;
  readonly scaler: number;
  readonly value: number | Buffer | boolean | null;
}

export interface SmlList {
  readonly serverId: Buffer | null;
  readonly entries: readonly SmlEntry[];
}

/** The GetListResponses of one file. Throws SmlError on malformed input. */
export function readLists(payload: Buffer): SmlList[] {
  const r = new SmlReader(payload);
  const lists: SmlList[] = [];
  while (r.left > 0) {
    // Padding before the end sequence has been removed; stray 0x00 between messages are tolerated.
    if (payload[r.pos] === 0x00) {
      r.pos++;
      continue;
    }
    const msg = r.value();
    if (msg.t !== 'list' || msg.v.length !== 6) throw new SmlError('SML message is not a list of 6');
    if (payload[r.pos - 1] !== 0x00) throw new SmlError('SML message without end mark');
    const body = msg.v[3];
    if (body?.t !== 'list' || body.v.length !== 2) throw new SmlError('SML message body is not {tag, content}');
    const tag = body.v[0];
    if (tag?.t !== 'uint') throw new SmlError('SML message tag is not a number');
    if (tag.v === GET_LIST_RESPONSE) lists.push(getList(body.v[1]));
  }
  return lists;
}

function getList(content: SmlValue | undefined): SmlList {
  if (content?.t !== 'list' || content.v.length < 5) throw new SmlError('GetListResponse is not a list of 7');
  const server = content.v[1];
  const valList = content.v[4];
  if (valList?.t !== 'list') throw new SmlError('GetListResponse without a value list');
  const entries = valList.v.map((e): SmlEntry => {
    if (e.t !== 'list' || e.v.length !== 7) throw new SmlError('list entry is not a list of 7');
    const [name, , , unit, scaler, value] = e.v;
    if (name?.t !== 'octets') throw new SmlError('list entry without OBIS code');
    return {
      obis: name.v,
      unit: unit?.t === 'uint' ? unit.v : null,
      scaler: scaler?.t === 'int' || scaler?.t === 'uint' ? scaler.v : 0,
      value: value === undefined || value.t === 'none' || value.t === 'list' ? null : value.v,
    };
  });
  return { serverId: server?.t === 'octets' ? server.v : null, entries };
}
