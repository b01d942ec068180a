/**
 * Error codes carried by REST errors (`{ error: { code, message } }`) and socket.io acks
 * (`{ ok: false, error: { code, message } }`). One union for both channels.
 */
export type ErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'too_large'
  | 'rate_limited'
  | 'board_locked'
  | 'phase_forbids'
  | 'not_open'
  | 'budget_exceeded'
  | 'item_max_exceeded'
  | 'storage_failed'
  | 'room_unavailable'
  | 'setup_done'
  | 'weak_password'
  | 'session_full'
  | 'account_disabled'
  | 'link_expired'
  | 'internal';

/** The error object inside every error response and failed ack. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
}

/** What every socket.io request's acknowledgement carries. */
export type Ack<T extends object = object> = ({ ok: true } & T) | { ok: false; error: ErrorBody };
