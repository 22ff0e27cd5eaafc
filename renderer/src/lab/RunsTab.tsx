/**
 * The lab's Runs tab (experiment tracking, MLflow-like): train a run, the runs table, and a side-by-side
 * comparison of the runs selected in the table (two or more).
 *
 * Owns: the selection of runs to compare (kept while the tab is open).
 */
import { useState } from 'react';
import type { LabApi } from './labApi';
import { RunCompare } from './RunCompare';
import { RunsTable } from './RunsTable';
import { TrainForm } from './TrainForm';

export function RunsTab({ lab }: { lab: LabApi }) {
  const [selected, setSelected] = useState<string[]>([]);
  const runs = lab.state!.runs.filter((r) => selected.includes(r.id));
  return (
    <div className="stack">
      <TrainForm lab={lab} />
      <section aria-labelledby="lab-runs-h">
        <h2 id="lab-runs-h">Runs</h2>
        <RunsTable lab={lab} selected={selected} onSelect={setSelected} />
      </section>
      {runs.length >= 2 ? (
        <RunCompare lab={lab} runs={runs} />
      ) : lab.state!.runs.length >= 2 ? (
        <p className="muted">Tick two or more runs in the table to compare them side by side.</p>
      ) : null}
    </div>
  );
}
