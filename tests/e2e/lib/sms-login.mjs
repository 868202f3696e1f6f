// A whole login with SMS MFA through a tenant's hosted login pages, at the HTTP level (fetch with a cookie
// jar, as a browser without scripts): run by ../deploy-cli.mjs in a Node started with NODE_EXTRA_CA_CERTS.
// It finds the single-page application "My React App" through the Management API (AUTH0_DOMAIN,
// AUTH0_CLIENT_ID, AUTH0_CLIENT_SECRET), signs up a new user from /authorize (PKCE), enrolls a phone, reads
// the SMS code from the local test phone (`authdeck-cli test-phone --tenant AUTHDECK_TENANT --json`),
// answers the challenge and exchanges the code for tokens. One PASS/FAIL line per step; exit 1 on a failure.
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';

const { AUTH0_DOMAIN: domain, AUTH0_CLIENT_ID, AUTH0_CLIENT_SECRET, AUTHDECK_CLI, AUTHDECK_TENANT } = process.env;
const base = `https://${domain}`;
const callback = 'http://localhost:3000';
const email = `sms-${Date.now()}@authdeck.test`;
const password = 'a long enough passphrase 42';

function check(condition, message) {
  if (!condition) throw new Error(message);
}

const cookies = new Map();
async function request(url, options = {}) {
  const headers = { ...(options.headers || {}) };
  if (cookies.size) headers.cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const res = await fetch(new URL(url, base), { ...options, headers, redirect: 'manual' });
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const at = pair.indexOf('=');
    cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
  }
  return { status: res.status, location: res.headers.get('location'), url: new URL(url, base), text: await res.text() };
}

const form = (fields) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});
const unescape = (s) => s.replaceAll('&amp;', '&').replaceAll('&#x2F;', '/').replaceAll('&#47;', '/');
const attribute = (html, pattern) => {
  const m = html.match(pattern);
  return m ? unescape(m[1]) : null;
};

function inbox() {
  return new Promise((resolve, reject) => {
    execFile(AUTHDECK_CLI, ['test-phone', '--tenant', AUTHDECK_TENANT, '--json'], { timeout: 20000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`test-phone: ${stderr || error.message}`));
      else resolve(stdout.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l)));
    });
  });
}

async function nextCode(seen) {
  for (let i = 0; i < 50; i++) {
    const messages = await inbox();
    if (messages.length > seen) {
      const code = (messages.at(-1).text.match(/\b(\d{6})\b/) || [])[1];
      check(code, `no code in ${JSON.stringify(messages.at(-1))}`);
      return { code, to: messages.at(-1).to, count: messages.length };
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('no SMS reached the test phone within 10 s');
}

let failed = false;
async function step(name, fn) {
  const started = performance.now();
  try {
    const detail = await fn();
    console.log(`PASS ${name}${detail ? `: ${detail}` : ''} (${Math.round(performance.now() - started)} ms)`);
  } catch (e) {
    failed = true;
    console.log(`FAIL ${name}: ${e.message}`);
    process.exit(1);
  }
}

let clientId = null;
await step('the imported SPA is found through the Management API', async () => {
  const token = await fetch(`${base}/oauth/token`, form({
    grant_type: 'client_credentials', client_id: AUTH0_CLIENT_ID, client_secret: AUTH0_CLIENT_SECRET, audience: `${base}/api/v2/`,
  })).then((r) => r.json());
  check(token.access_token, JSON.stringify(token));
  const clients = await fetch(`${base}/api/v2/clients?include_totals=true&per_page=100`, {
    headers: { authorization: `Bearer ${token.access_token}` },
  }).then((r) => r.json());
  const spa = clients.clients.find((c) => c.name === 'My React App' && c.app_type === 'spa');
  check(spa, JSON.stringify(clients.clients.map((c) => c.name)));
  clientId = spa.client_id;
  return clientId;
});

const verifier = randomBytes(32).toString('base64url');
const pages = [];
let code = null;
await step(`sign up ${email}, enroll a phone and answer the SMS challenge`, async () => {
  const query = new URLSearchParams({
    client_id: clientId, response_type: 'code', redirect_uri: callback, scope: 'openid profile email', state: 'st4te',
    nonce: 'n0nce', code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256',
  });
  let res = await request(`/authorize?${query}`);
  let sms = { count: (await inbox()).length };
  for (let i = 0; i < 20 && !code; i++) {
    if (res.status >= 300 && res.status < 400) {
      check(res.location, `a ${res.status} without Location`);
      if (res.location.startsWith(callback)) {
        const back = new URL(res.location);
        check(back.searchParams.get('state') === 'st4te', res.location);
        code = back.searchParams.get('code');
        check(code, `no code: ${res.location}`);
        break;
      }
      res = await request(new URL(res.location, res.url));
      continue;
    }
    check(res.status === 200, `status ${res.status} on ${res.url.pathname}: ${res.text.slice(0, 300)}`);
    const csrf = attribute(res.text, /name="csrf"\s+value="([^"]+)"/);
    const formAction = (id) => new URL(attribute(res.text, new RegExp(`<form id="${id}"[^>]*action="([^"]*)"`)) || res.url, res.url);
    if (res.text.includes('id="login-form"')) {
      pages.push('login');
      check(!pages.includes('signup'), 'back on the login page after signing up');
      res = await request(new URL(attribute(res.text, /id="signup-link" href="([^"]+)"/), res.url));
    } else if (res.text.includes('id="signup-form"')) {
      pages.push('signup');
      res = await request(formAction('signup-form'), form({ email, password, csrf, action: 'default' }));
    } else if (res.text.includes('id="enroll-form"')) {
      pages.push('enrollment');
      res = await request(formAction('enroll-form'), form({ country: 'US', phone: '2015550123', csrf, action: 'default' }));
    } else if (res.text.includes('id="challenge-form"')) {
      pages.push('challenge');
      sms = await nextCode(sms.count);
      res = await request(formAction('challenge-form'), form({ code: sms.code, csrf, action: 'default' }));
    } else {
      throw new Error(`an unexpected page at ${res.url.pathname}: ${res.text.slice(0, 300)}`);
    }
  }
  check(code, `no code after ${pages.join(' > ')}`);
  check(pages.includes('enrollment') && pages.includes('challenge'), `no SMS MFA: ${pages.join(' > ')}`);
  return `${pages.join(' > ')}, the code went to ${sms.to}`;
});

await step('the code is exchanged for tokens of the new user', async () => {
  const tokens = await fetch(`${base}/oauth/token`, {
    ...form({ grant_type: 'authorization_code', client_id: clientId, code, code_verifier: verifier, redirect_uri: callback }),
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: callback },
  }).then((r) => r.json());
  check(tokens.id_token, JSON.stringify(tokens));
  const claims = JSON.parse(Buffer.from(tokens.id_token.split('.')[1], 'base64url').toString());
  check(claims.email === email && claims.aud === clientId, JSON.stringify(claims));
  return `id_token for ${claims.email}${claims.amr ? `, amr ${claims.amr.join(' ')}` : ''}`;
});
process.exit(failed ? 1 : 0);
