import type { ErrorBody, ErrorCode } from '../../../shared/protocol';

/** What a failed request carries: the server's error code, or `network` when nothing came back. */
export type ClientErrorCode = ErrorCode | 'network';

/** A failed REST call: HTTP status (0 when the network failed) and an error code. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ClientErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface RequestOptions {
  body?: unknown;
  /** A session access token, sent as `Authorization: Bearer`. */
  token?: string;
}

/** One JSON request to the same-origin API; throws `ApiError` on any non-2xx answer. */
export async function requestJson<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch (error) {
    throw new ApiError(0, 'network', error instanceof Error ? error.message : 'network error');
  }
  const text = await res.text();
  if (!res.ok) {
    const body = parseJson(text) as { error?: ErrorBody } | undefined;
    throw new ApiError(res.status, body?.error?.code ?? 'internal', body?.error?.message ?? res.statusText);
  }
  return (text ? parseJson(text) : undefined) as T;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The error code of anything thrown by the API client or the realtime layer. */
export function errorCodeOf(error: unknown): ClientErrorCode {
  return error instanceof ApiError ? error.code : 'internal';
}
