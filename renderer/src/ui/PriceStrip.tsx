import { memo } from 'react';
import type { ReactElement } from 'react';
import type { PriceSlot } from '../../../main/common/tariff.js';
import type { PriceLevel } from '../home/priceModel.js';

interface Props {
  readonly slots: readonly PriceSlot[];
  readonly levels: readonly PriceLevel[];
  /** Start of the slot to highlight (now). */
  readonly currentMs: number | null;
  readonly label: string;
}

/**
 * The coming prices as a row of thin bars (CSS, no chart library): one per
 * slot, coloured cheap / normal / expensive, the current one marked.
 * Estimated prices are drawn hollow.
 */
function PriceStripImpl({ slots, levels, currentMs, label }: Props): ReactElement {
  const values = slots.map((s) => s.importPerKWh);
  const max = Math.max(0, ...values);
  const min = Math.min(0, ...values);
  const span = max - min || 1;
  return (
    <div className="price-strip" role="img" aria-label={label} data-testid="price-strip">
      {slots.map((s, i) => {
        const height = (Math.abs(s.importPerKWh) / span) * 100;
        const estimated = s.source === 'forecast' || s.source === 'fallback';
        return (
          <span
            key={s.startMs}
            className={`price-strip__bar price-strip__bar--${levels[i] ?? 'normal'}${s.startMs === currentMs ? ' price-strip__bar--now' : ''}${estimated ? ' price-strip__bar--estimated' : ''}${s.importPerKWh < 0 ? ' price-strip__bar--negative' : ''}`}
            style={{ height: `${Math.max(4, height)}%` }}
          />
        );
      })}
    </div>
  );
}

export const PriceStrip = memo(PriceStripImpl);
