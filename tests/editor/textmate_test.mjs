#!/usr/bin/env node
// editor.textmate: checks tools/vscode-aqua without VS Code.
//  * the extension manifest (package.json) is valid and every file it references exists;
//  * language-configuration.json is valid and its indentation rules open blocks where Aqua does;
//  * every regex of the TextMate grammar compiles with Oniguruma (as in VS Code);
//  * every .aqua file of examples/ and of ../shared/conformance/compile tokenizes completely, with
//    comments, strings, keywords, numbers and literals scoped as a small reference lexer (the
//    rules of compiler/grammar/AquaLexer.g4) says, and nothing marked invalid in valid programs;
//  * targeted samples get exactly the expected scopes.
// Exit codes: 0 pass, 1 failure, 77 skipped (vscode-textmate / vscode-oniguruma not installed and
// not installable: no npm or no network). ctest maps 77 to "skipped".
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SKIP = 77;
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const extDir = path.join(root, 'tools', 'vscode-aqua');
const sharedCompile = process.env.AQUA_SHARED_DIR
  ? path.join(process.env.AQUA_SHARED_DIR, 'conformance', 'compile')
  : path.resolve(root, '..', 'shared', 'conformance', 'compile');

let failures = 0;
function fail(msg) {
  failures++;
  if (failures <= 200) console.error(`FAIL: ${msg}`);
}
function check(cond, msg) {
  if (!cond) fail(msg);
  return !!cond;
}

// ---- dependencies ---------------------------------------------------------------------------------
function haveDeps() {
  return ['vscode-textmate', 'vscode-oniguruma'].every((p) => existsSync(path.join(here, 'node_modules', p, 'package.json')));
}
function tryInstall() {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  if (spawnSync(npm, ['--version'], { stdio: 'ignore' }).status !== 0) return 'npm is not installed';
  // Reachability first, so an offline machine skips quickly instead of waiting for npm ci.
  const ping = spawnSync(npm, ['ping', '--fetch-retries=0', '--fetch-timeout=8000'], { cwd: here, stdio: 'ignore', timeout: 15000 });
  if (ping.status !== 0) return 'the npm registry is not reachable';
  console.log('editor.textmate: node_modules missing, running npm ci in tests/editor');
  const ci = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: here, stdio: 'inherit', timeout: 300000 });
  if (ci.status !== 0 || !haveDeps()) return 'npm ci failed';
  return null;
}
if (!haveDeps()) {
  const why = tryInstall();
  if (why) {
    console.log(`SKIP editor.textmate: vscode-textmate/vscode-oniguruma are not installed in tests/editor (${why}); run 'npm ci' there`);
    process.exit(SKIP);
  }
}
const require = createRequire(path.join(here, 'package.json'));
const vsctm = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

// ---- manifest -------------------------------------------------------------------------------------
function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    fail(`${path.relative(root, file)} is not valid JSON: ${e.message}`);
    return null;
  }
}
function mustExist(rel, what) {
  return check(rel && existsSync(path.join(extDir, rel)), `${what} '${rel}' does not exist in tools/vscode-aqua`);
}

const pkg = readJson(path.join(extDir, 'package.json')) ?? {};
check(pkg.name === 'aqua-aquac', `package.json name is '${pkg.name}', expected 'aqua-aquac'`);
check(pkg.publisher === 'aquac', `package.json publisher is '${pkg.publisher}', expected 'aquac'`);
check(/^\d+\.\d+\.\d+$/.test(pkg.version ?? ''), 'package.json version must be x.y.z');
check(pkg.engines?.vscode === '^1.75.0', 'engines.vscode must be ^1.75.0');
check(/^\^8\./.test(pkg.dependencies?.['vscode-languageclient'] ?? ''), 'dependency vscode-languageclient ^8 is missing');
mustExist(pkg.main, 'main');
for (const f of ['README.md', '.vscodeignore', 'package-lock.json', '.gitignore']) mustExist(f, 'file');
const lock = readJson(path.join(extDir, 'package-lock.json'));
if (lock) {
  check(lock.name === pkg.name && lock.version === pkg.version, 'package-lock.json does not match package.json name/version');
  check(!!lock.packages?.['node_modules/vscode-languageclient'], 'package-lock.json lacks vscode-languageclient');
}
const contributes = pkg.contributes ?? {};
const lang = (contributes.languages ?? []).find((l) => l.id === 'aqua');
let langConfig = null;
if (check(lang, 'contributes.languages has no language "aqua"')) {
  check((lang.extensions ?? []).includes('.aqua'), 'language aqua is not associated with .aqua');
  if (mustExist(lang.configuration, 'language configuration')) langConfig = readJson(path.join(extDir, lang.configuration));
}
const grammarEntry = (contributes.grammars ?? []).find((g) => g.language === 'aqua');
let grammarPath = null;
if (check(grammarEntry, 'contributes.grammars has no grammar for aqua')) {
  check(grammarEntry.scopeName === 'source.aqua', 'grammar scopeName must be source.aqua');
  if (mustExist(grammarEntry.path, 'grammar')) grammarPath = path.join(extDir, grammarEntry.path);
}
const commands = (contributes.commands ?? []).map((c) => c.command);
check(commands.includes('aqua.restartServer'), 'command aqua.restartServer is not contributed');
const props = contributes.configuration?.properties ?? {};
check(props['aqua.server.path']?.default === 'aqua-lsp', 'setting aqua.server.path (default aqua-lsp) missing');
check(props['aqua.importDirs']?.type === 'array' && props['aqua.importDirs']?.items?.type === 'string', 'setting aqua.importDirs (array of strings) missing');
check(JSON.stringify(props['aqua.trace.server']?.enum) === '["off","messages","verbose"]', 'setting aqua.trace.server missing');
if (pkg.main && existsSync(path.join(extDir, pkg.main))) {
  const main = path.join(extDir, pkg.main);
  const syntax = spawnSync(process.execPath, ['--check', main], { encoding: 'utf8' });
  check(syntax.status === 0, `${pkg.main} has a syntax error: ${syntax.stderr}`);
  const src = readFileSync(main, 'utf8');
  for (const c of commands) check(src.includes(`'${c}'`), `command ${c} is contributed but not registered in ${pkg.main}`);
  check(src.includes("require('vscode-languageclient/node')"), `${pkg.main} does not use vscode-languageclient/node`);
  check(src.includes("'**/*.aqua'"), `${pkg.main} has no **/*.aqua file watcher`);
  check(src.includes("configurationSection: 'aqua'"), `${pkg.main} does not synchronize the aqua section`);
}

// ---- language configuration --------------------------------------------------------------------
if (langConfig) {
  check(langConfig.comments?.lineComment === '--', 'line comment must be --');
  const rules = langConfig.indentationRules ?? {};
  let inc = null;
  let dec = null;
  try {
    inc = new RegExp(rules.increaseIndentPattern);
    dec = new RegExp(rules.decreaseIndentPattern);
  } catch (e) {
    fail(`indentation rule does not compile: ${e.message}`);
  }
  if (inc && dec) {
    const opens = [
      'func hello(name: string) -> string:', 'func f{Logger}(a: u32):', '  on peer via relay:', '  on p via [a, b]:',
      '  for x <- xs par:', '  for x <- xs:', '  if a == b:', '  else:', '  try:', '  catch e:', '  otherwise:',
      '  par on p:', '  co on q via r:', 'data Point:', 'service Srv("srv"):', 'service Srv:', 'ability Logger:',
      '  parseq x <- xs on x:', '  c = (msg: string) -> string:', '  c = func () -> string:', 'func f() -> u32:   -- note',
    ];
    const plain = [
      '  x <- Srv.call("a:b")', '-- a comment:', '  x = 1 -- note:', '  <- x', '  name: string', 'aqua Main',
      'import "a:b.aqua"', '  par Srv.call()', '  co Srv.call()', '',
    ];
    for (const l of opens) check(inc.test(l), `increaseIndentPattern does not open a block after '${l}'`);
    for (const l of plain) check(!inc.test(l), `increaseIndentPattern opens a block after '${l}'`);
    for (const l of ['  else:', '    catch e:', '  otherwise:']) check(dec.test(l), `decreaseIndentPattern misses '${l}'`);
    for (const l of ['  elsewhere()', '  catch_up <- f()', '  if x:']) check(!dec.test(l), `decreaseIndentPattern matches '${l}'`);
  }
}

// ---- grammar ------------------------------------------------------------------------------------
if (!grammarPath) {
  console.error(`editor.textmate: ${failures} failure(s) before the grammar could be loaded`);
  process.exit(1);
}
const grammarJson = readJson(grammarPath);
if (!grammarJson) process.exit(1);

const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer;
await oniguruma.loadWASM(wasm);
const onigLib = Promise.resolve({
  createOnigScanner: (sources) => new oniguruma.OnigScanner(sources),
  createOnigString: (s) => new oniguruma.OnigString(s),
});

// Every regex compiles (vscode-textmate only compiles the rules it reaches).
(function walk(node, where) {
  if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${where}[${i}]`));
  if (!node || typeof node !== 'object') return;
  for (const key of ['match', 'begin', 'end', 'while']) {
    if (typeof node[key] !== 'string') continue;
    try {
      new oniguruma.OnigScanner([node[key]]).dispose();
    } catch (e) {
      fail(`grammar ${where}.${key} does not compile: ${e.message ?? e}`);
    }
  }
  for (const [k, v] of Object.entries(node)) if (typeof v === 'object') walk(v, `${where}.${k}`);
})(grammarJson, 'grammar');
// Every include points at a repository entry.
(function includes(node) {
  if (Array.isArray(node)) return node.forEach(includes);
  if (!node || typeof node !== 'object') return;
  if (typeof node.include === 'string' && node.include.startsWith('#')) {
    check(grammarJson.repository?.[node.include.slice(1)], `grammar includes unknown rule ${node.include}`);
  }
  Object.values(node).forEach(includes);
})(grammarJson);

const registry = new vsctm.Registry({
  onigLib,
  loadGrammar: async (scopeName) =>
    scopeName === 'source.aqua' ? vsctm.parseRawGrammar(readFileSync(grammarPath, 'utf8'), grammarPath) : null,
});
const grammar = await registry.loadGrammar('source.aqua');
if (!check(grammar, 'grammar source.aqua did not load')) process.exit(1);

/** Tokenizes `text`; returns per line the tokens {text, start, end, scopes} (source.aqua dropped). */
function tokenize(text, file) {
  const lines = text.split(/\r\n|\n\r|\n|\r/);
  let stack = vsctm.INITIAL;
  return lines.map((line, i) => {
    let r;
    try {
      r = grammar.tokenizeLine(line, stack, 1000);
    } catch (e) {
      fail(`${file}:${i + 1}: tokenizeLine threw ${e.message}`);
      return [];
    }
    check(!r.stoppedEarly, `${file}:${i + 1}: tokenization stopped early (time limit)`);
    let pos = 0;
    const toks = r.tokens.map((t, k) => {
      const end = k + 1 < r.tokens.length ? r.tokens[k + 1].startIndex : Math.max(line.length, t.endIndex);
      check(t.startIndex === pos, `${file}:${i + 1}: tokens are not contiguous at column ${pos}`);
      pos = end;
      check(t.scopes[0] === 'source.aqua', `${file}:${i + 1}: token outside source.aqua`);
      return { text: line.slice(t.startIndex, end), start: t.startIndex, end, scopes: t.scopes.slice(1) };
    });
    check(pos >= line.length, `${file}:${i + 1}: tokens do not cover the line`);
    stack = r.ruleStack;
    return toks;
  });
}
const scopesAt = (toks, col) => (toks.find((t) => t.start <= col && col < t.end) ?? { scopes: [] }).scopes;
const has = (scopes, prefix) => scopes.some((s) => s === prefix || s.startsWith(prefix + '.'));

// A reference lexer for the pieces whose scope is certain (AquaLexer.g4): comments, strings (no
// escapes, may span lines), %init_peer_id%, words, numbers.
const CONTROL = new Set(['func', 'on', 'via', 'par', 'co', 'join', 'parseq', 'for', 'rec', 'try', 'catch', 'if', 'else', 'otherwise']);
const TOP = new Set(['aqua', 'import', 'use', 'export', 'data', 'alias', 'service', 'ability', 'const']);
function* referenceTokens(text) {
  const lines = text.split(/\r\n|\n\r|\n|\r/);
  let inString = null; // start of an open multi-line string
  for (let ln = 0; ln < lines.length; ln++) {
    const line = lines[ln];
    let i = 0;
    if (inString) {
      const close = line.indexOf('"');
      if (close < 0) {
        yield { kind: 'string', ln, start: 0, end: line.length };
        continue;
      }
      yield { kind: 'string', ln, start: 0, end: close + 1 };
      inString = null;
      i = close + 1;
    }
    while (i < line.length) {
      const rest = line.slice(i);
      let m;
      if (rest.startsWith('--')) {
        yield { kind: 'comment', ln, start: i, end: line.length };
        break;
      } else if (rest[0] === '"') {
        const close = line.indexOf('"', i + 1);
        if (close < 0) {
          yield { kind: 'string', ln, start: i, end: line.length };
          inString = true;
          break;
        }
        yield { kind: 'string', ln, start: i, end: close + 1 };
        i = close + 1;
      } else if (rest.startsWith('%init_peer_id%')) {
        yield { kind: 'init', ln, start: i, end: i + 14 };
        i += 14;
      } else if ((m = /^[A-Za-z][A-Za-z0-9_]*/.exec(rest))) {
        yield { kind: 'word', ln, start: i, end: i + m[0].length, text: m[0], afterDot: line[i - 1] === '.', col0: i === 0 };
        i += m[0].length;
      } else if ((m = /^[0-9]+(?:\.[0-9]+)?/.exec(rest))) {
        yield { kind: 'number', ln, start: i, end: i + m[0].length };
        i += m[0].length;
      } else {
        i++;
      }
    }
  }
}

function checkFile(file, { strict }) {
  const text = readFileSync(file, 'utf8');
  const rel = path.relative(path.resolve(root, '..'), file);
  const lines = tokenize(text, rel);
  const counts = { keyword: 0, comment: 0, string: 0 };
  for (const t of referenceTokens(text)) {
    const toks = lines[t.ln] ?? [];
    const at = `${rel}:${t.ln + 1}:${t.start + 1}`;
    const all = (prefix) => {
      for (let c = t.start; c < t.end; c++) if (!has(scopesAt(toks, c), prefix)) return false;
      return true;
    };
    if (t.kind === 'comment') {
      counts.comment++;
      check(all('comment.line.double-dash'), `${at}: comment not scoped comment.line.double-dash`);
    } else if (t.kind === 'string') {
      counts.string++;
      check(all('string.quoted.double'), `${at}: string not scoped string.quoted.double`);
    } else if (t.kind === 'init') {
      check(all('constant.language.init-peer-id'), `${at}: %init_peer_id% not scoped constant.language`);
    } else if (t.kind === 'number') {
      check(all('constant.numeric'), `${at}: number not scoped constant.numeric`);
    } else if (t.kind === 'word' && !t.afterDot) {
      const scopes = scopesAt(toks, t.start);
      if (CONTROL.has(t.text) || (t.col0 && TOP.has(t.text))) {
        counts.keyword++;
        check(all('keyword') && scopesAt(toks, t.start) === scopesAt(toks, t.end - 1) && has(scopes, 'keyword'),
          `${at}: keyword '${t.text}' scoped [${scopes.join(' ')}]`);
      } else if (t.text === 'true' || t.text === 'false') {
        check(has(scopes, 'constant.language.boolean'), `${at}: '${t.text}' scoped [${scopes.join(' ')}]`);
      } else if (has(scopes, 'keyword') && !['declares', 'from', 'as', 'module'].includes(t.text)) {
        fail(`${at}: identifier '${t.text}' scoped as a keyword [${scopes.join(' ')}]`);
      }
    }
  }
  if (strict) {
    lines.forEach((toks, i) =>
      toks.forEach((t) => {
        if (t.scopes.some((s) => s.startsWith('invalid'))) fail(`${rel}:${i + 1}:${t.start + 1}: '${t.text}' scoped [${t.scopes.join(' ')}]`);
      }),
    );
  }
  return counts;
}

function aquaFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...aquaFiles(p));
    else if (name.endsWith('.aqua')) out.push(p);
  }
  return out;
}

const files = aquaFiles(path.join(root, 'examples')).map((f) => ({ f, strict: true }));
check(files.length > 0, 'no .aqua files under examples/');
if (existsSync(sharedCompile)) {
  // Programs the reference rejects (err_*) may hold characters Aqua does not know: no strictness there.
  for (const f of aquaFiles(sharedCompile)) files.push({ f, strict: !path.basename(f).startsWith('err_') });
} else {
  console.log(`note: ${sharedCompile} not found; only examples/ are tokenized`);
}
const totals = { keyword: 0, comment: 0, string: 0 };
for (const { f, strict } of files) {
  const c = checkFile(f, { strict });
  for (const k of Object.keys(totals)) totals[k] += c[k];
}
check(totals.keyword > 0 && totals.comment > 0 && totals.string > 0, 'the corpus exercised no keyword/comment/string');

// ---- targeted samples: the exact scopes of every non-blank token ---------------------------------
// Each expectation is [text, 'scope scope ...'] (outermost first, source.aqua left out).
const K = (kind) => `keyword.control.${kind}.aqua`;
const T = {
  func: 'keyword.declaration.function.aqua',
  fn: 'entity.name.function.aqua',
  member: 'entity.name.function.member.aqua',
  param: 'variable.parameter.aqua',
  colon: 'punctuation.separator.colon.aqua',
  comma: 'punctuation.separator.comma.aqua',
  block: 'punctuation.section.block.begin.aqua',
  pOpen: 'punctuation.section.parameters.begin.aqua',
  pClose: 'punctuation.section.parameters.end.aqua',
  lp: 'punctuation.section.parens.begin.aqua',
  rp: 'punctuation.section.parens.end.aqua',
  lb: 'punctuation.section.brackets.begin.aqua',
  rb: 'punctuation.section.brackets.end.aqua',
  dot: 'punctuation.accessor.aqua',
  prim: 'support.type.primitive.aqua',
  type: 'entity.name.type.aqua',
  arrow: 'keyword.operator.arrow.aqua',
  bind: 'keyword.operator.assignment.bind.aqua',
  assign: 'keyword.operator.assignment.aqua',
  v: 'variable.other.aqua',
  str: 'string.quoted.double.aqua',
  strB: 'string.quoted.double.aqua punctuation.definition.string.begin.aqua',
  strE: 'string.quoted.double.aqua punctuation.definition.string.end.aqua',
  cmt: 'comment.line.double-dash.aqua',
  cmtP: 'comment.line.double-dash.aqua punctuation.definition.comment.aqua',
  int: 'constant.numeric.integer.aqua',
};
const F = (s) => `meta.function.aqua ${s}`;
const P = (s) => `meta.function.aqua meta.parameters.aqua ${s}`;
const SV = (s) => `meta.service.aqua ${s}`;
const SP = (s) => `meta.service.aqua meta.parameters.aqua ${s}`;
const D = (s) => `meta.data.aqua ${s}`;
const AB = (s) => `meta.ability.aqua ${s}`;
const AP = (s) => `meta.ability.aqua meta.parameters.aqua ${s}`;
const CL = (s) => `meta.function.closure.aqua ${s}`;
const CP = (s) => `meta.function.closure.aqua meta.parameters.aqua ${s}`;

const samples = [
  {
    name: 'header',
    lines: [
      ['aqua Main.Sub declares hello, Point, *', [
        ['aqua', 'meta.header.aqua keyword.other.header.aqua'], ['Main.Sub', 'meta.header.aqua entity.name.namespace.aqua'],
        ['declares', 'meta.header.aqua keyword.other.declares.aqua'], ['hello', `meta.header.aqua ${T.fn}`],
        [',', `meta.header.aqua ${T.comma}`], ['Point', `meta.header.aqua ${T.type}`], [',', `meta.header.aqua ${T.comma}`],
        ['*', 'meta.header.aqua keyword.operator.wildcard.aqua'],
      ]],
      ['import "@fluencelabs/aqua-lib/builtin.aqua"', [
        ['import', 'meta.import.aqua keyword.control.import.aqua'], ['"', `meta.import.aqua ${T.strB}`],
        ['@fluencelabs/aqua-lib/builtin.aqua', `meta.import.aqua ${T.str}`], ['"', `meta.import.aqua ${T.strE}`],
      ]],
      ['use foo, Bar as Baz from "lib.aqua" as Lib -- why', [
        ['use', 'meta.import.aqua keyword.control.import.aqua'], ['foo', `meta.import.aqua ${T.fn}`], [',', `meta.import.aqua ${T.comma}`],
        ['Bar', `meta.import.aqua ${T.type}`], ['as', 'meta.import.aqua keyword.control.import.aqua'], ['Baz', `meta.import.aqua ${T.type}`],
        ['from', 'meta.import.aqua keyword.control.import.aqua'], ['"', `meta.import.aqua ${T.strB}`], ['lib.aqua', `meta.import.aqua ${T.str}`],
        ['"', `meta.import.aqua ${T.strE}`], ['as', 'meta.import.aqua keyword.control.import.aqua'], ['Lib', `meta.import.aqua ${T.type}`],
        ['--', `meta.import.aqua ${T.cmtP}`], [' why', `meta.import.aqua ${T.cmt}`],
      ]],
      ['export hello as hi', [
        ['export', 'meta.import.aqua keyword.control.import.aqua'], ['hello', `meta.import.aqua ${T.fn}`],
        ['as', 'meta.import.aqua keyword.control.import.aqua'], ['hi', `meta.import.aqua ${T.fn}`],
      ]],
    ],
  },
  {
    name: 'definitions',
    lines: [
      ['const LIMIT ?= 10', [
        ['const', 'keyword.declaration.const.aqua'], ['LIMIT', 'variable.other.constant.aqua'],
        ['?=', 'keyword.operator.assignment.optional.aqua'], ['10', T.int],
      ]],
      ['alias Ids: []?string', [
        ['alias', 'keyword.declaration.alias.aqua'], ['Ids', 'entity.name.type.alias.aqua'], [':', T.colon],
        ['[]', 'storage.modifier.array.aqua'], ['?', 'storage.modifier.option.aqua'], ['string', T.prim],
      ]],
      ['data Point:', [['data', D('keyword.declaration.data.aqua')], ['Point', D('entity.name.type.struct.aqua')], [':', D(T.block)]]],
      ['  x: u32', [['x', D('variable.other.property.aqua')], [':', D(T.colon)], ['u32', D(T.prim)]]],
      ['  tags: *Lib.Tag', [
        ['tags', D('variable.other.property.aqua')], [':', D(T.colon)], ['*', D('storage.modifier.stream.aqua')],
        ['Lib', D(T.type)], ['.', D(T.dot)], ['Tag', D(T.type)],
      ]],
      ['service Srv("srv-id"):', [
        ['service', SV('keyword.declaration.service.aqua')], ['Srv', SV('entity.name.type.service.aqua')], ['(', SV(T.lp)],
        ['"', SV(T.strB)], ['srv-id', SV(T.str)], ['"', SV(T.strE)], [')', SV(T.rp)], [':', SV(T.block)],
      ]],
      ['  get(key: string, n: ?u8) -> %Value', [
        ['get', SV(T.member)], ['(', SP(T.pOpen)], ['key', SP(T.param)], [':', SP(T.colon)], ['string', SP(T.prim)],
        [',', SP(T.comma)], ['n', SP(T.param)], [':', SP(T.colon)], ['?', SP('storage.modifier.option.aqua')], ['u8', SP(T.prim)],
        [')', SP(T.pClose)], ['->', SV(T.arrow)], ['%', SV('storage.modifier.stream-map.aqua')], ['Value', SV(T.type)],
      ]],
      ['  put: string, ⊤ -> ⊥', [
        ['put', SV(T.member)], [':', SV(T.colon)], ['string', SV(T.prim)], [',', SV(T.comma)],
        ['⊤', SV('support.type.builtin.top.aqua')], ['->', SV(T.arrow)], ['⊥', SV('support.type.builtin.bottom.aqua')],
      ]],
      ['ability Logger:', [['ability', AB('keyword.declaration.ability.aqua')], ['Logger', AB('entity.name.type.ability.aqua')], [':', AB(T.block)]]],
      ['  prefix: string', [['prefix', AB('variable.other.property.aqua')], [':', AB(T.colon)], ['string', AB(T.prim)]]],
      ['  log(msg: string) -> bool', [
        ['log', AB(T.member)], ['(', AP(T.pOpen)], ['msg', AP(T.param)], [':', AP(T.colon)], ['string', AP(T.prim)],
        [')', AP(T.pClose)], ['->', AB(T.arrow)], ['bool', AB(T.prim)],
      ]],
    ],
  },
  {
    name: 'function',
    lines: [
      ['func run{Logger}(peers: []string, cb: string -> ()) -> []u64, f64:', [
        ['func', F(T.func)], ['run', F(T.fn)], ['{', F('punctuation.section.braces.begin.aqua')], ['Logger', F('entity.name.type.ability.aqua')],
        ['}', F('punctuation.section.braces.end.aqua')], ['(', P(T.pOpen)], ['peers', P(T.param)], [':', P(T.colon)],
        ['[]', P('storage.modifier.array.aqua')], ['string', P(T.prim)], [',', P(T.comma)], ['cb', P(T.param)], [':', P(T.colon)],
        ['string', P(T.prim)], ['->', P(T.arrow)], ['(', P(T.lp)], [')', P(T.rp)], [')', P(T.pClose)], ['->', F(T.arrow)],
        ['[]', F('storage.modifier.array.aqua')], ['u64', F(T.prim)], [',', F(T.comma)], ['f64', F(T.prim)], [':', F(T.block)],
      ]],
      ['  results: *string', [['results', 'variable.other.stream.aqua'], [':', T.colon], ['*', 'storage.modifier.stream.aqua'], ['string', T.prim]]],
      ['  on peer via HOST_PEER_ID:', [
        ['on', K('topology')], ['peer', T.v], ['via', K('topology')], ['HOST_PEER_ID', 'support.constant.builtin.aqua'], [':', T.block],
      ]],
      ['    for p <- peers par:', [['for', K('loop')], ['p', T.v], ['<-', T.bind], ['peers', T.v], ['par', K('parallel')], [':', T.block]]],
      ['      res <- Srv.get(p, %init_peer_id%) -- call', [
        ['res', T.v], ['<-', T.bind], ['Srv', T.type], ['.', T.dot], ['get', T.member], ['(', T.lp], ['p', T.v], [',', T.comma],
        ['%init_peer_id%', 'constant.language.init-peer-id.aqua'], [')', T.rp], ['--', T.cmtP], [' call', T.cmt],
      ]],
      ['      results <<- res.value!2', [
        ['results', T.v], ['<<-', 'keyword.operator.assignment.push.aqua'], ['res', T.v], ['.', T.dot],
        ['value', 'variable.other.property.aqua'], ['!', 'keyword.operator.index.aqua'], ['2', T.int],
      ]],
      ['  join results[n - 1]', [
        ['join', K('parallel')], ['results', T.v], ['[', T.lb], ['n', T.v], ['-', 'keyword.operator.arithmetic.aqua'], ['1', T.int], [']', T.rb],
      ]],
      ['  try:', [['try', K('exception')], [':', T.block]]],
      ['    x = a * b ** 2 % -3 + 1.5', [
        ['x', T.v], ['=', T.assign], ['a', T.v], ['*', 'keyword.operator.arithmetic.aqua'], ['b', T.v], ['**', 'keyword.operator.arithmetic.aqua'],
        ['2', T.int], ['%', 'keyword.operator.arithmetic.aqua'], ['-3', T.int], ['+', 'keyword.operator.arithmetic.aqua'], ['1.5', 'constant.numeric.float.aqua'],
      ]],
      ['  catch e:', [['catch', K('exception')], ['e', T.v], [':', T.block]]],
      ['    if !ok && e.error_code != 0 || x >= 2:', [
        ['if', K('conditional')], ['!', 'keyword.operator.logical.not.aqua'], ['ok', T.v], ['&&', 'keyword.operator.logical.aqua'], ['e', T.v],
        ['.', T.dot], ['error_code', 'variable.other.property.aqua'], ['!=', 'keyword.operator.comparison.aqua'], ['0', T.int],
        ['||', 'keyword.operator.logical.aqua'], ['x', T.v], ['>=', 'keyword.operator.relational.aqua'], ['2', T.int], [':', T.block],
      ]],
      ['    else:', [['else', K('conditional')], [':', T.block]]],
      ['  otherwise:', [['otherwise', K('conditional')], [':', T.block]]],
      ['  co on p:', [['co', K('parallel')], ['on', K('topology')], ['p', T.v], [':', T.block]]],
      ['  q = p.copy(x = 1, tag = nil)', [
        ['q', T.v], ['=', T.assign], ['p', T.v], ['.', T.dot], ['copy', 'support.function.builtin.copy.aqua'], ['(', T.lp],
        ['x', T.v], ['=', T.assign], ['1', T.int], [',', T.comma], ['tag', T.v], ['=', T.assign], ['nil', 'constant.language.nil.aqua'], [')', T.rp],
      ]],
      ['  opt = ?[true, false]', [
        ['opt', T.v], ['=', T.assign], ['?', 'keyword.operator.collection.aqua'], ['[', T.lb], ['true', 'constant.language.boolean.true.aqua'],
        [',', T.comma], ['false', 'constant.language.boolean.false.aqua'], [']', T.rb],
      ]],
      ['  s = "a \\" -- not a comment', [['s', T.v], ['=', T.assign], ['"', T.strB], ['a \\', T.str], ['"', T.strE], ['--', T.cmtP], [' not a comment', T.cmt]]],
      ['  <- Point(x = n, y = xs.length)', [
        ['<-', T.bind], ['Point', T.type], ['(', T.lp], ['x', T.v], ['=', T.assign], ['n', T.v], [',', T.comma], ['y', T.v], ['=', T.assign],
        ['xs', T.v], ['.', T.dot], ['length', 'support.variable.property.length.aqua'], [')', T.rp],
      ]],
    ],
  },
  {
    name: 'closure and multi-line parameters',
    lines: [
      ['func f(a: string,', [['func', F(T.func)], ['f', F(T.fn)], ['(', P(T.pOpen)], ['a', P(T.param)], [':', P(T.colon)], ['string', P(T.prim)], [',', P(T.comma)]]],
      ['       b: Point) -> string:', [['b', P(T.param)], [':', P(T.colon)], ['Point', P(T.type)], [')', P(T.pClose)], ['->', F(T.arrow)], ['string', F(T.prim)], [':', F(T.block)]]],
      ['  c = (msg: string) -> string:', [
        ['c', CL(T.fn)], ['=', CL(T.assign)], ['(', CP(T.pOpen)], ['msg', CP(T.param)], [':', CP(T.colon)], ['string', CP(T.prim)],
        [')', CP(T.pClose)], ['->', CL(T.arrow)], ['string', CL(T.prim)], [':', CL(T.block)],
      ]],
      ['    r <- process{L}(msg)', [['r', T.v], ['<-', T.bind], ['process', T.fn], ['{', 'punctuation.section.braces.begin.aqua'], ['L', 'variable.other.constant.aqua'], ['}', 'punctuation.section.braces.end.aqua'], ['(', T.lp], ['msg', T.v], [')', T.rp]]],
      ['  d = func () -> u32:', [['d', CL(T.fn)], ['=', CL(T.assign)], ['func', CL(T.func)], ['(', CP(T.pOpen)], [')', CP(T.pClose)], ['->', CL(T.arrow)], ['u32', CL(T.prim)], [':', CL(T.block)]]],
      ['  <- "multi', [['<-', T.bind], ['"', T.strB], ['multi', T.str]]],
      ['line" -- tail', [['line', T.str], ['"', T.strE], ['--', T.cmtP], [' tail', T.cmt]]],
      ['  bad $x', [['bad', T.v], ['$', 'invalid.illegal.character.aqua'], ['x', T.v]]],
    ],
  },
];

for (const sample of samples) {
  const got = tokenize(sample.lines.map(([l]) => l).join('\n'), `sample '${sample.name}'`);
  sample.lines.forEach(([line, expected], i) => {
    const actual = (got[i] ?? []).filter((t) => t.text.trim() !== '').map((t) => [t.text, t.scopes.join(' ')]);
    const want = expected.map(([text, scopes]) => [text, scopes]);
    if (JSON.stringify(actual) !== JSON.stringify(want)) {
      const fmt = (toks) => toks.map(([t, s]) => `    ${JSON.stringify(t)} ${s}`).join('\n');
      fail(`sample '${sample.name}' line ${i + 1} ${JSON.stringify(line)}\n  expected:\n${fmt(want)}\n  actual:\n${fmt(actual)}`);
    }
  });
}

if (failures) {
  console.error(`editor.textmate: ${failures} failure(s)`);
  process.exit(1);
}
console.log(
  `editor.textmate: OK (${files.length} files, ${totals.keyword} keywords, ${totals.comment} comments, ` +
    `${totals.string} strings checked; ${samples.reduce((n, s) => n + s.lines.length, 0)} sample lines exact)`,
);
