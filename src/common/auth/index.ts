export * from './guards.js';
export * from './password-hasher.js';
export * from './principal.decorator.js';
export * from './realms.js';
export * from './secrets.js';
export * from './token.service.js';
