// GET a JSON endpoint of our own API from the browser: the error the API names (its message and
// the bad parameter) becomes the thrown error, so views can show it as it is.

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly parameter?: string,
  ) {
    super(message);
  }
}

export type QueryParams = Record<string, string | number | boolean | undefined | null>;

/** `path` with the defined `params` as its query string, in a stable order. */
export function withQuery(path: string, params: QueryParams = {}): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params).sort(([a], [b]) => a.localeCompare(b)))
    if (value !== undefined && value !== null && value !== "") query.set(name, String(value));
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

export async function fetchJson<T>(
  path: string,
  params?: QueryParams,
  signal?: AbortSignal,
): Promise<T> {
  const response = await fetch(withQuery(path, params), {
    cache: "no-store",
    headers: { Accept: "application/json" },
    signal,
  });
  if (response.ok) return (await response.json()) as T;
  let message = `${response.status} ${response.statusText}`.trim();
  let parameter: string | undefined;
  try {
    const body = (await response.json()) as { error?: { message?: string; parameter?: string } };
    message = body.error?.message ?? message;
    parameter = body.error?.parameter;
  } catch {
    // Not JSON (a proxy's error page): the status says enough.
  }
  throw new ApiRequestError(response.status, message, parameter);
}
