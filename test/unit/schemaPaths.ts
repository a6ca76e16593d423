import type { KEYS } from '../../src/roadmap/keys';

/** Where each kind of mapping the validator knows lives in the schemas (the built-in one and the single-file one). */
export const SCHEMA_PATHS: Record<keyof typeof KEYS, string[]> = {
  roadmap: [],
  include: ['definitions', 'include'],
  section: ['definitions', 'section'],
  node: ['definitions', 'node'],
  resource: ['definitions', 'resource'],
  plan: ['definitions', 'plan'],
  retrospective: ['definitions', 'plan', 'properties', 'retrospective'],
  readiness: ['definitions', 'plan', 'properties', 'readiness'],
  sampleWeek: ['definitions', 'sampleWeek'],
  sampleDay: ['definitions', 'sampleWeek', 'properties', 'days', 'items'],
  phase: ['definitions', 'phase'],
  period: ['definitions', 'period'],
  studyItem: ['definitions', 'period', 'properties', 'items', 'items'],
  project: ['definitions', 'project'],
  milestone: ['definitions', 'project', 'properties', 'milestones', 'items'],
  planNote: ['definitions', 'planNote'],
};
