export * from './close-codes';
export * from './errors';
export * from './events';
