import { describe, expect, it } from 'vitest';
import { parseChargingNeeds } from '../../../drivers/ocpp/charging-needs.js';
import { readMeter, samplesV16, samplesV2 } from '../../../drivers/ocpp/meter-values.js';

describe('meter values', () => {
  it('reads OCPP 1.6 strings with kW/kWh units and the default measurand', () => {
    const r = readMeter(samplesV16([{ value: '7.4', measurand: 'Power.Active.Import', unit: 'kW' }, { value: '12345' }, { value: '56', measurand: 'SoC', unit: 'Percent' }, { value: 'n/a', measurand: 'Voltage' }]));
    expect(r).toEqual({ powerW: 7400, energyImportWh: 12345, energyExportWh: null, socPct: 56 });
  });

  it('signs 2.x power as import - export, with unit multipliers, totals before phases', () => {
    const r = readMeter(
      samplesV2([
        { value: 0, measurand: 'Power.Active.Import', unitOfMeasure: { unit: 'W' } },
        { value: 3.2, measurand: 'Power.Active.Export', unitOfMeasure: { unit: 'kW' } },
        { value: 11, measurand: 'Energy.Active.Export.Register', unitOfMeasure: { unit: 'Wh', multiplier: 3 } },
      ]),
    );
    expect(r).toMatchObject({ powerW: -3200, energyExportWh: 11_000 });
    const phases = readMeter(samplesV2(['L1', 'L2', 'L3'].map((phase) => ({ value: 1000, measurand: 'Power.Active.Import', phase, unitOfMeasure: { unit: 'W' } }))));
    expect(phases.powerW).toBe(3000);
    expect(readMeter(samplesV2([{ value: 140, measurand: 'SoC' }])).socPct).toBeNull();
  });
});

describe('NotifyEVChargingNeeds', () => {
  it('takes departure, energy, target, V2X limits from 2.1 v2xChargingParameters and derives the car\'s V2X floor', () => {
    const parsed = parseChargingNeeds(
      {
        evseId: 1,
        chargingNeeds: {
          requestedEnergyTransfer: 'DC_BPT',
          availableEnergyTransfer: ['DC_BPT', 'DC'],
          departureTime: '2026-01-15T06:30:00Z',
          dcChargingParameters: { evMaxPower: 11_000, stateOfCharge: 60, evEnergyCapacity: 60_000, energyAmount: 12_000 },
          v2xChargingParameters: { maxChargePower: 11_000, maxDischargePower: 10_000, evTargetEnergyRequest: 12_000, evMinV2XEnergyRequest: -24_000, targetSoC: 80 },
        },
      },
      1000,
    );
    expect(parsed.bidirectional).toBe(true);
    expect(parsed.modes).toEqual(['DC_BPT', 'DC']);
    expect(parsed.socPct).toBe(60);
    expect(parsed.needs).toEqual({ departureMs: Date.parse('2026-01-15T06:30:00Z'), energyRequestedWh: 12_000, targetSocPct: 80, minSocPct: 20, maxDischargeW: 10_000, maxChargeW: 11_000, capacityWh: 60_000, receivedMs: 1000 });
  });

  it('a charge-only car (2.0.1 AC) can discharge nothing and gives no SoC', () => {
    const parsed = parseChargingNeeds({ evseId: 1, chargingNeeds: { requestedEnergyTransfer: 'AC_three_phase', acChargingParameters: { energyAmount: 20_000, evMinCurrent: 6, evMaxCurrent: 16, evMaxVoltage: 400 } } }, 0);
    expect(parsed.needs).toMatchObject({ maxDischargeW: 0, energyRequestedWh: 20_000, maxChargeW: 6400, targetSocPct: null, minSocPct: null, departureMs: null });
  });
});
