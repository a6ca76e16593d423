/** Which built-in ideas have milestone checks, read from dist/verify.json's keys without parsing its checks. */
import * as fs from 'fs';
import * as path from 'path';

export function checkedIdeaIds(distDir: string): Set<string> {
  try {
    const raw = JSON.parse(fs.readFileSync(path.join(distDir, 'verify.json'), 'utf8')) as unknown;
    return new Set(raw && typeof raw === 'object' && !Array.isArray(raw) ? Object.keys(raw) : []);
  } catch {
    return new Set();
  }
}
