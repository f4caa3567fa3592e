import { isRunning } from '../lib/alive';

export const up: boolean = isRunning(Number(process.env.PID));
