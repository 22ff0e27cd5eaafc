import { describe, expect, it } from 'vitest';
import { DiskMonitor } from './diskSpace';

const MB = 1024 * 1024;

function monitor(freeMb: { value: number }, reports: string[]) {
  const stats = () => ({ bavail: Math.round((freeMb.value * MB) / 4096), bsize: 4096 });
  return new DiskMonitor('/data', { warnBelowMb: 500, refuseBelowMb: 50 }, { statfs: async () => stats(), statfsSync: stats, maxAgeMs: 0, report: (m) => reports.push(m) });
}

describe('DiskMonitor', () => {
  it('warns below the warning threshold, refuses new learners below the refusal one, and says when space is back', async () => {
    const free = { value: 2000 };
    const reports: string[] = [];
    const disk = monitor(free, reports);
    await disk.check();
    expect(disk.state).toMatchObject({ freeMb: 2000, low: false, refusingNewLearners: false });
    expect(disk.refusal()).toBe(null);
    expect(reports).toEqual([]);

    free.value = 300;
    await disk.check();
    expect(disk.state).toMatchObject({ freeMb: 300, low: true, refusingNewLearners: false });
    expect(reports.at(-1)).toMatch(/low disk space: 300 MB free in \/data \(warning below 500 MB\)/);
    await disk.check();
    expect(reports).toHaveLength(1); // not repeated every minute

    free.value = 20;
    expect(disk.refusal()).toMatch(/20 MB free.*free disk space on the host laptop.*already in the session can go on/);
    expect(disk.state.refusingNewLearners).toBe(true);

    free.value = 900;
    await disk.check();
    expect(disk.refusal()).toBe(null);
    expect(reports.at(-1)).toMatch(/disk space is back: 900 MB free/);
  });
});
