// oidc-login.mjs: whole browserless logins per second through Node's oidc-provider, the peer of
// bench_login_server in tests/bench/run-all.
//
//   node tests/bench/oidc-login.mjs [--logins 300] [--warmup 20]
//   AUTHDECK_BENCH_JSON=results.json node tests/bench/oidc-login.mjs ...   # also writes the results as JSON
//
// oidc-provider (from tests/e2e/node_modules) runs in this process with its development interactions
// (devInteractions: a login form, then a consent form), one public client, PKCE S256 and RS256 ID tokens, as
// tests/bench/token-exchange.mjs configures it. Each login is a fresh cookie jar on kept connections:
// GET /auth, the redirects to the login form, POST the login form, the redirects to the consent form, POST it,
// the redirects to the callback with the code, POST /oauth/token (checked: 200 with an id_token). Like
// bench_login_server, client and server share one process, and the logins run one at a time.
//
// What differs from Authdeck's whole login: devInteractions accepts any login name and checks no password (no
// hash at all) and asks for no second factor; it asks for consent instead. Authdeck's login hashes the password
// (PasswordHasher::minimal(), Argon2id) and sends and checks an SMS code through the local Plivo sandbox.

import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const CALLBACK = 'http://localhost:3000/callback';
const SCOPE = 'openid profile email';

function parseArgs(argv) {
  const options = { logins: 300, warmup: 20 };
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i].replace(/^--/, '');
    const value = Number(argv[i + 1]);
    if (!(name in options) || !Number.isInteger(value) || value < 0) {
      console.error('usage: node oidc-login.mjs [--logins N] [--warmup N]');
      process.exit(2);
    }
    options[name] = value;
  }
  options.logins = Math.max(1, options.logins);
  return options;
}

async function startProvider() {
  process.env.NODE_ENV ??= 'production'; // read when oidc-provider loads, as token-exchange.mjs sets it
  const modules = process.env.AUTHDECK_E2E_NODE_MODULES ?? path.join(here, '..', 'e2e', 'node_modules');
  const root = path.join(modules, 'oidc-provider');
  const { default: Provider } = await import(pathToFileURL(path.join(root, 'lib', 'index.js')));
  const version = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), alg: 'RS256', use: 'sig', kid: 'bench' };
  const server = http.createServer();
  server.keepAliveTimeout = 0; // idle connections stay open, as on Authdeck's server
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = server.address().port;
  const provider = new Provider(`http://127.0.0.1:${port}`, {
    clients: [{
      client_id: 'bench-spa',
      token_endpoint_auth_method: 'none',
      redirect_uris: [CALLBACK],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    }],
    jwks: { keys: [jwk] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'nickname', 'updated_at'] },
    conformIdTokenClaims: false,
    cookies: { keys: [randomBytes(16).toString('hex')] },
    features: { devInteractions: { enabled: true } },
    routes: { token: '/oauth/token' },
    ttl: {
      AccessToken: 86400, AuthorizationCode: 60, IdToken: 36000, Grant: 14 * 86400, Interaction: 3600,
      Session: 14 * 86400, RefreshToken: 30 * 86400,
    },
    async findAccount(ctx, sub) {
      return {
        accountId: sub,
        async claims() {
          return { sub, email: sub, email_verified: true, name: sub, nickname: 'bench', updated_at: 1767225600 };
        },
      };
    },
  });
  server.on('request', provider.callback());
  return { server, port, version };
}

/** One HTTP exchange on @p agent; resolves to { status, headers, body }. */
function request(port, agent, method, pathAndQuery, cookies, body) {
  return new Promise((resolve, reject) => {
    const headers = { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
    if (body !== undefined) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      headers['content-length'] = Buffer.byteLength(body);
    }
    const req = http.request({ host: '127.0.0.1', port, method, path: pathAndQuery, agent, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        for (const line of res.headers['set-cookie'] ?? []) {
          const [pair] = line.split(';');
          const eq = pair.indexOf('=');
          cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
        }
        resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString() });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Follows redirects on the provider until a page, or the callback's URL; returns the last answer. */
async function follow(port, agent, cookies, answer) {
  while (answer.status >= 300 && answer.status < 400) {
    const location = new URL(answer.headers.location, `http://127.0.0.1:${port}`);
    if (location.href.startsWith(CALLBACK)) return { ...answer, callback: location };
    answer = await request(port, agent, 'GET', location.pathname + location.search, cookies);
  }
  return answer;
}

function formAction(page) {
  const match = /<form[^>]*action="([^"]+)"/.exec(page.body);
  if (!match) throw new Error(`no form on the page (HTTP ${page.status})`);
  return match[1];
}

async function logIn(port, agent, index) {
  const cookies = new Map();
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const query = new URLSearchParams({
    client_id: 'bench-spa', response_type: 'code', redirect_uri: CALLBACK, scope: SCOPE,
    state: randomBytes(8).toString('hex'), nonce: randomBytes(8).toString('hex'),
    code_challenge: challenge, code_challenge_method: 'S256',
  });
  const loginPage = await follow(port, agent, cookies, await request(port, agent, 'GET', `/auth?${query}`, cookies));
  const login = new URLSearchParams({ prompt: 'login', login: `user${index % 1000}@bench.test`, password: 'x' });
  const consentPage = await follow(port, agent, cookies,
    await request(port, agent, 'POST', formAction(loginPage), cookies, login.toString()));
  const done = consentPage.callback ? consentPage : await follow(port, agent, cookies,
    await request(port, agent, 'POST', formAction(consentPage), cookies, 'prompt=consent'));
  const code = done.callback?.searchParams.get('code');
  if (!code) throw new Error(`no code at the callback (HTTP ${done.status})`);
  const token = await request(port, agent, 'POST', '/oauth/token', new Map(), new URLSearchParams({
    grant_type: 'authorization_code', client_id: 'bench-spa', code, code_verifier: verifier, redirect_uri: CALLBACK,
  }).toString());
  const idToken = token.status === 200 ? JSON.parse(token.body).id_token : undefined;
  if (!idToken || idToken.split('.').length !== 3) throw new Error(`POST /oauth/token answered ${token.status}`);
}

function percentile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

const options = parseArgs(process.argv.slice(2));
const { server, port, version } = await startProvider();
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
try {
  for (let i = 0; i < options.warmup; i++) await logIn(port, agent, i);
  const millis = [];
  const started = process.hrtime.bigint();
  for (let i = 0; i < options.logins; i++) {
    const one = process.hrtime.bigint();
    await logIn(port, agent, i);
    millis.push(Number(process.hrtime.bigint() - one) / 1e6);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  millis.sort((a, b) => a - b);
  const result = {
    oidcProviderVersion: version, node: process.version, logins: options.logins, seconds,
    loginsPerSecond: options.logins / seconds, medianMs: percentile(millis, 0.5), p95Ms: percentile(millis, 0.95),
  };
  console.log(`oidc-provider ${version} (devInteractions), ${options.logins} whole logins in ${seconds.toFixed(2)} s: `
    + `${result.loginsPerSecond.toFixed(1)} logins/s, one at a time; `
    + `median ${result.medianMs.toFixed(2)} ms, p95 ${result.p95Ms.toFixed(2)} ms (load ${os.loadavg()[0].toFixed(2)})`);
  if (process.env.AUTHDECK_BENCH_JSON) writeFileSync(process.env.AUTHDECK_BENCH_JSON, `${JSON.stringify(result, null, 2)}\n`);
} finally {
  agent.destroy();
  server.close();
}
