// The accounts server: consent page, token endpoint (code + PKCE, refresh) and revoke, imitating
// accounts.zoho.com for the one registered sandbox client.
import { escapeHtml, formFields, html, json, redirect, type RouteContext, type Router, type SandboxResponse } from './http';
import type { SandboxState } from './state';
import { s256 } from './tokens';
import { CLIENT, describeScope, isAllowedRedirectUri, parseScope, splitScopes, tokenError } from './zoho';

interface AuthorizeRequest {
  redirectUri: string;
  scopes: string[];
  state: string | null;
  challenge: string | null;
  challengeMethod: string | null;
  offline: boolean;
  raw: URLSearchParams;
}

/** The same checks for the page and for the form it posts (hidden fields can be edited). */
function checkAuthorizeRequest(params: URLSearchParams): { ok: true; value: AuthorizeRequest } | { ok: false; page: SandboxResponse } {
  const clientId = params.get('client_id');
  if (clientId !== CLIENT.id) {
    return { ok: false, page: errorPage('Invalid Client', 'The client_id does not belong to any registered application.') };
  }
  const redirectUri = params.get('redirect_uri') ?? '';
  if (!isAllowedRedirectUri(redirectUri)) {
    return {
      ok: false,
      page: errorPage('Invalid Redirect Uri', 'The redirect URI is invalid: it does not match any redirect URI registered for this client.'),
    };
  }
  // Errors after this point could be sent to the redirect URI (RFC 6749), but Zoho shows its own
  // error page for them, which is what we imitate (UNCONFIRMED for response_type).
  if (params.get('response_type') !== 'code') {
    return { ok: false, page: errorPage('Invalid Response Type', 'Only response_type=code is supported for this client.') };
  }
  const scopes = splitScopes(params.get('scope') ?? '');
  if (scopes.length === 0 || scopes.some((scope) => parseScope(scope) === null)) {
    return { ok: false, page: errorPage('Invalid OAuth Scope', 'The scope parameter is missing or malformed.') };
  }
  const challenge = params.get('code_challenge');
  const challengeMethod = params.get('code_challenge_method');
  if (challenge !== null || challengeMethod !== null) {
    if (challengeMethod !== 'S256' || challenge === null || !/^[A-Za-z0-9_-]{43,128}$/.test(challenge)) {
      return {
        ok: false,
        page: errorPage('Invalid Code Challenge', 'PKCE needs a code_challenge with code_challenge_method=S256.'),
      };
    }
  }
  return {
    ok: true,
    value: {
      redirectUri,
      scopes,
      state: params.get('state'),
      challenge,
      challengeMethod,
      offline: params.get('access_type') === 'offline',
      raw: params,
    },
  };
}

/** Zoho appends `location` and `accounts-server` to the code redirect. */
function approve(sandbox: SandboxState, ctx: RouteContext, request: AuthorizeRequest, userId: string): SandboxResponse {
  const { config } = sandbox;
  const code = sandbox.tokens.issueCode({
    clientId: CLIENT.id,
    userId,
    redirectUri: request.redirectUri,
    scopes: request.scopes,
    challenge: request.challenge,
    offline: request.offline,
    expiresAt: sandbox.now() + config.codeTtlSeconds * 1000,
  });
  const target = new URL(request.redirectUri);
  target.searchParams.set('code', code.code);
  target.searchParams.set('location', config.dataCentre);
  target.searchParams.set('accounts-server', config.forgeAccountsServer ?? ctx.req.origin);
  if (request.state !== null) target.searchParams.set('state', request.state);
  ctx.meta.userId = userId;
  return redirect(target.toString());
}

function deny(request: AuthorizeRequest): SandboxResponse {
  const target = new URL(request.redirectUri);
  target.searchParams.set('error', 'access_denied');
  if (request.state !== null) target.searchParams.set('state', request.state);
  return redirect(target.toString());
}

// Parameters the consent form carries through to the approve step.
const CARRIED = ['client_id', 'redirect_uri', 'response_type', 'scope', 'state', 'access_type', 'prompt', 'code_challenge', 'code_challenge_method'];

function consentPage(sandbox: SandboxState, request: AuthorizeRequest): SandboxResponse {
  const hidden = CARRIED.filter((name) => request.raw.has(name))
    .map((name) => `<input type="hidden" name="${name}" value="${escapeHtml(request.raw.get(name) ?? '')}">`)
    .join('\n        ');
  const scopes = request.scopes
    .map((scope) => `<li><span class="scope-words">${escapeHtml(describeScope(scope))}</span> <code>${escapeHtml(scope)}</code></li>`)
    .join('\n          ');
  const options = sandbox.store.users
    .map((user) => {
      const selected = user.id === sandbox.config.signedInUserId ? ' selected' : '';
      return `<option value="${escapeHtml(user.id)}"${selected}>${escapeHtml(`${user.full_name} (${user.email})`)}</option>`;
    })
    .join('\n            ');
  return html(
    200,
    `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Zoho Accounts (sandbox) – Authorize ${escapeHtml(CLIENT.name)}</title>
  <link rel="icon" href="/__sandbox/ui/favicon.svg">
  <link rel="stylesheet" href="/__sandbox/ui/accounts.css">
</head>
<body>
  <main class="card">
    <div class="brand"><span class="logo" aria-hidden="true">ZOHO</span> Accounts <span class="sandbox-tag">sandbox</span></div>
    <h1><span class="app-name">${escapeHtml(CLIENT.name)}</span> would like to access your Zoho account</h1>
    <form method="post" action="/oauth/v2/auth/approve">
        ${hidden}
      <p class="signed-in">
        <label for="user_id">Signed in as</label>
        <select id="user_id" name="user_id">
            ${options}
        </select>
      </p>
      <section aria-labelledby="scopes-heading">
        <h2 id="scopes-heading">This application will be able to:</h2>
        <ul class="scopes">
          ${scopes}
        </ul>
      </section>
      <p class="fine-print">You can revoke this access at any time from Zoho Accounts › Connected Apps.</p>
      <div class="actions">
        <button type="submit" name="decision" value="accept" class="primary">Accept</button>
        <button type="submit" name="decision" value="deny" class="secondary">Deny</button>
      </div>
    </form>
  </main>
</body>
</html>
`,
    { 'cache-control': 'no-store' },
  );
}

function errorPage(title: string, message: string): SandboxResponse {
  return html(
    400,
    `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Zoho Accounts (sandbox) – ${escapeHtml(title)}</title>
  <link rel="icon" href="/__sandbox/ui/favicon.svg">
  <link rel="stylesheet" href="/__sandbox/ui/accounts.css">
</head>
<body>
  <main class="card error">
    <div class="brand"><span class="logo" aria-hidden="true">ZOHO</span> Accounts <span class="sandbox-tag">sandbox</span></div>
    <h1>${escapeHtml(title)}</h1>
    <p>${escapeHtml(message)}</p>
  </main>
</body>
</html>
`,
    { 'cache-control': 'no-store' },
  );
}

function exchangeCode(sandbox: SandboxState, ctx: RouteContext, fields: URLSearchParams): SandboxResponse {
  const now = sandbox.now();
  if (fields.get('client_id') !== CLIENT.id) return tokenError('invalid_client');
  const code = sandbox.tokens.takeCode(fields.get('code') ?? '', now);
  if (!code) return tokenError('invalid_code');
  ctx.meta.userId = code.userId;
  if (code.clientId !== fields.get('client_id')) return tokenError('invalid_client');
  if (code.redirectUri !== fields.get('redirect_uri')) return tokenError('invalid_redirect_uri');
  if (code.challenge !== null) {
    const verifier = fields.get('code_verifier') ?? '';
    // A failed PKCE check answers `invalid_code` (the code is what the verifier fails to unlock);
    // whether Zoho says `invalid_code_verifier` instead is UNCONFIRMED.
    if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier) || s256(verifier) !== code.challenge) return tokenError('invalid_code');
  }
  const refresh = code.offline ? sandbox.tokens.issueRefreshToken(code.clientId, code.userId, code.scopes, now) : null;
  const access = sandbox.tokens.issueAccessToken(
    { clientId: code.clientId, userId: code.userId, scopes: code.scopes, refreshToken: refresh },
    sandbox.config.accessTokenTtlSeconds,
    now,
  );
  return json(
    200,
    {
      access_token: access.token,
      ...(refresh ? { refresh_token: refresh.token } : {}),
      scope: code.scopes.join(' '),
      api_domain: ctx.req.origin,
      token_type: 'Bearer',
      expires_in: sandbox.config.accessTokenTtlSeconds,
    },
    { 'cache-control': 'no-store' },
  );
}

function refreshAccessToken(sandbox: SandboxState, ctx: RouteContext, fields: URLSearchParams): SandboxResponse {
  const now = sandbox.now();
  if (fields.get('client_id') !== CLIENT.id) return tokenError('invalid_client');
  const refresh = sandbox.tokens.refreshToken(fields.get('refresh_token') ?? '');
  if (!refresh) return tokenError('invalid_code');
  ctx.meta.userId = refresh.userId;
  if (refresh.clientId !== fields.get('client_id')) return tokenError('invalid_client');
  if (sandbox.tokens.isThrottled(refresh, now)) {
    ctx.meta.throttled = true;
    return tokenError('throttled');
  }
  sandbox.tokens.recordMint(refresh, now);
  const access = sandbox.tokens.issueAccessToken(
    { clientId: refresh.clientId, userId: refresh.userId, scopes: refresh.scopes, refreshToken: refresh },
    sandbox.config.accessTokenTtlSeconds,
    now,
  );
  return json(
    200,
    {
      access_token: access.token,
      scope: refresh.scopes.join(' '),
      api_domain: ctx.req.origin,
      token_type: 'Bearer',
      expires_in: sandbox.config.accessTokenTtlSeconds,
    },
    { 'cache-control': 'no-store' },
  );
}

export function registerOAuthRoutes(router: Router, sandbox: SandboxState): void {
  router.add('GET', '/oauth/v2/auth', (ctx) => {
    const checked = checkAuthorizeRequest(ctx.req.url.searchParams);
    return checked.ok ? consentPage(sandbox, checked.value) : checked.page;
  });

  router.add('POST', '/oauth/v2/auth/approve', (ctx) => {
    const fields = formFields(ctx.req);
    const checked = checkAuthorizeRequest(fields);
    if (!checked.ok) return checked.page;
    if (fields.get('decision') !== 'accept') return deny(checked.value);
    const userId = fields.get('user_id') ?? sandbox.config.signedInUserId;
    if (!sandbox.store.user(userId)) return errorPage('Invalid User', 'The selected user does not exist.');
    return approve(sandbox, ctx, checked.value, userId);
  });

  router.add('POST', '/oauth/v2/token', (ctx) => {
    const fields = formFields(ctx.req);
    const grantType = fields.get('grant_type') ?? '';
    if (grantType) ctx.meta.grantType = grantType;
    // client_secret is ignored: the sandbox client is of the mobile/desktop type.
    if (grantType === 'authorization_code') return exchangeCode(sandbox, ctx, fields);
    if (grantType === 'refresh_token') return refreshAccessToken(sandbox, ctx, fields);
    return tokenError('unsupported_grant_type');
  });

  // Revoking an unknown token answers success too: revocation is idempotent, and Zoho's answer for
  // an unknown token is UNCONFIRMED. An access token may be revoked on its own.
  router.add('POST', '/oauth/v2/token/revoke', (ctx) => {
    const token = formFields(ctx.req).get('token') ?? '';
    const userId = sandbox.tokens.revokeRefreshToken(token) ?? sandbox.tokens.revokeAccessToken(token);
    if (userId) ctx.meta.userId = userId;
    return json(200, { status: 'success' }, { 'cache-control': 'no-store' });
  });
}
