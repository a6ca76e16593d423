/** The field readers of roadmap files: the generic ones, plus ids, hours, counts, URLs and node references. */
import { FieldReader, type Fields, type NumberRule } from './fields';
import type { NodeGraph } from './graph';
import { ID_PATTERN } from './model';
import type { SourceSet } from './source';

const HOURS: NumberRule = { describe: 'a positive number of hours', min: 0, exclusiveMin: true, max: 10000 };
const COUNT: NumberRule = { describe: 'a whole number above zero', integer: true, min: 0, exclusiveMin: true };

export class RoadmapFields extends FieldReader {
  constructor(
    readonly src: SourceSet,
    private readonly graph: NodeGraph,
  ) {
    super(src);
  }

  /** A kebab-case id; what was written (or '') when it is not one, so reading goes on. */
  id(o: Fields, key: string, what: string): string {
    const v = o[key];
    if (v === undefined) {
      this.src.value(o, undefined, `${what} has no '${key}': add a kebab-case id such as 'my-topic'`);
      return '';
    }
    if (typeof v !== 'string' || !ID_PATTERN.test(v)) {
      this.src.value(o, key, `${what} id '${String(v)}' is not kebab-case: use lowercase letters, digits and single hyphens`);
      return String(v);
    }
    return v;
  }

  /** Text, required unless `required` is false; '' when missing, and what was written when it is not text. */
  text(o: Fields, key: string, what: string, required = true): string {
    const v = o[key];
    return this.string(o, key, what, required ? 'add one' : undefined) ?? (v === undefined || v === null ? '' : String(v));
  }

  /** Optional text: undefined when missing or empty. */
  optionalText(o: Fields, key: string, what: string): string | undefined {
    return this.text(o, key, what, false) || undefined;
  }

  hours(o: Fields, key: string, what: string, required: boolean): number | undefined {
    return this.number(o, key, what, HOURS, required ? 'add the estimated hours' : undefined);
  }

  count(o: Fields, key: string, what: string, ifMissing?: string): number | undefined {
    return this.number(o, key, what, COUNT, ifMissing);
  }

  /** An https URL with a host. */
  url(o: Fields, key: string, what: string): string | undefined {
    const v = this.string(o, key, what, 'add an https URL');
    if (v === undefined) return undefined;
    let parsed: URL | undefined;
    try {
      parsed = new URL(v);
    } catch {
      parsed = undefined;
    }
    if (!parsed || parsed.protocol !== 'https:' || !parsed.hostname) {
      this.src.value(o, key, `URL '${v}' is not a valid https URL: use an https:// address`);
      return undefined;
    }
    return v;
  }

  /** A list of node ids, each checked against the roadmap's nodes once all are read. */
  refs(o: Fields, key: string, what: string): string[] {
    const v = o[key];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) {
      this.src.value(o, key, `'${key}' must be a list of node ids`);
      return [];
    }
    const out: string[] = [];
    v.forEach((id, i) => {
      if (typeof id !== 'string') return this.src.value(v, i, `'${key}' entries must be node ids`);
      this.graph.addReference(id, v, i, what);
      out.push(id);
    });
    return out;
  }
}
