// Auth0's Node SDK (npm `auth0`, the ManagementClient Auth0's Deploy CLI is built on), unmodified, drives the
// tenant's Management API over TLS:
//
//   node management-sdk.mjs PATH/TO/authdeck-cli        (or AUTHDECK_CLI=PATH)
//
// In a temporary folder: `authdeck-cli demo --domain https://localhost:4443` (the demo story on an https://
// domain), `authdeck-cli management-client` (a machine-to-machine application allowed the Management API;
// its secret stays in this process), `authdeck-cli serve --ca-out ca.pem`; then lib/sdk-calls.mjs runs in a
// child Node with NODE_EXTRA_CA_CERTS=ca.pem (Node reads it at start only) and the SDK's calls print one line
// each. Exit 0 when every call passed, 77 when node_modules lacks the SDK (ctest: skipped), 1 otherwise.
import { spawn, execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { unmetEngines } from './lib/node-version.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const PORT = 4443;
const DOMAIN = `https://localhost:${PORT}`;

function run(cli, args) {
  return new Promise((resolve, reject) => {
    execFile(cli, args, { timeout: 20000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`authdeck-cli ${args[0]} failed: ${stderr.trim() || error.message}`));
      else resolve(stdout);
    });
  });
}

// Starts `authdeck-cli serve`; resolves once it has written the CA certificate, with the child.
function serve(cli, tenant, caFile) {
  return new Promise((resolve, reject) => {
    const child = spawn(cli, ['serve', '--tenant', tenant, '--ca-out', caFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    const log = [];
    const timer = setTimeout(() => reject(new Error(`serve did not start in 30 s:\n${log.join('\n')}`)), 30000);
    createInterface({ input: child.stdout }).on('line', (line) => {
      log.push(line);
      if (line.includes('CA certificate is in')) {
        clearTimeout(timer);
        resolve({ child, log });
      }
    });
    child.stderr.on('data', (data) => log.push(String(data).trim()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}:\n${log.join('\n')}`));
    });
  });
}

function stop(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 10000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function main() {
  const problems = unmetEngines(path.join(here, 'package-lock.json'), ['auth0'], process.versions.node);
  if (problems.length) {
    for (const p of problems) console.error(`management-sdk: ${p}`);
    process.exit(1);
  }
  if (!existsSync(path.join(here, 'node_modules', 'auth0', 'package.json'))) {
    console.error(`management-sdk: SKIPPED: ${path.join(here, 'node_modules')} lacks auth0; run "npm ci" in ${here}`);
    process.exit(77);
  }
  const cli = process.argv[2] || process.env.AUTHDECK_CLI;
  if (!cli || !existsSync(cli)) {
    console.error('usage: node management-sdk.mjs PATH/TO/authdeck-cli');
    process.exit(2);
  }

  const tmp = mkdtempSync(path.join(tmpdir(), 'authdeck-sdk-'));
  const tenant = path.join(tmp, 'tenant.authdeck');
  const caFile = path.join(tmp, 'ca.pem');
  let server = null;
  let code = 1;
  try {
    await run(cli, ['demo', '--tenant', tenant, '--domain', DOMAIN]);
    const config = JSON.parse(await run(cli, ['management-client', '--tenant', tenant, '--name', 'Deploy CLI']));
    if (config.AUTH0_DOMAIN !== `localhost:${PORT}`) throw new Error(`AUTH0_DOMAIN is ${config.AUTH0_DOMAIN}`);
    console.log(`PASS management-client printed a Deploy CLI config for ${config.AUTH0_DOMAIN}`);
    server = await serve(cli, tenant, caFile);
    console.log(`PASS serve listens on ${DOMAIN} and wrote its CA (${readFileSync(caFile, 'utf8').split('\n')[0]})`);
    code = await new Promise((resolve) => {
      const child = spawn(process.execPath, [path.join(here, 'lib', 'sdk-calls.mjs')], {
        stdio: 'inherit',
        env: { ...process.env, NODE_EXTRA_CA_CERTS: caFile, AUTH0_DOMAIN: config.AUTH0_DOMAIN,
               AUTH0_CLIENT_ID: config.AUTH0_CLIENT_ID, AUTH0_CLIENT_SECRET: config.AUTH0_CLIENT_SECRET },
      });
      child.on('exit', (exit) => resolve(exit === null ? 1 : exit));
    });
  } catch (e) {
    console.log(`FAIL ${e.message}`);
    code = 1;
  } finally {
    if (server) {
      await stop(server.child);
      if (code !== 0) console.log(`server log:\n  ${server.log.slice(-30).join('\n  ')}`);
    }
    rmSync(tmp, { recursive: true, force: true });
  }
  process.exit(code);
}

main();
