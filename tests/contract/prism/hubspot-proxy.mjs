// Runs Prism as a validating proxy in front of the HubSpot sandbox, over HubSpot's own OpenAPI files for the APIs the
// engine's client calls: objects, object schemas, properties and associations (v4 and its labels), in the numbered
// v3/v4 paths and the dated 2026-09 ones (the paths do not overlap, so one proxy checks both).
//
//   node tests/contract/prism/hubspot-proxy.mjs --upstream http://127.0.0.1:5123 --port 4010 [--specs <dir>]
//
// The specs share component names that do not always mean the same thing, so each file's components are renamed with
// a prefix before the paths are merged into one document. Prism's own log goes to stdout: every request or response
// that breaks the contract appears there as a violation, and with --errors the caller gets an error answer as well.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) => {
  if (arg.startsWith('--')) pairs.push([arg.slice(2), all[i + 1]?.startsWith('--') || all[i + 1] === undefined ? 'true' : all[i + 1]]);
  return pairs;
}, []));

const upstream = args.upstream;
const port = args.port ?? '4010';
const specsDir = resolve(args.specs ?? process.env.SFHSSYNC_HUBSPOT_SPECS ?? resolve(here, 'specs'));
if (!upstream) {
  console.error('usage: hubspot-proxy.mjs --upstream <sandbox HubSpot URL> [--port 4010] [--specs <dir of HubSpot OpenAPI files>]');
  process.exit(2);
}

const files = {
  objects: 'crm-objects-v3/objects.json',
  schemas: 'schemas-v3/schemas.json',
  props: 'properties-v3/properties.json',
  assoc: 'associations-v4/associations.json',
  labels: 'associations-schema-v4/associationsSchema.json',
  objects2609: 'crm-objects-2026-09/objects.json',
  schemas2609: 'schemas-2026-09/schemas.json',
  props2609: 'properties-2026-09/properties.json',
  assoc2609: 'associations-2026-09/associations.json',
  labels2609: 'associations-schema-2026-09/associationsSchema.json',
};

function renameRefs(node, prefix) {
  if (Array.isArray(node)) return node.map((n) => renameRefs(n, prefix));
  if (node && typeof node === 'object') {
    const out = {};
    for (const [key, value] of Object.entries(node)) {
      out[key] = key === '$ref' && typeof value === 'string'
        ? value.replace(/^#\/components\/(schemas|responses|parameters|requestBodies)\//, `#/components/$1/${prefix}`)
        : renameRefs(value, prefix);
    }
    return out;
  }
  return node;
}

const merged = {
  openapi: '3.0.1',
  info: { title: 'HubSpot CRM APIs the SfHsSync client calls', version: 'v3+v4+2026-09' },
  servers: [{ url: 'https://api.hubapi.com' }],
  paths: {},
  components: { schemas: {}, responses: {}, parameters: {}, requestBodies: {}, securitySchemes: {} },
};

for (const [prefix, file] of Object.entries(files)) {
  const path = join(specsDir, file);
  if (!existsSync(path)) {
    console.error(`HubSpot spec ${path} is missing; pass --specs <dir> or set SFHSSYNC_HUBSPOT_SPECS.`);
    process.exit(2);
  }
  const spec = renameRefs(JSON.parse(readFileSync(path, 'utf8')), `${prefix}_`);
  for (const [route, item] of Object.entries(spec.paths ?? {})) {
    if (merged.paths[route]) {
      console.error(`Route ${route} is defined by two specs; refusing to guess which one applies.`);
      process.exit(2);
    }
    merged.paths[route] = item;
  }
  for (const kind of ['schemas', 'responses', 'parameters', 'requestBodies']) {
    for (const [name, value] of Object.entries(spec.components?.[kind] ?? {})) merged.components[kind][`${prefix}_${name}`] = value;
  }
  for (const [name, value] of Object.entries(spec.components?.securitySchemes ?? {})) merged.components.securitySchemes[name] ??= value;
}

const out = join(mkdtempSync(join(tmpdir(), 'sfhssync-prism-')), 'hubspot.json');
writeFileSync(out, JSON.stringify(merged));

const prismBin = join(here, '..', 'node_modules', '.bin', process.platform === 'win32' ? 'prism.cmd' : 'prism');
if (!existsSync(prismBin)) {
  console.error(`Prism is not installed (${prismBin} is missing): run 'npm ci' in tests/contract.`);
  process.exit(3);
}

const prism = spawn(prismBin, ['proxy', out, upstream, '--port', String(port), '--host', '127.0.0.1', '--errors', '--cors', 'false'], {
  stdio: ['ignore', 'inherit', 'inherit'],
});
const stop = () => prism.kill('SIGTERM');
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.resume();
prism.on('exit', (code) => process.exit(code ?? 0));
