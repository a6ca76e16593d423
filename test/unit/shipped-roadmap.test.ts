import * as assert from 'assert';
import * as path from 'path';
import { diskReader } from '../../src/roadmap/nodeFs';
import { readRoadmap } from '../../src/roadmap/validate';
import { formatProblem } from '../../src/roadmap/problems';

const entry = path.resolve(__dirname, '../../../roadmap/backend/roadmap.yaml');

describe('the shipped Backend roadmap', () => {
  const result = readRoadmap(entry, diskReader, { strict: true, displayPath: (f) => path.relative(process.cwd(), f) });

  it('passes every rule of the content bar', () => {
    assert.deepStrictEqual(result.problems.map(formatProblem), []);
  });

  it('carries every section of the source roadmap in its order', () => {
    const titles = result.roadmap!.sections.map((s) => s.title);
    assert.deepStrictEqual(titles, [
      'Internet fundamentals', 'Programming language', 'Version control & repo hosting', 'Web servers',
      'Relational databases', 'NoSQL databases', 'Scaling databases', 'APIs', 'Authentication', 'Web security',
      'Caching', 'Testing', 'CI/CD', 'Architecture & design', 'Message brokers & search',
      'Containerization & web servers', 'Observability & resilience', 'Real-time data & GraphQL', 'AI in the backend',
    ]);
  });

  it('has the topics the other roadmaps add', () => {
    const ids = new Set(result.roadmap!.sections.flatMap((s) => s.nodes.map((n) => n.id)));
    for (const id of ['service-mesh', 'design-patterns', 'devops-tools', 'graph-databases', 'time-series-databases', 'orms', 'connection-pooling',
      'cqrs-event-sourcing', 'dead-letter-queues', 'idempotency', 'contract-testing', 'chaos-engineering', 'osi-layers', 'rest-graphql-grpc']) {
      assert.ok(ids.has(id), `missing node ${id}`);
    }
  });

  it('has the three plans, with the 24-week plan at 6 + 10 + 8 weeks', () => {
    const plans = result.roadmap!.plans;
    assert.deepStrictEqual(plans.map((p) => p.id).sort(), ['phases-2025', 'six-month', 'twenty-four-week']);
    const p24 = plans.find((p) => p.id === 'twenty-four-week')!;
    assert.deepStrictEqual(p24.phases.map((p) => [p.title, p.length, p.hours]), [['Foundation', 6, 120], ['Build', 10, 200], ['Ship', 8, 150]]);
    assert.strictEqual(p24.phases.flatMap((p) => p.periods).length, 24);
  });
});
