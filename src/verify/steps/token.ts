/**
 * `token`: makes a new JWT out of one saved earlier in the check (from a login): its header and
 * claims as the server wrote them, exp, nbf or iat moved relative to now, signed again with a secret
 * the step gives (or with alg none and no signature), saved for later steps. So a check can send an
 * expired, a not-yet-valid or a wrongly signed token in the server's own claim layout. Pure Node.
 */
import { createHmac } from 'crypto';
import { describe, fill, fillDeep } from '../match';
import { isMapping, type Fields } from '../../roadmap/fields';
import { wholeNumber, type Parser } from '../parser';
import type { Outcome, StepKind } from './kind';

/** The claims a step may move: the times; the server's own claims stay as they are. */
const TIME_CLAIMS = ['exp', 'nbf', 'iat'] as const;
type TimeClaim = (typeof TIME_CLAIMS)[number];

const HMAC = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' } as const;
type Hmac = keyof typeof HMAC;
const ALGS = [...Object.keys(HMAC), 'none'] as const;

const TEN_YEARS = 10 * 366 * 24 * 3600;
const VARIABLE = /^[A-Za-z][A-Za-z0-9_]*$/;

export interface TokenStep {
  kind: 'token';
  /** The variable that holds the token to start from; undefined: a new token of `claims` alone. */
  from?: string;
  /** Claims to set (strings may use {{variables}}), such as a `sub` of its own per check. */
  claims?: Fields;
  /** Signs the new token; absent with alg none. */
  secret?: string;
  /** The algorithm of the new token; undefined: the saved token's own HMAC one, else HS256. */
  alg?: Hmac | 'none';
  /** Claim to seconds from now. */
  fromNow: Partial<Record<TimeClaim, number>>;
  save: string;
}

function readVariable(p: Parser, body: Fields, key: string, what: string, ifMissing: string): string | undefined {
  const name = p.string(body, key, what, ifMissing);
  if (name !== undefined && !VARIABLE.test(name)) return p.fail(body, key, `'${name}' is not a variable name (letters, digits and _)`);
  return name;
}

function readFromNow(p: Parser, body: Fields, what: string): TokenStep['fromNow'] | undefined {
  const map = p.mapping(body, 'fromNow', what, TIME_CLAIMS);
  if (!map) return body.fromNow === undefined ? {} : undefined;
  const out: TokenStep['fromNow'] = {};
  for (const claim of TIME_CLAIMS) {
    if (map[claim] === undefined) continue;
    const seconds = p.number(map, claim, `'fromNow' of ${what}`, wholeNumber(-TEN_YEARS, TEN_YEARS));
    if (seconds === undefined) return undefined;
    out[claim] = seconds;
  }
  return out;
}

const base64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

/** The JSON object in one part of a JWT, or why it is not one. */
function decodePart(part: string, name: string): Record<string, unknown> | string {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    return `its ${name} is not base64url-encoded JSON`;
  }
  return isMapping(value) ? value : `its ${name} is not a JSON object`;
}

function seconds(n: number): string {
  const abs = Math.abs(n);
  const amount = abs % 3600 === 0 && abs > 0 ? `${abs / 3600} h` : `${abs} s`;
  return n < 0 ? `now - ${amount}` : `now + ${amount}`;
}

export const token: StepKind<TokenStep> = {
  parse(p, step) {
    const body = p.stepBody(step, 'token', ['from', 'claims', 'secret', 'alg', 'fromNow', 'save'], 'add from (the variable with a token) or claims, secret or alg: none, and save');
    if (!body) return undefined;
    const what = 'the token step';
    const claims = body.claims === undefined ? undefined : p.mappingOf(body, 'claims', what, 'claim names to values');
    const from = body.from === undefined && claims ? undefined : readVariable(p, body, 'from', what, 'add the variable that holds the token, saved by an earlier step such as a login');
    const save = readVariable(p, body, 'save', what, 'add the variable that gets the new token');
    const secret = p.string(body, 'secret', what);
    const alg = p.string(body, 'alg', what);
    const known = alg === undefined || (ALGS as readonly string[]).includes(alg);
    if (!known) p.fail(body, 'alg', `alg must be one of ${ALGS.join(', ')}, not '${alg}'`);
    const unsigned = alg === 'none';
    if (unsigned && secret !== undefined) p.fail(body, 'secret', 'a token with alg none has no signature: leave the secret out');
    if (!unsigned && secret === undefined) p.fail(body, undefined, `${what} has no 'secret': add the secret that signs the new token, or alg: none for a token without a signature`);
    const fromNow = readFromNow(p, body, what);
    if ((!from && !claims) || (body.claims !== undefined && !claims) || !save || !fromNow || !known || unsigned === (secret !== undefined)) return undefined;
    return { kind: 'token', from, claims, secret, alg: alg as TokenStep['alg'], fromNow, save };
  },

  describe(step) {
    const moved = Object.entries(step.fromNow).map(([claim, n]) => `${claim} = ${seconds(n)}`);
    const signed = step.alg === 'none' ? 'with alg none and no signature' : `signed ${step.alg ?? 'with its own HMAC algorithm'} with the secret the step gives`;
    return {
      sent: `(makes a token) ${step.from ? `the token in {{${step.from}}}` : 'a new token'}${step.claims ? ` with claims ${describe(step.claims, 120)}` : ''}${moved.length ? ` with ${moved.join(', ')}` : ''}, ${signed}`,
      expected: `${step.from ? `{{${step.from}}} is a JWT; ` : ''}the new token is saved as {{${step.save}}}`,
    };
  },

  async run(step, vars): Promise<Outcome> {
    const saved = step.from ? fill(`{{${step.from}}}`, vars) : `${base64url('{"alg":"HS256","typ":"JWT"}')}.${base64url('{}')}.`;
    const parts = saved.split('.');
    const notJwt = (why: string): Outcome => ({ ok: false, got: `{{${step.from}}} is not a JWT: ${why} (got '${saved.length > 60 ? `${saved.slice(0, 59)}…` : saved}')` });
    if (parts.length !== 3) return notJwt(`a JWT has three parts separated by dots, this has ${parts.length}`);
    const header = decodePart(parts[0], 'header');
    if (typeof header === 'string') return notJwt(header);
    const claims = decodePart(parts[1], 'claims part');
    if (typeof claims === 'string') return notJwt(claims);
    Object.assign(claims, fillDeep(step.claims ?? {}, vars));
    const now = Math.floor(Date.now() / 1000);
    for (const [claim, n] of Object.entries(step.fromNow)) claims[claim] = now + n;
    const own = typeof header.alg === 'string' && Object.hasOwn(HMAC, header.alg) ? (header.alg as Hmac) : 'HS256';
    const alg = step.alg ?? own;
    header.alg = alg;
    const unsigned = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
    const signature = alg === 'none' ? '' : createHmac(HMAC[alg], fill(step.secret ?? '', vars)).update(unsigned).digest('base64url');
    vars[step.save] = `${unsigned}.${signature}`;
    return { ok: true, got: `a token with header ${describe(header, 80)} and claims ${describe(claims, 160)}` };
  },
};
