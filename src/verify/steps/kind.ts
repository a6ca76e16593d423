/**
 * The contract of a step kind: everything about one kind of step (reading it from a check file,
 * saying in plain words what it does, running it) lives in one file under steps/ that implements
 * this, and steps/index.ts lists it once. Pure Node, no `vscode`.
 */
import type * as http from 'http';
import type { Answer, Sent } from '../http';
import type { Vars } from '../match';
import type { Fields } from '../../roadmap/fields';
import type { Address, CheckScope } from '../checkScope';
import type { Parser } from '../parser';
import type { ProjectProcesses } from '../projectProcesses';
import type { ServerProcess } from '../server';
import type { Upstreams } from '../upstreams';
import type { StatementLog } from '../statementLog';

/** What a step sees of the running session (session.ts). */
export interface StepSession {
  /** The project's (or exercise's) folder: command, sql, file, git and tests steps work in it. */
  readonly dir: string;
  /** The environment the project's own commands get: the server's, PORT and the services' addresses included. */
  readonly env: NodeJS.ProcessEnv;
  readonly port: number;
  /** The loopback address the server answered its health path on: 127.0.0.1, or ::1 for a server on IPv6 only. */
  readonly host: string;
  readonly healthPath: string;
  readonly requestTimeoutMs: number;
  /** The session's keep-alive agent, for steps that send many requests. */
  readonly agent: http.Agent;
  readonly server: ServerProcess;
  /** The upstreams the check file declares, running for the whole run; undefined when it declares none. */
  readonly upstreams?: Upstreams;
  /** The SQL statement log in front of DATABASE_URL (statementLog.ts); undefined unless the check file asks for it. */
  readonly statementLog?: StatementLog;
  /** What the check opened beside the server: named connections and more instances, closed at its end. */
  readonly scope: CheckScope;
  /** Set in remote mode (remoteRun.ts): the deployed server's URL, and the port plain http:// is tried on. */
  readonly remote?: { url: URL; plainPort: number };
  /** The manifest's other processes (projectProcesses.ts); undefined when it names none. */
  readonly processes?: ProjectProcesses;
  /** One request through the agent; its wait counts as the server's time, not the runner's. */
  exchange(spec: Sent): Promise<Answer>;
  /**
   * One request whose wait the step counts itself (several at once, or one that outlasts a signal):
   * through the agent unless `ownConnection`, given up after `timeoutMs` (default requestTimeoutMs).
   * Steps send every request through this or exchange, so a run can list what it sent. `to` sends it
   * to another instance of the server (checkScope.ts), on a connection of its own.
   */
  send(spec: Sent, options?: { timeoutMs?: number; ownConnection?: boolean; to?: Address }): Promise<Answer>;
  /** Counts the wait for `p` as the server's time. */
  timed<T>(p: Promise<T>): Promise<T>;
  /** Counts `ms` already spent waiting on the server. */
  addWaited(ms: number): void;
  /** Starts the server when it is not running and waits for its health; undefined, or why it could not. */
  ensureRunning(): Promise<string | undefined>;
  /** Throws `Cancelled` once the caller has cancelled the run. */
  throwIfCancelled(): void;
  /** Waits `ms`, or less when the run is cancelled. */
  pause(ms: number): Promise<void>;
}

/** What describing a step may need to know of the project. */
export interface DescribeContext {
  healthPath: string;
}

/** A step in plain words; `request` is the HTTP request it sends, where it sends one, for a curl command. */
export interface Described {
  sent: string;
  expected: string;
  request?: Sent;
}

/** A step's own verdict; the session adds what was sent and expected. */
export interface Outcome {
  ok: boolean;
  got: string;
}

/** One kind of step. `Spec` is what `parse` makes of the file and what `describe` and `run` take. */
export interface StepKind<Spec extends { kind: string }> {
  /**
   * Reads a step mapping that holds this kind's key: checks its keys and values through `p`'s field
   * readers, which keep every problem at its path, and returns the spec only when nothing was wrong.
   */
  parse(p: Parser, step: Fields): Spec | undefined;
  /** In plain words, what the step sends and what it expects (the report's "sent:" and "expected:"). */
  describe(spec: Spec, vars: Vars, ctx: DescribeContext): Described;
  /**
   * Runs the step against the session and says what came back. A failed request may throw
   * (HttpFailure, TemplateError): the session turns that into a failed step.
   */
  run(spec: Spec, vars: Vars, session: StepSession): Promise<Outcome>;
}
