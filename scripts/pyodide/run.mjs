// purenn inside Pyodide (CPython compiled to WebAssembly, as in a browser or
// JupyterLite), run offline under Node.js, checked against the host's CPython.
//
//   cd scripts/pyodide && npm ci && node run.mjs [--python PATH]
//
// 1. runs check.py with the host's CPython (--python, $PYTHON, or python3);
// 2. loads Pyodide from ./node_modules/pyodide, copies the purenn package and
//    check.py from this checkout into Pyodide's virtual file system, and calls
//    check.results() there;
// 3. compares the two: numbers within 1e-9 relative, everything else exactly
//    (the "env" entry, which says which interpreter ran, excepted).
// Exit code 0 when they agree, 1 otherwise.

import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const RTOL = 1e-9;
// Below this, a difference counts as none (an exact 0 on one side, 1e-17 on the other).
const ATOL = 1e-12;
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..", "..");
const pyodideDir = path.join(here, "node_modules", "pyodide");

function fail(message) {
  console.error(`pyodide: FAILED: ${message}`);
  process.exit(1);
}

function hostPython() {
  const i = process.argv.indexOf("--python");
  if (i !== -1 && process.argv[i + 1]) return process.argv[i + 1];
  return process.env.PYTHON || "python3";
}

// -- 1. the host's CPython ----------------------------------------------------

function runHost(python) {
  const r = spawnSync(python, [path.join(here, "check.py")], { cwd: root, encoding: "utf8" });
  if (r.error) fail(`cannot run ${python}: ${r.error.message}`);
  if (r.status !== 0) {
    process.stderr.write(r.stderr);
    fail(`${python} check.py exited with ${r.status}`);
  }
  return JSON.parse(r.stdout);
}

// -- 2. Pyodide ---------------------------------------------------------------------

// Every file of the package but caches, read with Node's fs, written with pyodide.FS.
function copyTree(pyodide, from, to) {
  let count = 0;
  pyodide.FS.mkdirTree(to);
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    if (entry.name === "__pycache__" || entry.name.endsWith(".pyc")) continue;
    const src = path.join(from, entry.name);
    const dst = `${to}/${entry.name}`;
    if (entry.isDirectory()) count += copyTree(pyodide, src, dst);
    else if (entry.isFile()) {
      pyodide.FS.writeFile(dst, fs.readFileSync(src));
      count += 1;
    }
  }
  return count;
}

async function runPyodide() {
  if (!fs.existsSync(path.join(pyodideDir, "package.json"))) {
    fail(`${pyodideDir} is missing: run 'npm ci' in ${here} first`);
  }
  const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")).href);
  const version = JSON.parse(fs.readFileSync(path.join(pyodideDir, "package.json"), "utf8")).version;
  const started = Date.now();
  // indexURL: the runtime files (pyodide.asm.wasm, python_stdlib.zip, …) come
  // from node_modules, nothing from the network; no extra packages are loaded.
  const pyodide = await loadPyodide({ indexURL: pyodideDir + path.sep });
  const loadSeconds = (Date.now() - started) / 1000;

  const site = "/home/pyodide/purenn-check";
  const files = copyTree(pyodide, path.join(root, "purenn"), `${site}/purenn`);
  pyodide.FS.writeFile(`${site}/check.py`, fs.readFileSync(path.join(here, "check.py")));
  pyodide.globals.set("site_dir", site);
  const text = pyodide.runPython(`
import json, sys
sys.path.insert(0, site_dir)
import check
json.dumps(check.results(), allow_nan=False)
`);
  return { result: JSON.parse(text), version, files, loadSeconds };
}

// -- 3. comparison ------------------------------------------------------------------

function compare(expected, actual, where, report) {
  if (typeof expected === "number" && typeof actual === "number") {
    report.numbers += 1;
    const scale = Math.max(Math.abs(expected), Math.abs(actual));
    const diff = Math.abs(expected - actual);
    const rel = scale === 0 ? 0 : diff / scale;
    if (rel > report.largest) report.largest = rel;
    if (rel > RTOL && diff > ATOL) report.errors.push(`${where}: CPython ${expected}, Pyodide ${actual} (relative difference ${rel.toExponential(2)})`);
    return;
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length !== actual.length) {
      report.errors.push(`${where}: CPython has ${expected.length} entries, Pyodide ${actual.length}`);
      return;
    }
    expected.forEach((e, i) => compare(e, actual[i], `${where}[${i}]`, report));
    return;
  }
  if (expected && actual && typeof expected === "object" && typeof actual === "object") {
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
    for (const k of keys) {
      if (!(k in expected) || !(k in actual)) report.errors.push(`${where}.${k}: only in ${k in expected ? "CPython" : "Pyodide"}`);
      else compare(expected[k], actual[k], `${where}.${k}`, report);
    }
    return;
  }
  if (expected !== actual) report.errors.push(`${where}: CPython ${JSON.stringify(expected)}, Pyodide ${JSON.stringify(actual)}`);
}

// -- main -----------------------------------------------------------------------------

const python = hostPython();
const host = runHost(python);
const { result, version, files, loadSeconds } = await runPyodide();
const hostEnv = host.env;
const pyEnv = result.env;
delete host.env;
delete result.env;

console.log(`host:    ${hostEnv.implementation} ${hostEnv.python}, purenn ${hostEnv.purenn}, kernel ${hostEnv.kernel}`);
console.log(`pyodide: Pyodide ${version} (loaded in ${loadSeconds.toFixed(1)} s), ${pyEnv.implementation} ${pyEnv.python} on ${pyEnv.platform}, ` +
  `purenn ${pyEnv.purenn} (${files} files copied, imported from ${pyEnv["purenn file"]}), kernel ${pyEnv.kernel}`);

const report = { numbers: 0, largest: 0, errors: [] };
compare(host, result, "result", report);
if (!pyEnv["purenn file"].startsWith("/home/pyodide/purenn-check/")) {
  report.errors.push(`purenn was imported from ${pyEnv["purenn file"]}, not from the copied source`);
}
if (host["numpy imported"] || result["numpy imported"]) report.errors.push("numpy was imported");
if (!host["model file round trip"]) report.errors.push("the model file round trip failed under CPython");

if (report.errors.length) {
  for (const e of report.errors) console.error(`  ${e}`);
  fail(`${report.errors.length} difference(s) between CPython ${hostEnv.python} and Pyodide ${version}`);
}
console.log(
  `pyodide: OK (Python ${pyEnv.python}, purenn ${pyEnv.purenn}, Pyodide ${version}): ${report.numbers} numbers agree with ` +
  `CPython ${hostEnv.python} within ${RTOL} relative (largest difference ${report.largest.toExponential(1)})`,
);
