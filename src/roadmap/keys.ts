/** The keys each kind of mapping of a roadmap file may hold; the JSON schemas list the same ones. */
export const KEYS = {
  roadmap: ['$schema', 'id', 'title', 'description', 'version', 'sections', 'plans', 'projects'],
  include: ['include'],
  section: ['id', 'title', 'description', 'nodes'],
  node: ['id', 'title', 'summary', 'hours', 'prerequisites', 'choice', 'optional', 'lesson', 'lessonFile', 'resources'],
  resource: ['type', 'title', 'url'],
  plan: ['id', 'title', 'summary', 'unit', 'length', 'hoursPerWeek', 'phases', 'timeline', 'quickWins', 'leverageMoves', 'retrospective', 'readiness', 'sampleWeeks', 'metrics', 'support'],
  readiness: ['prerequisites', 'checklist'],
  sampleWeek: ['title', 'days'],
  sampleDay: ['day', 'text', 'nodes'],
  retrospective: ['everyWeeks', 'prompts'],
  phase: ['id', 'title', 'goal', 'length', 'duration', 'hours', 'successMetric', 'periods', 'nodes', 'checkpoints', 'signals', 'resources'],
  period: ['from', 'to', 'title', 'items'],
  studyItem: ['title', 'hours', 'nodes'],
  project: ['id', 'title', 'level', 'summary', 'nodes', 'stacks', 'milestones', 'starter'],
  milestone: ['id', 'title', 'description', 'nodes'],
  planNote: ['title', 'summary', 'url', 'nodes'],
} as const;

/** A node of a roadmap of your own may also carry its quiz inline (the built-in one keeps quizzes in quiz/<id>.yaml). */
export const CUSTOM_NODE_KEYS = [...KEYS.node, 'quiz'] as const;
