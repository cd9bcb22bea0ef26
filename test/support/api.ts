// A tiny HTTP client for the API, bound to one bearer token (tests, benchmark, drills).

export interface ApiResponse {
  status: number;
  body: any; // tests read whatever the API answered
  headers: Headers;
}

/** A tiny HTTP client bound to one bearer token. */
export function apiAs(baseUrl: string, token: string | undefined) {
  async function call(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse> {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(token && { authorization: `Bearer ${token}` }),
        ...(body !== undefined && { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: leave the text
    }
    return { status: response.status, body: parsed, headers: response.headers };
  }
  return {
    get: (path: string) => call('GET', path),
    post: (path: string, body: unknown = {}, headers?: Record<string, string>) => call('POST', path, body, headers),
    call,
  };
}

export type Api = ReturnType<typeof apiAs>;
