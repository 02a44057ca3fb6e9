import type { ReactElement } from 'react';
import { useLinkStatus } from '../../api/index.js';
import { CarPanel } from '../car/CarPanel.js';
import { DeviceStrip } from '../devices/DeviceStrip.js';
import { FlowDiagram } from '../flow/FlowDiagram.js';
import { DecisionLine } from '../status/ControlStatus.js';
import { PriceCard } from './PriceCard.js';
import { TodayCard } from './TodayCard.js';
import './home.css';

/** The wall screen's everyday view: live flow, price, today's figures, the car, the controller's reason. */
export function HomeScreen(): ReactElement {
  const link = useLinkStatus();
  return (
    <div className="home">
      <section className="panel flow-panel" aria-busy={link === 'connecting'}>
        <FlowDiagram />
      </section>
      <div className="home__side">
        <PriceCard />
        <TodayCard />
        <CarPanel />
      </div>
      <footer className="home__status">
        <DecisionLine />
        <DeviceStrip />
      </footer>
    </div>
  );
}
