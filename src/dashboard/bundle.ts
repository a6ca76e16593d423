/** The dashboard as its own bundle (dist/dashboardPanel.js), loaded when it is first shown or restored. */
export { DashboardPanel } from './dashboardPanel';
export { retrospectiveNote } from './model';
