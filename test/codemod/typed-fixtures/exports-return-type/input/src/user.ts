import { isRunning } from './alive';

export const up: boolean = isRunning(Number(process.env.PID));
