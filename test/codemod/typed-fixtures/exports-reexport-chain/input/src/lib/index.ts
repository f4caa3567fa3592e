export * from './alive';
