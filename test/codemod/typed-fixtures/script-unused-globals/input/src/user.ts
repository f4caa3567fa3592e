// Its own isAlive: the script's global is not what it uses.
export function isAlive(name: string): boolean {
  return name !== '';
}
export const a = isAlive('x');
