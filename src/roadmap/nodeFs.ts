import * as fs from 'fs';
import type { SourceReader } from './source';

/** Reads roadmap sources from disk, as bytes: the loader decodes them and reports bytes that are not UTF-8. */
export const diskReader: SourceReader = {
  read(file: string): Uint8Array | undefined {
    try {
      return fs.readFileSync(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'EISDIR') return undefined;
      throw err;
    }
  },
  realpath(file: string): string | undefined {
    try {
      return fs.realpathSync(file);
    } catch {
      return undefined;
    }
  },
};
