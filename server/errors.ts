import type { ErrorBody, ErrorCode } from '../shared/protocol';

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
  board_locked: 423,
  phase_forbids: 409,
  not_open: 409,
  budget_exceeded: 409,
  item_max_exceeded: 409,
  storage_failed: 503,
  room_unavailable: 503,
  setup_done: 409,
  weak_password: 400,
  session_full: 409,
  account_disabled: 401,
  link_expired: 410,
  internal: 500,
};

/** The one error type services throw: a code from the shared union and a message. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.status = STATUS[code];
  }

  toBody(): ErrorBody {
    return { code: this.code, message: this.message };
  }
}

/** Any thrown value as an AppError; unknown errors become `internal` without their details. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  return new AppError('internal', 'internal server error');
}

/** Zod issues as one readable line. */
export function describeIssues(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  return issues.map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message)).join('; ');
}
