// examples/benchmark.py inside Pyodide (CPython compiled to WebAssembly) under Node.js.
//
//   (cd scripts/pyodide && npm ci)        # Pyodide into scripts/pyodide/node_modules, once
//   node examples/benchmark-pyodide.mjs --scale --rounds 3 --examples 200
//   node examples/benchmark-pyodide.mjs --no-naive --rounds 5 --examples 300
//
// purenn/ and examples/benchmark.py are copied into Pyodide's file system and the
// benchmark runs there with the given options; it prints what it prints on CPython.
import fs from "node:fs"; import path from "node:path"; import { fileURLToPath, pathToFileURL } from "node:url";
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const pyodideDir = path.join(root, "scripts/pyodide/node_modules/pyodide");
const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")).href);
const py = await loadPyodide({ indexURL: pyodideDir + path.sep });
function copyTree(from, to) {
  py.FS.mkdirTree(to);
  for (const e of fs.readdirSync(from, { withFileTypes: true })) {
    if (e.name === "__pycache__") continue;
    const s = path.join(from, e.name), d = `${to}/${e.name}`;
    if (e.isDirectory()) copyTree(s, d); else py.FS.writeFile(d, fs.readFileSync(s));
  }
}
copyTree(path.join(root, "purenn"), "/home/pyodide/b/purenn");
py.FS.mkdirTree("/home/pyodide/b/examples");
py.FS.writeFile("/home/pyodide/b/examples/benchmark.py", fs.readFileSync(path.join(root, "examples/benchmark.py")));
py.setStdout({ batched: (s) => console.log(s) });
await py.runPythonAsync(`
import sys
sys.argv = ["benchmark.py"] + ${JSON.stringify(process.argv.slice(2))}
sys.path.insert(0, "/home/pyodide/b/examples")
import runpy
runpy.run_path("/home/pyodide/b/examples/benchmark.py", run_name="__main__")
`);
