// A tenant for Auth0's own tools, in a temporary folder: `authdeck-cli demo --domain https://localhost:PORT`
// (the demo story on an https:// domain), `authdeck-cli management-client` (a machine-to-machine application
// allowed the Management API; its Deploy CLI config stays in this process, never printed), and
// `authdeck-cli serve --ca-out ca.pem`. Used by management-sdk.mjs and deploy-cli.mjs.
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { unmetEngines } from './node-version.mjs';

// Exits 1 when this Node is too old for @p packages, 77 (ctest: skipped) when node_modules lacks one.
export function preflight(here, name, packages) {
  const problems = unmetEngines(path.join(here, 'package-lock.json'), packages, process.versions.node);
  if (problems.length) {
    for (const p of problems) console.error(`${name}: ${p}`);
    process.exit(1);
  }
  const missing = packages.filter((p) => !existsSync(path.join(here, 'node_modules', p, 'package.json')));
  if (missing.length) {
    console.error(`${name}: SKIPPED: ${path.join(here, 'node_modules')} lacks ${missing.join(', ')}; run "npm ci" in ${here}`);
    process.exit(77);
  }
  const cli = process.argv[2] || process.env.AUTHDECK_CLI;
  if (!cli || !existsSync(cli)) {
    console.error(`usage: node ${name}.mjs PATH/TO/authdeck-cli   (or AUTHDECK_CLI=PATH)`);
    process.exit(2);
  }
  return cli;
}

export function runCli(cli, args) {
  return new Promise((resolve, reject) => {
    execFile(cli, args, { timeout: 20000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`authdeck-cli ${args[0]} failed: ${stderr.trim() || error.message}`));
      else resolve(stdout);
    });
  });
}

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

function stopChild(child) {
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

// Prepares and starts the tenant; resolves with {tmp, tenant, caFile, config, log, stop(printLog)}.
// @p demoArgs are added to `authdeck-cli demo` (e.g. --integration-only: an empty tenant with Plivo).
export async function startTlsTenant(cli, port, prefix, demoArgs = []) {
  const tmp = mkdtempSync(path.join(tmpdir(), prefix));
  const tenant = path.join(tmp, 'tenant.authdeck');
  const caFile = path.join(tmp, 'ca.pem');
  // AUTHDECK_E2E_KEEP=1 keeps the folder (tenant, ca.pem, the tools' files) for a look afterwards.
  const cleanup = () => (process.env.AUTHDECK_E2E_KEEP ? console.log(`kept ${tmp}`) : rmSync(tmp, { recursive: true, force: true }));
  try {
    await runCli(cli, ['demo', '--tenant', tenant, '--domain', `https://localhost:${port}`, ...demoArgs]);
    const config = JSON.parse(await runCli(cli, ['management-client', '--tenant', tenant, '--name', 'Deploy CLI']));
    if (config.AUTH0_DOMAIN !== `localhost:${port}`) throw new Error(`AUTH0_DOMAIN is ${config.AUTH0_DOMAIN}`);
    console.log(`PASS management-client printed a Deploy CLI config for ${config.AUTH0_DOMAIN}`);
    const server = await serve(cli, tenant, caFile);
    console.log(`PASS serve listens on https://localhost:${port} and wrote its CA to ca.pem`);
    return {
      tmp,
      tenant,
      caFile,
      config,
      log: server.log,
      async stop(printLog) {
        await stopChild(server.child);
        if (printLog) console.log(`server log:\n  ${server.log.slice(-40).join('\n  ')}`);
        cleanup();
      },
    };
  } catch (e) {
    cleanup();
    throw e;
  }
}

// Runs @p args with Node in a child process (NODE_EXTRA_CA_CERTS is read at start only); its exit code.
export function runNode(args, env, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: options.stdio || 'inherit', env: { ...process.env, ...env } });
    let output = '';
    if (child.stdout) child.stdout.on('data', (d) => (output += d));
    if (child.stderr) child.stderr.on('data', (d) => (output += d));
    child.on('exit', (exit) => resolve({ code: exit === null ? 1 : exit, output }));
  });
}
