/**
 * The groups of a TIC frame and their checksums (Enedis-NOI-CPT_02E for the
 * historique mode, Enedis-NOI-CPT_54E for the standard mode). Each group is
 * LF label SEP [horodate SEP] data SEP checksum CR. The checksum is
 * (S & 0x3F) + 0x20 where S is the sum of the bytes from the label up to the
 * data (historique: SP separators, the last one not summed) or up to and
 * including the last separator (standard: HT separators).
 *
 * One group with a bad checksum condemns the whole frame: its bytes are
 * damaged, and a frame is never half-used.
 */

export type TicMode = 'historique' | 'standard';

export interface TicGroup {
  readonly label: string;
  /** Standard mode only: SAAMMJJhhmmss, S = season (E summer, H winter; lower case when the clock is unsure). */
  readonly horodate: string | null;
  readonly data: string;
}

export type TicGroupsResult = { ok: true; mode: TicMode; groups: ReadonlyMap<string, TicGroup> } | { ok: false; kind: 'crc' | 'format'; error: string };

export function ticChecksum(text: string, from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += text.charCodeAt(i);
  return (sum & 0x3f) + 0x20;
}

export function readGroups(frame: string): TicGroupsResult {
  const groups = new Map<string, TicGroup>();
  let mode: TicMode | null = null;
  let pos = 0;
  while (pos < frame.length) {
    // Every group starts right where the last one ended: bytes outside groups mean damage (a lost LF would hide a group).
    const lf = pos;
    if (frame[lf] !== '\n') return { ok: false, kind: 'format', error: `expected a group (LF) at byte ${pos}, found ${JSON.stringify(frame[pos])}` };
    const cr = frame.indexOf('\r', lf + 1);
    if (cr === -1) return { ok: false, kind: 'format', error: 'group without CR' };
    const group = frame.slice(lf + 1, cr);
    pos = cr + 1;
    const groupMode: TicMode = group.includes('\t') ? 'standard' : 'historique';
    if (mode !== null && groupMode !== mode) return { ok: false, kind: 'format', error: 'historique and standard groups mixed in one frame' };
    mode = groupMode;
    const r = readGroup(group, groupMode);
    if (!r.ok) return r;
    if (!groups.has(r.group.label)) groups.set(r.group.label, r.group);
  }
  if (mode === null) return { ok: false, kind: 'format', error: 'empty frame' };
  // Every frame opens with the meter's address; one that does not was cut (a stray STX inside a frame starts a false one).
  const first = mode === 'standard' ? 'ADSC' : 'ADCO';
  if (!frame.startsWith(`\n${first}`)) return { ok: false, kind: 'format', error: `frame does not start with ${first}: cut or damaged` };
  return { ok: true, mode, groups };
}

function readGroup(g: string, mode: TicMode): { ok: true; group: TicGroup } | { ok: false; kind: 'crc' | 'format'; error: string } {
  const sep = mode === 'standard' ? '\t' : ' ';
  if (g.length < 4 || g[g.length - 2] !== sep) return { ok: false, kind: 'format', error: `malformed group ${JSON.stringify(g.slice(0, 30))}` };
  const sent = g.charCodeAt(g.length - 1);
  // Standard: the separator before the checksum is summed; historique: it is not.
  const computed = ticChecksum(g, 0, mode === 'standard' ? g.length - 1 : g.length - 2);
  const label = g.slice(0, g.indexOf(sep));
  if (sent !== computed) {
    return { ok: false, kind: 'crc', error: `checksum mismatch in group ${JSON.stringify(label)}: frame says ${JSON.stringify(String.fromCharCode(sent))}, computed ${JSON.stringify(String.fromCharCode(computed))}` };
  }
  const fields = g.slice(0, g.length - 2).split(sep);
  if (!/^[A-Z0-9+\-_]{1,16}$/i.test(label)) return { ok: false, kind: 'format', error: `bad label ${JSON.stringify(label)}` };
  if (fields.length === 2) return { ok: true, group: { label, horodate: null, data: fields[1] ?? '' } };
  // Standard groups with a horodate: label HT horodate HT data (the data may be empty: DATE).
  if (mode === 'standard' && fields.length === 3) return { ok: true, group: { label, horodate: fields[1] ?? '', data: fields[2] ?? '' } };
  // Historique data may contain spaces (PJOURF+1-like groups do not occur there); keep the rest joined.
  if (mode === 'historique') return { ok: true, group: { label, horodate: null, data: fields.slice(1).join(' ') } };
  return { ok: false, kind: 'format', error: `group ${label}: ${fields.length} fields` };
}
