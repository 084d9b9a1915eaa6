import http from 'node:http';

export interface RawRequest {
  method: string;
  /** Sent byte for byte: malformed percent-encodings and all. */
  path: string;
  headers?: Record<string, string | string[]>;
  body?: string | Buffer;
  /** The local address to send from (any of 127.0.0.0/8), so rate limits per address stay out of the way. */
  localAddress?: string;
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
  /** From the first byte sent to the last byte received. */
  elapsedMs: number;
}

/**
 * One HTTP request over loopback with nothing normalised on the way (supertest re-encodes paths),
 * for tests that must send what a hostile client would.
 */
export function rawRequest(port: number, request: RawRequest, timeoutMs = 10_000): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const body = request.body === undefined ? undefined : Buffer.isBuffer(request.body) ? request.body : Buffer.from(request.body);
    const headers: Record<string, string | string[]> = { ...request.headers };
    if (body !== undefined && !Object.keys(headers).some((name) => name.toLowerCase() === 'content-length'))
      headers['content-length'] = String(body.length);
    const outgoing = http.request(
      {
        host: '127.0.0.1',
        port,
        method: request.method,
        path: request.path,
        headers,
        localAddress: request.localAddress,
        agent: false,
        insecureHTTPParser: false,
      },
      (response) => {
        // A Server-Sent Events stream never ends by itself: its answer is its status and headers.
        if (String(response.headers['content-type'] ?? '').startsWith('text/event-stream')) {
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            text: '',
            json: undefined,
            elapsedMs: performance.now() - started,
          });
          outgoing.destroy();
          return;
        }
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = text === '' ? undefined : JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: response.statusCode ?? 0, headers: response.headers, text, json, elapsedMs: performance.now() - started });
        });
        response.on('error', reject);
      },
    );
    outgoing.setTimeout(timeoutMs, () =>
      outgoing.destroy(new Error(`no answer within ${timeoutMs} ms: ${request.method} ${request.path.slice(0, 200)}`)),
    );
    outgoing.on('error', reject);
    if (body !== undefined) outgoing.write(body);
    outgoing.end();
  });
}

/** Whether `body` is the platform's error format: `{"errors":[{code,message,field?}, …]}`, at least one entry. */
export function isPlatformErrorBody(body: unknown): boolean {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const errors = (body as { errors?: unknown }).errors;
  if (!Array.isArray(errors) || errors.length === 0) return false;
  return errors.every(
    (entry) =>
      typeof entry === 'object' &&
      entry !== null &&
      typeof entry.code === 'number' &&
      typeof entry.message === 'string' &&
      entry.message !== '' &&
      (entry.field === undefined || typeof entry.field === 'string'),
  );
}

/** The events module's error format: one JSON string, `"<reason>"` or `"<reason> - <detail>"`. */
export function isEventsErrorBody(body: unknown): boolean {
  return typeof body === 'string' && body !== '';
}
