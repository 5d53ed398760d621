export { BffError, ConfigError, isBffError, type BffErrorOptions } from './bff-error.ts';
export { ERROR_CODES, type ErrorCode } from './error-codes.ts';
export { errorLogFields, type ErrorLogFields } from './log-fields.ts';
export { apiErrorBody, apiErrorStatus, signInErrorLocation } from './public-answer.ts';
export { toBffError } from './to-bff-error.ts';
