/**
 * What the milestone page can ask for. A module of its own, with no imports, so the lesson page's
 * bundle can check a message without carrying the check engine that milestoneView describes.
 */
export const MILESTONE_ACTIONS = ['hint', 'watch', 'stopWatch', 'reference'] as const;
export type MilestoneAction = (typeof MILESTONE_ACTIONS)[number];
