import { describe, expect, it } from 'vitest';
import { createFeatureStore, latestJoin, pointInTimeJoin, valueAsOf, writeFeature } from './featureStore';

describe('feature store', () => {
  const store = createFeatureStore();
  writeFeature(store, 7, 10, 1); // entity 7's first confirmed positive becomes known on day 10
  writeFeature(store, 7, 20, 2);
  writeFeature(store, 7, 20, 3); // two confirmations the same day: the later write wins
  writeFeature(store, 9, 15, 1);

  it('joins each row with the value its entity had at the row time', () => {
    const entity = Int32Array.from([7, 7, 7, 7, 9, 9, 4]);
    const time = Float64Array.from([5, 10, 19.9, 25, 14.5, 15, 30]);
    expect(Array.from(pointInTimeJoin(store, entity, time))).toEqual([0, 1, 1, 3, 0, 1, 0]);
    expect(valueAsOf(store, 4, 30, -1)).toBe(-1);
  });

  it('the bypass joins everything as of now: the future leaks into the past', () => {
    const entity = Int32Array.from([7, 7, 9]);
    expect(Array.from(latestJoin(store, entity))).toEqual([3, 3, 1]);
  });

  it('refuses to rewrite history', () => {
    expect(() => writeFeature(store, 7, 12, 9)).toThrow(/only moves forward/);
  });
});
