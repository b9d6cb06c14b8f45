// Calls to the server's JSON API. Changes carry the CSRF token the login cookie pairs with;
// errors arrive as {"error": {"code", "message"}} and are thrown as ApiError.

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

function csrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)tp_csrf=([^;]+)/);
  return match ? decodeURIComponent(match[1]) : "";
}

export async function call(method, path, body) {
  const headers = { Accept: "application/json" };
  if (method !== "GET") headers["X-CSRF-Token"] = csrfToken();
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
    });
  } catch {
    throw new ApiError(0, "offline", "");
  }
  if (response.status === 204) return null;
  const data = await response.json().catch(() => null);
  if (!response.ok) {
    const error = data && data.error ? data.error : { code: "error", message: response.statusText };
    throw new ApiError(response.status, error.code, error.message);
  }
  return data;
}

export const api = {
  session: () => call("GET", "/api/session"),
  login: (token) => call("POST", "/api/session", { token }),
  logout: () => call("DELETE", "/api/session"),
  labels: (language) => call("GET", `/api/labels/${language}`),
  trips: (offset = 0) => call("GET", `/api/trips?limit=20&offset=${offset}`),
  trip: (id) => call("GET", `/api/trips/${encodeURIComponent(id)}`),
  plan: (request) => call("POST", "/api/trips", { request }),
  send: (id, text) => call("POST", `/api/trips/${encodeURIComponent(id)}/messages`, { text }),
  rename: (id, title) => call("PATCH", `/api/trips/${encodeURIComponent(id)}`, { title }),
  remove: (id) => call("DELETE", `/api/trips/${encodeURIComponent(id)}`),
  cancel: (runId) => call("POST", `/api/runs/${encodeURIComponent(runId)}/cancel`),
};
