import type { ReactElement } from 'react';
import { useLinkStatus } from '../api/index.js';
import { CarPanel } from './car/CarPanel.js';
import { HistoryChart } from './chart/HistoryChart.js';
import { DeviceStrip } from './devices/DeviceStrip.js';
import { FlowDiagram } from './flow/FlowDiagram.js';
import { DecisionLine, FailsafeBanner } from './status/ControlStatus.js';
import { Header } from './status/Header.js';
import { ToastHost } from './toast/ToastHost.js';

/** The home screen of the wall display. */
export function App(): ReactElement {
  const link = useLinkStatus();
  const stale = link !== 'live';
  return (
    <ToastHost>
      <div className={`app${stale ? ' app--stale' : ''}`} data-link={link}>
        <Header />
        <FailsafeBanner />
        <main className="home">
          <section className="panel flow-panel" aria-busy={link === 'connecting'}>
            <FlowDiagram />
          </section>
          <div className="side">
            <CarPanel />
            <HistoryChart />
          </div>
          <footer className="status">
            <DecisionLine />
            <DeviceStrip />
          </footer>
        </main>
      </div>
    </ToastHost>
  );
}
