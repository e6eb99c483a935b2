import {
  SSEClientTransport,
  StreamableHTTPClientTransport,
  type FetchLike,
  type Transport,
} from '@modelcontextprotocol/client';

/** Statuses whose responses carry no body (the Response constructor rejects one). */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/**
 * A fetch that aborts at the scan's deadline and cuts off any response body over
 * `maxResponseBytes`, so that a remote server can neither hang the scan nor exhaust memory.
 */
export function limitedFetch(
  maxResponseBytes: number,
  deadline: AbortSignal,
  base: typeof fetch = fetch,
): FetchLike {
  return async (url, init) => {
    const signal = init?.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
    const response = await base(url, { ...init, signal });
    if (response.body === null || NULL_BODY_STATUSES.has(response.status)) return response;
    let total = 0;
    const counter = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        total += chunk.byteLength;
        if (total > maxResponseBytes) {
          controller.error(
            new Error(`response from the server exceeded ${String(maxResponseBytes)} bytes`),
          );
        } else {
          controller.enqueue(chunk);
        }
      },
    });
    return new Response(response.body.pipeThrough(counter), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}

export interface HttpTransportOptions {
  url: URL;
  headers: Readonly<Record<string, string>>;
  fetch: FetchLike;
}

/** The Streamable HTTP transport with the configured headers (bearer tokens included). */
export function streamableHttpTransport(options: HttpTransportOptions): Transport {
  return new StreamableHTTPClientTransport(options.url, {
    requestInit: { headers: { ...options.headers } },
    fetch: options.fetch,
  });
}

/** The legacy HTTP+SSE transport (protocol 2024-11-05), for servers that predate Streamable HTTP. */
export function sseTransport(options: HttpTransportOptions): Transport {
  // The transport sends `requestInit.headers` on the event-stream GET and on every POST.
  // Deprecated in the SDK, but servers still deployed with it must be scannable.
  // eslint-disable-next-line @typescript-eslint/no-deprecated
  return new SSEClientTransport(options.url, {
    requestInit: { headers: { ...options.headers } },
    fetch: options.fetch,
  });
}
