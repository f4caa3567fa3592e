import { bun, either, execa, lamp, maybe, node, tagged, worker } from './types.js';

export function probes(): void {
  node.kill(0);
  maybe?.kill(0);
  bun.kill(0);
  execa.kill(0);
  worker.kill(0);
  tagged.kill(0);
  lamp.kill(0);
  either.kill(0);
}
