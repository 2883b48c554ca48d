// The page's Python: Pyodide (CPython compiled to WebAssembly) with purenn, in a Web Worker so
// that training MNIST never freezes the page. Everything comes from this folder:
// pyodide/ (the runtime, copied from the pinned npm package) and purenn.zip (purenn and
// purenn_page.py). Nothing is fetched from the internet.
//
// Messages in:  {id, fn, args}  — call purenn_page.fn(*args)
// Messages out: {ready, seconds, runtime, answerCheck} once; {id, value} or {id, error};
//               {progress} while train_mnist runs.
"use strict";

importScripts("pyodide/pyodide.js");

const SITE = "/home/pyodide/site";

async function start() {
  const started = performance.now();
  const pyodide = await loadPyodide({ indexURL: new URL("pyodide/", self.location).href });
  const zip = await fetch(new URL("purenn.zip", self.location));
  if (!zip.ok) throw new Error(`purenn.zip: ${zip.status} ${zip.statusText}`);
  pyodide.unpackArchive(await zip.arrayBuffer(), "zip", { extractDir: SITE });
  self.postProgress = (text) => self.postMessage({ progress: JSON.parse(text) });
  pyodide.globals.set("site_dir", SITE);
  const call = pyodide.runPython(`
import json, sys
sys.path.insert(0, site_dir)
import js
import purenn_page

def _call(name, args_json):
    args = json.loads(args_json)
    if name == "train_mnist":
        args.append(js.postProgress)
    return json.dumps(getattr(purenn_page, name)(*args), allow_nan=False)
_call
`);
  const runtime = JSON.parse(call("describe_runtime", "[]"));
  runtime.pyodide = pyodide.version;
  const answerCheck = JSON.parse(call("answer_check_available", "[]"));
  return { call, runtime, answerCheck, seconds: (performance.now() - started) / 1000 };
}

// The last line of a Python traceback is the message a person should read.
function pythonMessage(error) {
  const lines = String(error.message || error).trim().split("\n");
  return lines[lines.length - 1].replace(/^\w+(Error|Exception): /, "");
}

const ready = start();
ready.then(
  ({ runtime, answerCheck, seconds }) => self.postMessage({ ready: true, runtime, answerCheck, seconds }),
  (error) => self.postMessage({ ready: false, error: String(error.message || error) }),
);

self.onmessage = async (event) => {
  const { id, fn, args } = event.data;
  try {
    const { call } = await ready;
    const value = JSON.parse(call(fn, JSON.stringify(args || [])));
    self.postMessage({ id, value });
  } catch (error) {
    self.postMessage({ id, error: pythonMessage(error) });
  }
};
