/** Owns: how the lab's screens write numbers (metrics, money, days) — one place, so every tab reads alike. */
import type { Scenario } from '../../../shared/lab/scenarioSchema';

export const f3 = (v: number | null | undefined): string => (v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(3));
export const pct = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)} %`);

export function money(scenario: Scenario, v: number): string {
  return `${Math.round(v).toLocaleString('en-GB')} ${scenario.costs.currency}`;
}

export function featureLabel(scenario: Scenario, id: string): string {
  if (id === scenario.entity.storeFeature.id) return scenario.entity.storeFeature.label;
  return scenario.features.find((f) => f.id === id)?.label ?? id;
}

export const dayLabel = (d: number): string => `day ${d}`;
