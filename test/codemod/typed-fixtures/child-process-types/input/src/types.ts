// Values whose types only a checker sees from another file: the agreed answer to "is this a child process?".
import { spawn, type ChildProcess } from 'node:child_process';

/** execa's and Bun's names, declared here (no package installed): a child process by name. */
export interface Subprocess {
  kill(signal?: number): boolean;
}
export interface ResultPromise extends Promise<unknown> {
  kill(signal?: number): boolean;
}
/** A team's wrapper around Node's class: a child process by its base. */
export interface Worker extends ChildProcess {
  readonly role: string;
}
/** Something else with a kill method: not a child process. */
export interface Lamp {
  kill(signal?: number): boolean;
}

export const node = spawn('true');
export const maybe: ChildProcess | undefined = undefined as ChildProcess | undefined;
export declare const bun: Subprocess;
export declare const execa: ResultPromise;
export declare const worker: Worker;
export declare const tagged: ChildProcess & { readonly tag: string };
export declare const lamp: Lamp;
export declare const either: ChildProcess | Lamp;
