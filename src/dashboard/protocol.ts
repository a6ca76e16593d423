/** Messages between the dashboard page and the extension. */
import type { Ready } from '../webview/protocol';
import type { DashboardView } from './model';

export type ToDashboard = { type: 'show'; dashboard: DashboardView & { chart: string } };

export type FromDashboard =
  | Ready
  | { type: 'toggleSignal'; key: string; checked: boolean }
  | { type: 'writeRetrospective' }
  | { type: 'showGraph' }
  | { type: 'chooseLanguage' }
  | { type: 'setWeeklyHours'; hours: number }
  | { type: 'openExternal'; url: string };

export const WEEKLY_HOURS_RANGE = { min: 1, max: 80 };

/** `knownUrl`: an address the page shows; no other is opened. */
export function parseDashboardMessage(raw: unknown, knownSignal: (key: string) => boolean, knownUrl: (url: string) => boolean = () => false): FromDashboard | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const m = raw as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
      return { type: 'ready' };
    case 'writeRetrospective':
      return { type: 'writeRetrospective' };
    case 'showGraph':
      return { type: 'showGraph' };
    case 'chooseLanguage':
      return { type: 'chooseLanguage' };
    case 'toggleSignal':
      return typeof m.key === 'string' && knownSignal(m.key) && typeof m.checked === 'boolean' ? { type: 'toggleSignal', key: m.key, checked: m.checked } : undefined;
    case 'setWeeklyHours':
      return typeof m.hours === 'number' && Number.isInteger(m.hours) && m.hours >= WEEKLY_HOURS_RANGE.min && m.hours <= WEEKLY_HOURS_RANGE.max ? { type: 'setWeeklyHours', hours: m.hours } : undefined;
    case 'openExternal':
      return typeof m.url === 'string' && /^https?:\/\//i.test(m.url) && knownUrl(m.url) ? { type: 'openExternal', url: m.url } : undefined;
    default:
      return undefined;
  }
}
