/**
 * The installers' decode tool on every real capture in test/fixtures (values
 * from the fixture READMEs), on an encrypted HAN frame, and once end to end
 * through `npm run decode` for its output format and exit codes.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { encipherGlo } from '../../drivers/han/glo-ciphering.js';
import { aidonItem, dataNotification, hdlcFrames, llc } from '../../drivers/sim/han-frames.js';
import { decodeCapture } from '../../scripts/decode-capture.js';
import { runDecode } from '../../scripts/decode-cli.js';

const fixture = (path: string): Buffer => readFileSync(new URL(`../fixtures/${path}`, import.meta.url));
const root = fileURLToPath(new URL('../..', import.meta.url));

describe('decodeCapture on the real captures', () => {
  it('P1: all four telegrams, capability names and tariff data', () => {
    const all = ['nl-iskra-v3', 'nl-iskra-v5', 'be-fluvius-v171', 'se-landisgyr-e360'].map((n) => decodeCapture('p1', fixture(`p1/${n}.txt`)));
    expect(all.map((r) => r.length)).toEqual([1, 1, 1, 1]);
    const [v3, v5, be, se] = all.map((r) => r[0]);
    expect(v3).toMatchObject({ valid: true, readings: { powerImportW: 1190, meterId: 'K8EG004046395507', tariff: '2' } });
    expect(v5).toMatchObject({ valid: true, readings: { powerImportW: 244, energyImportWh: 6825, energyExportWh: 2444, 'l1.currentA': 0.48, 'l3.voltageV': 229, 'l3.powerImportW': 142 } });
    expect(be).toMatchObject({ valid: true, readings: { tariff: '1', capacity15MinAverageW: 2351, monthPeakW: 2589, meterId: '1SAG3101021605' } });
    expect(se).toMatchObject({ valid: true, readings: { powerImportW: 2301, 'l3.powerImportW': 1011, energyImportWh: 10_501_076, 'l2.currentA': 2.9 } });
  });

  it('HAN: complete frames and bare information fields, as hex text', () => {
    const one = (name: string): unknown => decodeCapture('han', fixture(`han/${name}`))[0];
    expect(one('aidon-no-list1.hdlc.hex')).toEqual({ valid: true, readings: { powerImportW: 1661 } });
    expect(one('kaifa-no-list1.hdlc.hex')).toEqual({ valid: true, readings: { powerImportW: 5502 } });
    expect(one('kamstrup-3p-list1.hdlc.hex')).toMatchObject({ valid: true, readings: { powerImportW: 826, 'l1.currentA': 2.37, 'l3.voltageV': 236, meterId: '5706567326590407' } });
    expect(one('aidon-no-list3.llc.hex')).toMatchObject({ valid: true, readings: { powerImportW: 280, energyImportWh: 22_721_380, meterId: '7359992892587665' } });
    expect(one('kaifa-no-list3.llc.hex')).toMatchObject({ valid: true, readings: { powerImportW: 4904, energyImportWh: 79_591_144, 'l2.voltageV': 0 } });
    expect(one('aidon-se-list.llc.hex')).toMatchObject({ valid: true, readings: { powerImportW: 1122, 'l2.currentA': 7.5, energyExportWh: 8 } });
  });

  it('HAN: the same frame as raw bytes', () => {
    const raw = Buffer.from(fixture('han/kaifa-no-list1.hdlc.hex').toString('latin1').trim(), 'hex');
    expect(decodeCapture('han', raw)).toEqual([{ valid: true, readings: { powerImportW: 5502 } }]);
  });

  it('TIC: both modes', () => {
    expect(decodeCapture('tic', fixture('tic/linky-historique-base-mono.bin'))).toEqual([
      { valid: true, readings: { powerImportW: 2390, powerExportW: 0, energyImportWh: 123_456_789, 'l1.currentA': 11, meterId: '012345678910' } },
    ]);
    expect(decodeCapture('tic', fixture('tic/linky-standard-base-mono.bin'))[0]).toMatchObject({ valid: true, readings: { powerImportW: 263, tariff: 'BASE', 'l1.voltageV': 242 } });
  });

  it('HAN encrypted: decoded with the right key, refused with a wrong one or none', () => {
    const key = '00112233445566778899AABBCCDDEEFF';
    const authKey = 'FFEEDDCCBBAA99887766554433221100';
    const apdu = dataNotification({ t: 'array', items: [aidonItem('1.0.1.7.0.255', { t: 'u32', v: 4321 }, 0, 'W')] });
    const frame = hdlcFrames(llc(encipherGlo(apdu, { encryptionKey: Buffer.from(key, 'hex'), authenticationKey: Buffer.from(authKey, 'hex') }, Buffer.from('KFM12345', 'latin1'), 7)))[0] ?? Buffer.alloc(0);
    const hex = Buffer.from(frame.toString('hex'));
    expect(decodeCapture('han', hex, { key, authKey })).toEqual([{ valid: true, readings: { powerImportW: 4321 } }]);
    expect(decodeCapture('han', hex, { key: key.replace('00', '01'), authKey })).toEqual([{ valid: false, error: 'decrypt: authentication tag mismatch: wrong key or damaged frame' }]);
    expect(decodeCapture('han', hex)).toEqual([{ valid: false, error: 'decrypt: encrypted frame (general-glo-ciphering) but no key configured' }]);
    // Without the authentication key the frame still decrypts (GCM's counter mode); the FCS vouches for the bytes.
    expect(decodeCapture('han', hex, { key })).toEqual([{ valid: true, readings: { powerImportW: 4321 } }]);
  });

  it('reports damaged frames as invalid', () => {
    const damaged = Buffer.from(fixture('p1/nl-iskra-v5.txt').toString('latin1').replace('230.0', '231.0'), 'latin1');
    expect(decodeCapture('p1', damaged)).toEqual([{ valid: false, error: expect.stringMatching(/^CRC mismatch/) as unknown }]);
  });
});

describe('the decode command line', () => {
  const inProcess = (args: string[], input: Buffer): { code: number; out: string[]; err: string[] } => {
    const out: string[] = [];
    const err: string[] = [];
    const code = runDecode(args, { out: (l) => out.push(l), err: (l) => err.push(l), read: () => input });
    return { code, out, err };
  };

  it('exits 1 when no frame was valid and 2 on bad usage, naming the problem', () => {
    expect(inProcess(['--protocol', 'tic', '-'], Buffer.from('noise only'))).toEqual({ code: 1, out: [], err: [] });
    const bad = inProcess(['--protocol', 'dlms', 'x'], Buffer.alloc(0));
    expect(bad.code).toBe(2);
    expect(bad.err[0]).toBe('decode: --protocol must be one of p1, han, tic, sml');
    expect(inProcess(['--protocol', 'han', '--key', 'abc', 'x'], Buffer.alloc(0)).err[0]).toBe('decode: --key must be 32 hex digits');
  });

  it('runs as `npm run decode`: one JSON line per frame on stdout, exit 0 when one was valid', async () => {
    const stream = Buffer.concat([fixture('p1/nl-iskra-v5.txt'), Buffer.from('/XYZ5 garbage\r\n!0000\r\n'), fixture('p1/se-landisgyr-e360.txt')]);
    const { code, stdout } = await new Promise<{ code: number; stdout: string }>((resolve) => {
      const child = execFile(process.execPath, ['--import', 'tsx', 'scripts/decode.ts', '--protocol', 'p1', '-'], { cwd: root }, (err, out) => {
        resolve({ code: err === null ? 0 : typeof err.code === 'number' ? err.code : 1, stdout: out });
      });
      child.stdin?.end(stream);
    });
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l) as { valid: boolean });
    expect(lines.map((l) => l.valid)).toEqual([true, false, true]);
  }, 30_000);
});
