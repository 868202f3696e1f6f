// Serves one of the e2e test apps on http://localhost:3000 (the demo app's allowed callback, logout URL
// and web origin), with the tenant's auth_config.json next to it. No framework: node:http only.
//
//   node serve.mjs spa|react [--config FILE] [--port N] [--out DIR]
//
// First bundles the app with esbuild (spa/app.js or react/index.jsx, the SDKs from node_modules) into
// --out (a fresh temporary folder when not given), then prints
// "App server (spa) listening on http://localhost:3000" and serves until SIGINT/SIGTERM (exit 0).
import { createServer } from 'node:http';
import { mkdtemp, readFile, copyFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

const APPS = {
  spa: { entry: 'spa/app.js', html: 'spa/index.html', bundle: 'app.js' },
  react: { entry: 'react/index.jsx', html: 'react/index.html', bundle: 'index.js' },
};

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

function usage(message) {
  if (message) console.error(`serve.mjs: ${message}`);
  console.error('usage: node serve.mjs spa|react [--config auth_config.json] [--port 3000] [--out DIR]');
  process.exit(2);
}

function parseArgs(argv) {
  const options = { app: argv[0], config: 'auth_config.json', port: 3000, out: null };
  if (!APPS[options.app]) usage(`unknown app "${options.app ?? ''}"`);
  for (let i = 1; i < argv.length; i += 2) {
    const value = argv[i + 1];
    if (value === undefined) usage(`${argv[i]} needs a value`);
    if (argv[i] === '--config') options.config = value;
    else if (argv[i] === '--port') options.port = Number(value);
    else if (argv[i] === '--out') options.out = value;
    else usage(`unknown option ${argv[i]}`);
  }
  if (!Number.isInteger(options.port) || options.port <= 0 || options.port > 65535) usage('bad --port');
  return options;
}

/** Bundles the app into outDir with esbuild; returns the names served from there. */
export async function buildApp(app, outDir) {
  const { build } = await import('esbuild');
  const spec = APPS[app];
  await build({
    entryPoints: [path.join(here, spec.entry)],
    outfile: path.join(outDir, spec.bundle),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    jsx: 'automatic',
    sourcemap: true,
    minify: false,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
    absWorkingDir: here,
  });
  await copyFile(path.join(here, spec.html), path.join(outDir, 'index.html'));
  return ['index.html', spec.bundle, `${spec.bundle}.map`];
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const configPath = path.resolve(options.config);
  try {
    JSON.parse(await readFile(configPath, 'utf8'));
  } catch (e) {
    console.error(`serve.mjs: cannot read ${configPath} as JSON: ${e.message}`);
    process.exit(2);
  }

  const ownOut = !options.out;
  const outDir = options.out ? path.resolve(options.out) : await mkdtemp(path.join(tmpdir(), `authdeck-${options.app}-`));
  const started = Date.now();
  const files = new Set(await buildApp(options.app, outDir));
  console.log(`Bundled ${options.app} into ${outDir} in ${Date.now() - started} ms`);

  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    let name = decodeURIComponent(url.pathname).replace(/^\/+/, '');
    if (name === '') name = 'index.html';
    let file = null;
    if (name === 'auth_config.json') file = configPath;
    else if (files.has(name)) file = path.join(outDir, name);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
    } else if (!file) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found\n');
    } else {
      try {
        const body = await readFile(file);
        res.writeHead(200, {
          'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream',
          'Content-Length': body.length,
          'Cache-Control': 'no-store',
        });
        res.end(req.method === 'HEAD' ? undefined : body);
      } catch (e) {
        res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`${e.message}\n`);
      }
    }
    console.log(`${req.method} ${url.pathname} ${res.statusCode}`);
  });

  // Chromium resolves "localhost" to both loopback addresses; listen on IPv4 and, where the machine has
  // it, IPv6, never on the outside interfaces.
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', resolve);
  }).catch((e) => {
    console.error(`serve.mjs: cannot listen on 127.0.0.1:${options.port}: ${e.message}`);
    process.exit(3);
  });
  const server6 = createServer(server.listeners('request')[0]);
  await new Promise((resolve, reject) => {
    server6.once('error', (e) => (e.code === 'EADDRNOTAVAIL' || e.code === 'EAFNOSUPPORT' ? resolve() : reject(e)));
    server6.listen(options.port, '::1', resolve);
  }).catch((e) => {
    console.error(`serve.mjs: cannot listen on [::1]:${options.port}: ${e.message}`);
    process.exit(3);
  });

  console.log(`App server (${options.app}) listening on http://localhost:${options.port}`);

  const stop = async () => {
    server.close();
    server6.close();
    if (ownOut) await rm(outDir, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
