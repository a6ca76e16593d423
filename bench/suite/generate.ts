import type { Roadmap, RoadmapNode, Section } from '../../src/roadmap/model';

/** A roadmap of `nodes` nodes in sections of `perSection`, shaped like scripts/gen-roadmap.mjs writes. */
export function generatedRoadmap(nodes: number, perSection = 50, id = `generated-${nodes}`): Roadmap {
  const sections: Section[] = [];
  for (let s = 0, made = 0; made < nodes; s++) {
    const section: Section = { id: `section-${s + 1}`, title: `Section ${s + 1}`, nodes: [] };
    for (let j = 0; j < perSection && made < nodes; j++, made++) {
      const prerequisites = j > 0 ? [`s${s + 1}-topic-${j}`] : s > 0 ? [`s${s}-topic-1`] : [];
      const node: RoadmapNode = {
        id: `s${s + 1}-topic-${j + 1}`,
        title: `Topic ${j + 1} of section ${s + 1}`,
        summary: `How topic ${j + 1} works.`,
        hours: 1 + (made % 8),
        prerequisites,
        resources: [{ type: 'article', title: 'A guide', url: `https://example.com/${s + 1}/${j + 1}` }],
      };
      section.nodes.push(node);
    }
    sections.push(section);
  }
  return { id, title: `Generated roadmap (${nodes} nodes)`, description: 'Generated for benchmarks.', sections, plans: [], projects: [] };
}
