// A minimal single-page app on the unmodified @auth0/auth0-spa-js, the way its README uses it.
// Bundled by esbuild at test time (serve.mjs); reads { domain, clientId } from /auth_config.json.
import { createAuth0Client } from '@auth0/auth0-spa-js';

const $ = (id) => document.getElementById(id);

function describe(e) {
  if (!e) return 'unknown error';
  if (e.error) return e.error_description ? `${e.error}: ${e.error_description}` : String(e.error);
  return e.message || String(e);
}

function showError(where, e) {
  console.error(where, e);
  $('error').textContent = `${where}: ${describe(e)}`;
}

async function render(client) {
  const authenticated = await client.isAuthenticated();
  const user = authenticated ? await client.getUser() : undefined;
  $('user').textContent = user ? JSON.stringify(user, null, 2) : '';
  $('login').disabled = false;
  $('logout').disabled = !authenticated;
  $('token').disabled = !authenticated;
  // Set last: the e2e driver reads #status as "this page is ready".
  $('status').textContent = authenticated ? 'logged in' : 'logged out';
}

async function main() {
  const response = await fetch('/auth_config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`/auth_config.json: HTTP ${response.status}`);
  const config = await response.json();

  const client = await createAuth0Client({
    domain: config.domain,
    clientId: config.clientId,
    authorizationParams: { redirect_uri: window.location.origin },
  });

  const query = window.location.search;
  if ((query.includes('code=') || query.includes('error=')) && query.includes('state=')) {
    try {
      await client.handleRedirectCallback();
    } catch (e) {
      showError('handleRedirectCallback', e);
    }
    window.history.replaceState({}, document.title, window.location.pathname);
  }

  $('login').addEventListener('click', () => {
    $('error').textContent = '';
    client.loginWithRedirect().catch((e) => showError('loginWithRedirect', e));
  });
  $('logout').addEventListener('click', () => {
    $('error').textContent = '';
    client.logout({ logoutParams: { returnTo: window.location.origin } }).catch((e) => showError('logout', e));
  });
  $('token').addEventListener('click', async () => {
    $('error').textContent = '';
    $('token-result').textContent = '';
    try {
      // cacheMode 'off' skips the in-memory cache, so this really runs /authorize?prompt=none in the hidden iframe.
      const token = await client.getTokenSilently({ cacheMode: 'off' });
      $('token-result').textContent = token;
    } catch (e) {
      showError('getTokenSilently', e);
    }
  });

  await render(client);
}

main().catch((e) => {
  showError('startup', e);
  $('status').textContent = 'failed';
});
