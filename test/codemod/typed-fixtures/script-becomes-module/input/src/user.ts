export const a = isAlive(1);
