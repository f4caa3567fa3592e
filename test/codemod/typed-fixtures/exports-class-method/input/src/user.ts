import { Daemon } from './daemon';

export const up: boolean = new Daemon(Number(process.env.PID)).isRunning();
