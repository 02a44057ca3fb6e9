import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfigFile, parseConfig, simulatedHomeConfig } from '../../../main/hub/config.js';
import { parseCliArgs } from '../../../main/hub/cli-args.js';
import { hubVersion } from '../../../main/hub/version.js';
import pkg from '../../../package.json' with { type: 'json' };

describe('config', () => {
  it('fills defaults for a minimal file', () => {
    const c = parseConfig({ version: 1 });
    expect(c.site).toEqual({ fuseA: 25, phases: 3, voltageV: 230, exportLimitW: null, timeZone: 'Europe/Amsterdam' });
    expect(() => parseConfig({ version: 1, site: { timeZone: 'Mars/Olympus' } })).toThrow(/site\.timeZone: expected an IANA time zone/);
    expect(c.api.host).toBe('127.0.0.1');
    expect(c.simulation.enabled).toBe(false);
    expect(simulatedHomeConfig().simulation.enabled).toBe(true);
  });

  it('names every wrong key and the expected form', () => {
    expect(() => parseConfig({ version: 1, site: { fuseA: 2, phases: 2 }, devices: [{ id: 'Bad Id', role: 'grid', type: 'p1-tcp' }] })).toThrow(
      /site\.fuseA: .*>=\s?6[\s\S]*site\.phases[\s\S]*devices\.0\.id: lowercase/,
    );
    expect(() => parseConfig({ version: 2 })).toThrow(/version/);
    expect(() => parseConfig({ version: 1, sitee: {} })).toThrow(/sitee/);
  });

  it('reports a file that is not JSON with its name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hub-cfg-'));
    const file = join(dir, 'hub.json');
    writeFileSync(file, '{ "version": 1, ');
    expect(() => loadConfigFile(file)).toThrow(/hub\.json is not valid JSON/);
    expect(() => loadConfigFile(join(dir, 'missing.json'))).toThrow(/cannot read config file/);
  });

  it('keeps the version in step with package.json', () => {
    expect(hubVersion).toBe(pkg.version);
  });
});

describe('command line', () => {
  it('parses the documented options', () => {
    const a = parseCliArgs(['--headless', '--port', '9000', '--speed', '10', '--sim-start', '2026-06-21T12:00:00+02:00']);
    expect(a).toMatchObject({ headless: true, port: 9000, speed: 10, simStartIso: '2026-06-21T12:00:00+02:00' });
  });

  it('refuses wrong values with the option name', () => {
    expect(() => parseCliArgs(['--port', 'abc'])).toThrow(/--port: expected an integer/);
    expect(() => parseCliArgs(['--speed', '0'])).toThrow(/--speed/);
    expect(() => parseCliArgs(['--port'])).toThrow(/--port needs a value/);
    expect(() => parseCliArgs(['--bogus'])).toThrow(/unknown option "--bogus"/);
  });
});
