// Signing in to a running server the way a script would: log in as the admin, then create an API
// token (Authorization: Bearer) for the load generator, which then needs no cookie or CSRF token.
export const BENCH_ADMIN_PASSWORD = 'Bench-admin-password-1';

export async function adminToken(url: string, password: string): Promise<string> {
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password }),
  });
  if (!login.ok) throw new Error(`Admin login failed: ${login.status} ${await login.text()}`);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const created = await fetch(`${url}/api/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ name: 'benchmark' }),
  });
  if (created.status !== 201) throw new Error(`Creating an API token failed: ${created.status} ${await created.text()}`);
  return ((await created.json()) as { secret: string }).secret;
}

/** GET with the token; the status and, for an error, the message the API gave. */
export async function probe(url: string, token: string, pathAndQuery: string): Promise<{ status: number; message: string | null }> {
  const res = await fetch(`${url}${pathAndQuery}`, { headers: { authorization: `Bearer ${token}` } });
  const text = await res.text();
  if (res.ok) return { status: res.status, message: null };
  let message = text.slice(0, 200);
  try {
    message = (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? message;
  } catch {
    // Not the API's JSON error shape; keep the text.
  }
  return { status: res.status, message };
}
