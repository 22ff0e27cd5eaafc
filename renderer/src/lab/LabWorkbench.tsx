/**
 * The lab's tabbed workbench: everything a team sees of its lab, given a `LabApi` (labApi.ts) — self-study and
 * room screens alike. Tabs follow the WAI-ARIA tabs pattern (role=tablist/tab/tabpanel, arrow keys, Home/End).
 *
 * Owns: the tab strip, the status line (day, working…, the engine's error), and the `aside` slot (missions,
 * room info). Each tab is its own component: Production, Runs, Registry, Pipeline, Monitoring, Explain.
 */
import { useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { LabApi } from './labApi';
import { ProductionTab } from './ProductionTab';
import { RunsTab } from './RunsTab';
import { Refusals } from './Refusals';
import { RegistryTab } from './RegistryTab';
import { PipelineView } from './PipelineView';
import { MonitoringView } from './MonitoringView';
import { ExplainView } from './ExplainView';
import '../styles/lab.css';

export const LAB_TABS = [
  { id: 'production', label: 'Production' },
  { id: 'runs', label: 'Runs' },
  { id: 'registry', label: 'Registry' },
  { id: 'pipeline', label: 'Pipeline' },
  { id: 'monitoring', label: 'Monitoring' },
  { id: 'explain', label: 'Explain' },
] as const;
export type LabTabId = (typeof LAB_TABS)[number]['id'];

function TabContent({ tab, lab }: { tab: LabTabId; lab: LabApi }) {
  switch (tab) {
    case 'production':
      return <ProductionTab lab={lab} />;
    case 'runs':
      return <RunsTab lab={lab} />;
    case 'registry':
      return <RegistryTab lab={lab} />;
    case 'pipeline':
      return <PipelineView lab={lab} />;
    case 'monitoring':
      return <MonitoringView lab={lab} />;
    case 'explain':
      return <ExplainView lab={lab} />;
  }
}

export function LabStatus({ lab }: { lab: LabApi }) {
  const st = lab.state;
  return (
    <div className="lab-status" role="status" aria-live="polite" data-testid="lab-status">
      {st ? (
        <span>
          <strong data-testid="lab-status-day">Day {st.day}</strong> · {st.runs.length} run{st.runs.length === 1 ? '' : 's'} · champion{' '}
          {st.registry.champion === null ? 'none' : `v${st.registry.champion}`}
        </span>
      ) : (
        <span>Building the lab…</span>
      )}
      {lab.busy ? (
        <span className="lab-busy" data-testid="lab-busy">
          Working…
        </span>
      ) : null}
    </div>
  );
}

export function LabWorkbench({
  lab,
  aside,
  asideLabel = 'Lab guide',
  initialTab = 'production',
}: {
  lab: LabApi;
  aside?: ReactNode;
  /** The landmark name of the aside (missions, room information…). */
  asideLabel?: string;
  initialTab?: LabTabId;
}) {
  const [tab, setTab] = useState<LabTabId>(initialTab);
  const refs = useRef<Partial<Record<LabTabId, HTMLButtonElement | null>>>({});
  const onKey = (e: KeyboardEvent) => {
    const i = LAB_TABS.findIndex((t) => t.id === tab);
    const n = LAB_TABS.length;
    const to = { ArrowRight: (i + 1) % n, ArrowLeft: (i - 1 + n) % n, Home: 0, End: n - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    const next = LAB_TABS[to]!.id;
    setTab(next);
    refs.current[next]?.focus();
  };
  return (
    <div className={`lab-workbench${aside ? ' with-aside' : ''}`}>
      <div className="lab-main">
        <LabStatus lab={lab} />
        {lab.error ? (
          <div className="banner banner-danger" role="alert">
            <p>{lab.error}</p>
          </div>
        ) : null}
        <Refusals lab={lab} />
        <div role="tablist" aria-label="Lab" className="lab-tabs" onKeyDown={onKey}>
          {LAB_TABS.map((t) => (
            <button
              key={t.id}
              ref={(el) => {
                refs.current[t.id] = el;
              }}
              type="button"
              role="tab"
              id={`lab-tab-${t.id}`}
              aria-selected={tab === t.id}
              aria-controls={`lab-panel-${t.id}`}
              tabIndex={tab === t.id ? 0 : -1}
              className="lab-tab"
              onClick={() => setTab(t.id)}
            >
              {t.label}
            </button>
          ))}
        </div>
        <div role="tabpanel" id={`lab-panel-${tab}`} aria-labelledby={`lab-tab-${tab}`} tabIndex={0} className="lab-panel">
          {lab.state ? <TabContent tab={tab} lab={lab} /> : <p className="muted">Replaying the lab's actions…</p>}
        </div>
      </div>
      {aside ? (
        <aside className="lab-aside" aria-label={asideLabel}>
          {aside}
        </aside>
      ) : null}
    </div>
  );
}
