import { isRunning } from './index';

export const up: boolean = isRunning(Number(process.env.PID));
