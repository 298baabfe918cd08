// The part of the kit the gateway needs, without the ORM (keeps the gateway process small).
export * from './auth';
export * from './config';
export * from './errors';
export * from './http';
export * from './input-validation';
export * from './logger';
export * from './metrics';
export * from './request-id';
export * from './roles';
