// Support for the browser tests: a real store made by the built `nara` binary, users, a running
// `nara serve` on a free port, and headless Chromium (Debian's /usr/bin/chromium).
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const nara = process.env.NARA_BINARY ?? join(root, 'build', 'dev', 'app', 'nara', 'nara');
export const webDist = join(root, 'web', 'dist');
export const artifacts = join(root, 'build', 'browser-artifacts');
export const chromiumPath = process.env.NARA_CHROMIUM ?? '/usr/bin/chromium';
export const password = 'e2e-secret-passphrase';

function run(args, input) {
  const result = spawnSync(nara, args, { encoding: 'utf8', input });
  assert.equal(result.status, 0, `nara ${args.join(' ')}: ${result.stderr}`);
  return result;
}

/** The municipality code with the most stays in the extract (so its cells are not all tiny). */
function busiestMunicipality(extract) {
  const [header, ...lines] = readFileSync(join(extract, 'episodes.csv'), 'utf8').trim().split('\n');
  const delimiter = header.includes(';') ? ';' : ',';
  const column = header.split(delimiter).indexOf('municipality');
  assert.ok(column >= 0, 'episodes.csv has a municipality column');
  const counts = new Map();
  for (const line of lines) {
    const code = line.split(delimiter)[column];
    counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Makes a synthetic extract, ingests it into a fresh store, adds a region user and a
 * municipality user, and starts `nara serve` (with `serveArgs` added, e.g. ['--suppress', '50']).
 * Returns { base, municipality, stop }.
 */
export async function startServer({ serveArgs = [] } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'nara-web-e2e-'));
  const extract = join(dir, 'extract');
  const store = join(dir, 'nara.db');
  const users = join(dir, 'users.json');
  run(['synth', extract, '--stays', '5000', '--seed', '1']);
  run(['ingest', extract, '--store', store, '--test-data', '--goals', join(root, 'examples', 'goals.toml')]);
  const municipality = busiestMunicipality(extract);
  run(['user', 'add', 'kommun', '--role', `municipality:${municipality}`, '--users', users, '--password-stdin'], `${password}\n`);
  run(['user', 'add', 'region', '--role', 'region', '--users', users, '--password-stdin'], `${password}\n`);
  const port = await freePort();
  const server = spawn(nara, ['serve', '--store', store, '--users', users, '--port', String(port), '--web', webDist, ...serveArgs], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  server.stderr.on('data', (chunk) => {
    log += chunk;
  });
  const exited = new Promise((resolve) => server.once('exit', resolve));
  const base = `http://127.0.0.1:${port}/`;
  // Wait until /api/me answers (or the server has exited, which fails the test with its log).
  let ready = false;
  while (!ready && server.exitCode === null) {
    try {
      ready = (await fetch(`${base}api/me`)).ok;
    } catch {
      // Not listening yet.
    }
    if (!ready) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.ok(ready, `nara serve did not start: ${log}`);
  return {
    base,
    municipality,
    log: () => log,
    async stop() {
      if (server.exitCode === null) server.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Headless Chromium; pages collect console errors and uncaught exceptions. */
export async function launchBrowser() {
  mkdirSync(artifacts, { recursive: true });
  return chromium.launch({ executablePath: chromiumPath, headless: true });
}

/**
 * A new page in a fresh context (no cookies) that records console errors. Expected API
 * answers that Chromium logs as "Failed to load resource" (404 from /api/goals while the store
 * has no goal assessment, 401 from /api/login for a wrong password) are not errors of the
 * dashboard.
 */
export async function newPage(browser) {
  const context = await browser.newContext({ acceptDownloads: true, locale: 'sv-SE', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const url = message.location().url ?? '';
    const expected = /status of 404/.test(message.text()) ? /\/api\/goals$/ : /status of 401/.test(message.text()) ? /\/api\/login$/ : null;
    if (message.text().startsWith('Failed to load resource') && expected?.test(url)) return;
    errors.push(`${message.text()} (${url})`);
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  return { context, page, errors };
}

/** Why the tests cannot run with this binary (a skip reason), or false when they can. */
export function prerequisites() {
  if (!existsSync(nara)) return `nara binary not built (${nara})`;
  if (spawnSync(nara, ['serve', '--help'], { encoding: 'utf8' }).status !== 0) {
    return `this nara has no 'serve' command (${nara})`;
  }
  return false;
}

export function assertBuilt() {
  assert.ok(existsSync(join(webDist, 'index.html')), `no dashboard build in ${webDist}: run 'npm ci && npm run build' in web/`);
  assert.ok(existsSync(chromiumPath), `no Chromium at ${chromiumPath}: apt-get install chromium`);
}

/** Parses the API's CSV download (RFC 4180, no embedded newlines in our columns). */
export function parseCsv(text) {
  const lines = text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n').trim().split('\n');
  const split = (line) => {
    const fields = [];
    let field = '';
    let quoted = false;
    for (let i = 0; i < line.length; i += 1) {
      const c = line[i];
      if (quoted) {
        if (c === '"' && line[i + 1] === '"') {
          field += '"';
          i += 1;
        } else if (c === '"') quoted = false;
        else field += c;
      } else if (c === '"') quoted = true;
      else if (c === ',') {
        fields.push(field);
        field = '';
      } else field += c;
    }
    fields.push(field);
    return fields;
  };
  const header = split(lines[0]);
  return { header, rows: lines.slice(1).map((line) => Object.fromEntries(split(line).map((v, i) => [header[i], v]))) };
}
