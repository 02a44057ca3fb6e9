/** One table: preset name in the config -> its rules. */
import type { PresetConfig } from '../tariff-config.js';
import { beFlanders } from './be-flanders.js';
import { custom } from './custom.js';
import { de } from './de.js';
import { fr } from './fr.js';
import { huGross } from './hu-gross.js';
import { nlDynamic } from './nl-dynamic.js';
import { noElvia } from './no-elvia.js';
import type { TariffPreset } from './preset.js';
import { seGoteborg } from './se-goteborg.js';

export function createPreset(config: PresetConfig, timeZone: string): TariffPreset | null {
  switch (config.preset) {
    case 'none':
      return null;
    case 'custom':
      return custom(config.params, timeZone);
    case 'nl-dynamic':
      return nlDynamic(config.params, timeZone);
    case 'be-flanders':
      return beFlanders(config.params, timeZone);
    case 'no-elvia':
      return noElvia(config.params, timeZone);
    case 'se-goteborg':
      return seGoteborg(config.params, timeZone);
    case 'de':
      return de(config.params, timeZone);
    case 'fr':
      return fr(config.params, timeZone);
    case 'hu-gross':
      return huGross(config.params, timeZone);
  }
}
