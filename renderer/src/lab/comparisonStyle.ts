/** Owns: how the two teams of the DevOps-only vs MLOps view are drawn (shared by the view and its lazy chart). */
export type SeriesMetric = 'costPer1000' | 'cumulativeCost';

/** Colour AND line style AND name: never colour alone. */
export const TEAM_STYLE = {
  devops: { colour: 'var(--warn)', dash: '8 6', name: 'DevOps-only' },
  mlops: { colour: 'var(--accent)', dash: undefined, name: 'MLOps' },
} as const;
