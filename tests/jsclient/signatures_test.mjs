#!/usr/bin/env node
// jsclient.signatures: aquac's `--target js` output against the reference compiler's, as
// @fluencelabs/js-client 0.9 sees them.
//
// For each Aqua file (default: examples/mapreduce/mapreduce.aqua, an example with services,
// arguments and a result, and the compile corpus's export_service.aqua, the one with an exported
// service, so `register*` is covered too):
//  1. compile it with `aquac compile --target js` and with the reference (@fluencelabs/aqua-api
//     0.14.6 of shared/oracle, targetType "js");
//  2. load both modules with a recording stand-in for @fluencelabs/js-client (a package in a temp
//     folder whose v5_callFunction / v5_registerService store what they are given), call every
//     exported function, and check: the same export names; for each function the definition it
//     hands to js-client (functionName, arrow domain/codomain type trees, names; for services
//     defaultServiceId and the functions' type trees) is deeply equal, argument lists (the
//     `domain.fields` of every arrow) in the same order, because js-client matches positional
//     arguments to them; the arguments are passed through unchanged;
//  3. load both modules again with the REAL @fluencelabs/js-client 0.9 (tests/jsclient/node_modules):
//     they must import it, export the same names, reject a call without a client with the same
//     error, and js-client's own js2aqua/aqua2js must accept sample values of every argument and
//     result type of both definitions alike.
// The AIR scripts are compared by alpha-equivalence for information only (conformance.compile_air
// is the test for AIR). Other key-order differences are printed as notes.
//
// Usage: node signatures_test.mjs --aquac BIN [--shared DIR] [--keep DIR] [--all | FILE.aqua...]
//   --all: every example of examples/ and every case of shared/conformance/compile that compiles.
// Exit codes: 0 pass, 1 difference, 77 skipped (no js-client in node_modules and it cannot be
// installed, or the oracle's aqua-api is not installed).
import { spawnSync } from 'node:child_process';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const SKIP = 77;
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');

// ---- arguments ------------------------------------------------------------------------------------
const argv = process.argv.slice(2);
let aquac = null;
let shared = process.env.AQUA_SHARED_DIR || path.resolve(root, '..', 'shared');
let keep = null;
let all = false;
const files = [];
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--aquac') aquac = argv[++i];
  else if (argv[i] === '--shared') shared = argv[++i];
  else if (argv[i] === '--keep') keep = argv[++i];
  else if (argv[i] === '--all') all = true;
  else files.push(path.resolve(argv[i]));
}
if (!aquac) aquac = path.join(root, 'build', 'bin', 'aquac');
if (all) {
  // every example and every case of the compile corpus that the reference compiles
  for (const d of readdirSync(path.join(root, 'examples')).sort()) {
    const dir = path.join(root, 'examples', d);
    if (!statSync(dir).isDirectory()) continue;
    for (const f of readdirSync(dir).sort()) if (f.endsWith('.aqua')) files.push(path.join(dir, f));
  }
  const corpus = path.join(shared, 'conformance', 'compile');
  if (existsSync(corpus)) {
    for (const f of readdirSync(corpus).sort()) {
      if (!f.endsWith('.expected.json')) continue;
      const e = JSON.parse(readFileSync(path.join(corpus, f), 'utf8'));
      if (e.errors.length === 0 && Object.keys(e.functions).length > 0) files.push(path.join(corpus, f.replace(/\.expected\.json$/, '.aqua')));
    }
  }
} else if (files.length === 0) {
  files.push(path.join(root, 'examples', 'mapreduce', 'mapreduce.aqua'));
  files.push(path.join(shared, 'conformance', 'compile', 'export_service.aqua'));
}
const oracleModules = path.join(shared, 'oracle', 'node_modules');

function skip(why) {
  console.log(`SKIP jsclient.signatures: ${why}`);
  process.exit(SKIP);
}

// ---- dependencies ---------------------------------------------------------------------------------
const jsClientPkg = path.join(here, 'node_modules', '@fluencelabs', 'js-client', 'package.json');
function haveJsClient() {
  return existsSync(jsClientPkg);
}
function tryInstall() {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  if (spawnSync(npm, ['--version'], { stdio: 'ignore' }).status !== 0) return 'npm is not installed';
  const ping = spawnSync(npm, ['ping', '--fetch-retries=0', '--fetch-timeout=8000'], { cwd: here, stdio: 'ignore', timeout: 15000 });
  if (ping.status !== 0) return 'the npm registry is not reachable';
  console.log('jsclient.signatures: node_modules missing, running npm ci in tests/jsclient');
  const ci = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: here, stdio: 'inherit', timeout: 600000 });
  if (ci.status !== 0 || !haveJsClient()) return 'npm ci failed';
  return null;
}
if (!haveJsClient()) {
  const why = tryInstall();
  if (why) skip(`@fluencelabs/js-client is not installed in tests/jsclient (${why}); run 'npm ci' there`);
}
const jsClientVersion = JSON.parse(readFileSync(jsClientPkg, 'utf8')).version;
if (!/^0\.9\./.test(jsClientVersion)) {
  console.error(`FAIL: tests/jsclient/node_modules has @fluencelabs/js-client ${jsClientVersion}, expected 0.9.x (run 'npm ci')`);
  process.exit(1);
}
const aquaApiIndex = path.join(oracleModules, '@fluencelabs', 'aqua-api', 'index.js');
if (!existsSync(aquaApiIndex)) skip(`the reference compiler is not installed (${aquaApiIndex} is missing; run 'npm install' in shared/oracle)`);
if (!existsSync(aquac)) {
  console.error(`FAIL: aquac not found at ${aquac}`);
  process.exit(1);
}

// ---- reporting ------------------------------------------------------------------------------------
let failures = 0;
function fail(msg) {
  failures++;
  console.error(`FAIL: ${msg}`);
}
function note(msg) {
  console.log(`note: ${msg}`);
}
const show = (v) => JSON.stringify(v);

// ---- workspace ------------------------------------------------------------------------------------
// <work>/real/node_modules -> tests/jsclient/node_modules (the real js-client 0.9)
// <work>/fake/node_modules/@fluencelabs/js-client: records what the generated code hands over
const work = keep ? path.resolve(keep) : mkdtempSync(path.join(os.tmpdir(), 'jsclient-signatures-'));
mkdirSync(work, { recursive: true });
const realDir = path.join(work, 'real');
const fakeDir = path.join(work, 'fake');
mkdirSync(realDir, { recursive: true });
if (!existsSync(path.join(realDir, 'node_modules'))) symlinkSync(path.join(here, 'node_modules'), path.join(realDir, 'node_modules'), 'dir');
const fakePkg = path.join(fakeDir, 'node_modules', '@fluencelabs', 'js-client');
mkdirSync(fakePkg, { recursive: true });
writeFileSync(path.join(fakePkg, 'package.json'), JSON.stringify({
  name: '@fluencelabs/js-client', version: '0.9.0-recorder', type: 'module', exports: './index.js',
}, null, 2));
writeFileSync(path.join(fakePkg, 'index.js'), `// Records the entry points the generated modules call (stand-in for js-client 0.9).
const log = () => (globalThis.__jsclientRecord ??= []);
export function v5_callFunction(args, def, script) {
  log().push({ kind: 'callFunction', args, def, script });
  return Promise.resolve('recorded');
}
export function v5_registerService(args, def) {
  log().push({ kind: 'registerService', args, def });
}
`);
for (const d of ['real', 'fake']) writeFileSync(path.join(work, d, 'package.json'), '{"type": "module"}\n');

// ---- compilation ----------------------------------------------------------------------------------
const { compileFromPath } = await import(pathToFileURL(aquaApiIndex).href);
let airEquivalent = null;
try {
  ({ airEquivalent } = await import(pathToFileURL(path.join(shared, 'oracle', 'air-equiv.mjs')).href));
} catch {
  /* informative only */
}

async function compileReference(file) {
  const res = await compileFromPath({ filePath: file, imports: [oracleModules], targetType: 'js' });
  if (res.errors?.length) throw new Error(`reference compiler errors:\n${res.errors.join('\n')}`);
  const sources = res.generatedSources ?? [];
  if (sources.length !== 1 || !sources[0].jsSource) throw new Error(`reference compiler gave ${sources.length} generated sources, expected one with jsSource`);
  return sources[0].jsSource;
}

function compileOurs(file, outDir) {
  mkdirSync(outDir, { recursive: true });
  const r = spawnSync(aquac, ['compile', file, '-o', outDir, '--target', 'js', '-I', oracleModules], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`aquac compile --target js failed (${r.status}):\n${r.stdout}${r.stderr}`);
  const out = path.join(outDir, path.basename(file, '.aqua') + '.js');
  if (!existsSync(out)) throw new Error(`aquac did not write ${out}`);
  return readFileSync(out, 'utf8');
}

// ---- comparisons ----------------------------------------------------------------------------------
// Deep equality ignoring key order, except that every arrow's `domain.fields` (the argument list,
// matched positionally by js-client) must list its keys in the same order. Other key-order
// differences are collected as notes.
function compareDefs(ref, ours, where, notes) {
  try {
    assert.deepStrictEqual(ours, ref);
  } catch {
    fail(`${where}: definitions differ\n  reference: ${show(ref)}\n  aquac:     ${show(ours)}`);
    return;
  }
  const walk = (a, b, p, parentTag, key) => {
    if (!a || typeof a !== 'object' || Array.isArray(a)) {
      if (Array.isArray(a)) a.forEach((x, i) => walk(x, b[i], `${p}[${i}]`, null, null));
      return;
    }
    const ka = Object.keys(a), kb = Object.keys(b);
    if (show(ka) !== show(kb)) {
      const argList = key === 'fields' && parentTag === 'labeledProduct' && /\.domain\.fields$/.test(p);
      if (argList) fail(`${where}: argument order of ${p} differs: reference ${show(ka)}, aquac ${show(kb)} (js-client matches arguments by position)`);
      else if (key === 'fields') notes.push(`${where}: order of ${p}: reference ${show(ka)}, aquac ${show(kb)} (not positional in js-client)`);
    }
    for (const k of ka) walk(a[k], b[k], `${p}.${k}`, a.tag ?? null, k);
  };
  walk(ref, ours, 'def', null, null);
}

// Sample JS values of an aqua type tree, for js-client's own conversions.
function sample(type, depth = 0) {
  switch (type.tag) {
    case 'scalar':
      return type.name === 'string' ? 's' : type.name === 'bool' ? true : 1;
    case 'array':
      return depth > 4 ? [] : [sample(type.type, depth + 1)];
    case 'option':
      return sample(type.type, depth + 1);
    case 'struct':
    case 'labeledProduct':
      return Object.fromEntries(Object.entries(type.fields).map(([k, t]) => [k, sample(t, depth + 1)]));
    case 'unlabeledProduct':
      return type.items.map((t) => sample(t, depth + 1));
    case 'nil':
      return null;
    default:
      return undefined; // arrows, top/bottom types: not sampled
  }
}

async function importFresh(file) {
  return import(pathToFileURL(file).href + `?t=${Date.now()}`);
}

async function recordModule(file) {
  const mod = await importFresh(file);
  const out = { exports: Object.keys(mod).sort(), functions: {}, services: {} };
  for (const name of out.exports) {
    const v = mod[name];
    if (typeof v !== 'function') continue;
    globalThis.__jsclientRecord = [];
    const marker = ['arg-0', 1, { x: true }];
    const ret = v(...marker);
    if (ret && typeof ret.then === 'function') await ret;
    const rec = globalThis.__jsclientRecord;
    if (rec.length !== 1) {
      fail(`${path.basename(file)}: calling ${name} made ${rec.length} js-client calls, expected 1`);
      continue;
    }
    const r = rec[0];
    try {
      assert.deepStrictEqual(r.args, marker);
    } catch {
      fail(`${path.basename(file)}: ${name} does not pass its arguments through unchanged: ${show(r.args)}`);
    }
    if (r.kind === 'callFunction') out.functions[name] = { def: r.def, script: r.script };
    else out.services[name] = { def: r.def };
  }
  return out;
}

async function checkRealClient(file, label) {
  const mod = await importFresh(file);
  const res = { exports: Object.keys(mod).sort(), errors: {} };
  for (const name of res.exports) {
    if (typeof mod[name] !== 'function') continue;
    try {
      const r = mod[name]('x');
      if (r && typeof r.then === 'function') await r;
      res.errors[name] = null;
    } catch (e) {
      res.errors[name] = String(e && e.message ? e.message : e);
    }
  }
  return res;
}

// ---- main -----------------------------------------------------------------------------------------
const realClient = await import(pathToFileURL(path.join(realDir, 'node_modules', '@fluencelabs', 'js-client', 'dist', 'index.js')).href);
for (const fn of ['v5_callFunction', 'v5_registerService', 'js2aqua', 'aqua2js']) {
  if (typeof realClient[fn] !== 'function') fail(`@fluencelabs/js-client ${jsClientVersion} does not export ${fn}`);
}

for (const file of files) {
  const stem = path.basename(file, '.aqua');
  const rel = path.relative(root, file).startsWith('..') ? path.relative(shared, file) : path.relative(root, file);
  console.log(`== ${rel}`);
  let refJs, ourJs;
  try {
    refJs = await compileReference(file);
    ourJs = compileOurs(file, path.join(work, 'aquac-out', stem));
  } catch (e) {
    fail(`${rel}: ${e.message}`);
    continue;
  }
  const mods = {};
  for (const [side, js] of [['reference', refJs], ['aquac', ourJs]]) {
    for (const d of [realDir, fakeDir]) writeFileSync(path.join(d, `${stem}.${side}.js`), js);
    mods[side] = path.join(fakeDir, `${stem}.${side}.js`);
  }

  // 2. recorded definitions
  let ref, ours;
  try {
    ref = await recordModule(mods.reference);
    ours = await recordModule(mods.aquac);
  } catch (e) {
    fail(`${rel}: loading the modules with the recording js-client failed: ${e.stack ?? e}`);
    continue;
  }
  if (show(ref.exports) !== show(ours.exports)) {
    fail(`${rel}: export names differ\n  reference: ${show(ref.exports)}\n  aquac:     ${show(ours.exports)}`);
  }
  const notes = [];
  for (const kind of ['functions', 'services']) {
    const names = [...new Set([...Object.keys(ref[kind]), ...Object.keys(ours[kind])])].sort();
    for (const name of names) {
      if (!ref[kind][name] || !ours[kind][name]) {
        fail(`${rel}: ${name} hands a ${kind === 'functions' ? 'callFunction' : 'registerService'} definition to js-client only in the ${ref[kind][name] ? 'reference' : 'aquac'} module`);
        continue;
      }
      compareDefs(ref[kind][name].def, ours[kind][name].def, `${rel} ${name}`, notes);
      if (kind === 'functions' && airEquivalent) {
        const eq = airEquivalent(ours[kind][name].script, ref[kind][name].script);
        console.log(`   ${name}: script ${eq.equal ? 'alpha-equivalent to the reference AIR' : 'differs from the reference AIR (' + eq.message + ')'}`);
      }
    }
  }
  for (const n of notes) note(n);
  console.log(`   recorded: functions ${show(Object.keys(ours.functions).sort())}, service registrations ${show(Object.keys(ours.services).sort())}, exports ${show(ours.exports)}`);

  // 3. the real js-client 0.9
  try {
    const r = await checkRealClient(path.join(realDir, `${stem}.reference.js`));
    const o = await checkRealClient(path.join(realDir, `${stem}.aquac.js`));
    if (show(r.exports) !== show(o.exports)) fail(`${rel}: with the real js-client the export names differ: ${show(r.exports)} vs ${show(o.exports)}`);
    for (const name of Object.keys(r.errors)) {
      if (r.errors[name] !== o.errors[name]) fail(`${rel}: ${name} without a client: reference ${show(r.errors[name])}, aquac ${show(o.errors[name])}`);
    }
    console.log(`   real @fluencelabs/js-client ${jsClientVersion}: both modules load; without a client every call fails alike (${show([...new Set(Object.values(o.errors))])})`);
  } catch (e) {
    fail(`${rel}: loading with the real @fluencelabs/js-client failed: ${e.stack ?? e}`);
  }
  const conv = (def, fnName) => {
    const out = {};
    for (const [arg, t] of Object.entries(def.arrow.domain.tag === 'nil' ? {} : def.arrow.domain.fields)) {
      if (t.tag === 'arrow') continue;
      out[arg] = realClient.js2aqua(sample(t), t, { path: [arg] });
    }
    const cod = def.arrow.codomain;
    const rs = cod.tag === 'unlabeledProduct' && cod.items.length === 1 ? cod.items[0] : cod;
    const js = sample(rs);
    out['<result>'] = realClient.aqua2js(js === undefined ? null : realClient.js2aqua(js, rs, { path: [fnName] }), rs, { path: [fnName] });
    return out;
  };
  for (const name of Object.keys(ours.functions)) {
    if (!ref.functions[name]) continue;
    let a, b;
    try {
      a = conv(ref.functions[name].def, name);
      b = conv(ours.functions[name].def, name);
      assert.deepStrictEqual(b, a);
    } catch (e) {
      fail(`${rel} ${name}: js-client's js2aqua/aqua2js treat the two definitions differently: ${e.message}`);
    }
  }
}

if (!keep) rmSync(work, { recursive: true, force: true });
if (failures) {
  console.error(`jsclient.signatures: ${failures} failure(s)`);
  process.exit(1);
}
console.log(`jsclient.signatures: ${files.length} file(s): same exports and js-client definitions as the reference`);
process.exit(0);
