// The offline page in a real browser: headless Chromium, driven as a person would, checked
// against CPython.
//
//   cd scripts/web && npm ci && cd ../.. && python scripts/web/build.py SITE
//   node scripts/web/browser-test.mjs --site SITE [--python PATH] [--browser PATH] [--artifacts DIR]
//
// 1. serves SITE with `python -m http.server` on 127.0.0.1 (no internet needed);
// 2. types the forward pass of 'Parameter in neuronalen Netzen' (x = (1.3, 0.8)) into the form:
//    the Rechenweg must be CPython's `purenn forward` output to the character, a² to 12 decimals
//    within 1e-11 of CPython's, and the typeset LaTeX must show it;
// 3. opens the page's shared link in a new tab (and in English): the same exercise, the same result;
// 3a. types a right answer, a wrong one and a Folgefehler for the backprop exercise into the answer
//    field: the report must be CPython's `purenn check` output, the marks ✓, ✗ and ↳ where it puts them;
// 3b. pastes the exercise file examples/aufgaben/training-backprop.txt: the form is filled, the
//    Rechenweg is CPython's `purenn backprop FILE`;
// 4. trains MNIST for 2 epochs on 1,000 shipped digits: the accuracy must be `purenn mnist`'s for the
//    same settings, the curve must have a point per epoch and, while an epoch runs, its running
//    loss, the confusion matrix 500 digits;
// 5. draws a held-out digit on the canvas with pointer events, row by row as runs of ink:
//    the network must recognise it;
// 6. opens the MNIST link and trains again: the same seed gives the same losses;
// 7. opened as file://, the page says that it needs a server and gives the one-liner;
// 8. (without the browser) latex.js typesets the Rechenweg of every notation, exact and not.
// Screenshots go to --artifacts. Exit code 0 when all holds, 1 otherwise.

import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import puppeteer from "puppeteer-core";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..", "..");

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  return i !== -1 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const site = path.resolve(option("--site", path.join(root, ".venv-ci", "site")));
const python = option("--python", process.env.PYTHON || "python3");
const browserPath = option("--browser", process.env.CHROMIUM || "/usr/bin/chromium-headless-shell");
const artifacts = path.resolve(option("--artifacts", path.join(root, ".venv-ci", "artifacts")));

const EXERCISE = {
  W1: "2,1;1,2;0.5,3", b1: "-1,0,-0.25", W2: "0,1,0;1,-1,1", b2: "-1,0", act: "sigmoid,softmax", input: "1.3,0.8",
};
const EXERCISE_ARGS = ["--W1", EXERCISE.W1, "--b1", EXERCISE.b1, "--W2", EXERCISE.W2, "--b2", EXERCISE.b2,
  "--act", EXERCISE.act, "--input", EXERCISE.input];
const MNIST = { hidden: "40", epochs: "2", train: "1000", test: "500", seed: "1" };
// A right answer, a wrong one (δ¹₂ with σ'(a¹₂) instead of σ'(z¹₂)) and a Folgefehler (∂E/∂w¹₂₁ = δ¹₂·x₁
// from that wrong δ¹₂) for the backprop exercise with target (0, 1) and η = 0.5.
const BACKPROP_ARGS = [...EXERCISE_ARGS, "--target", "0,1", "--eta", "0.5"];
const EXERCISE_FILE = path.join(root, "examples", "aufgaben", "training-backprop.txt");
const ANSWERS = "z1_1 = 2.4\ndelta1_2 = 0.1112\ndW1_21 = 0.1446\n";

const failures = [];
const notes = [];
function check(ok, what) {
  console.log(`  ${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failures.push(what);
}

// -- CPython's side --------------------------------------------------------------------

function cpython(args, input) {
  const r = spawnSync(python, args, { cwd: root, encoding: "utf8", input, env: { ...process.env, PYTHONPATH: root } });
  if (r.status !== 0) throw new Error(`${python} ${args.join(" ")} failed:\n${r.stderr}`);
  return r.stdout;
}

function reference() {
  const started = Date.now();
  const forwardText = cpython(["-m", "purenn", "forward", ...EXERCISE_ARGS]);
  const output = JSON.parse(cpython(["-c", `
import json
from purenn.cli.netspec import build_network
net = build_network([("W", 1, "${EXERCISE.W1}"), ("b", 1, "${EXERCISE.b1}"), ("W", 2, "${EXERCISE.W2}"), ("b", 2, "${EXERCISE.b2}")], "${EXERCISE.act}")
print(json.dumps([float(v) for v in net.predict([1.3, 0.8]).flat()]))
`]));
  const answersFile = path.join(artifacts, "antworten.txt");
  fs.writeFileSync(answersFile, ANSWERS);
  const check = spawnSync(python, ["-m", "purenn", "check", answersFile, ...BACKPROP_ARGS],
    { cwd: root, encoding: "utf8", env: { ...process.env, PYTHONPATH: root } });
  if (check.status !== 1) throw new Error(`purenn check should find the planted mistake (exit 1), got ${check.status}:\n${check.stderr}`);
  const checkText = check.stdout;
  const exerciseText = cpython(["-m", "purenn", "backprop", EXERCISE_FILE]);
  const mnistText = cpython(["-m", "purenn", "mnist", "--hidden", MNIST.hidden, "--epochs", MNIST.epochs, "--train", MNIST.train, "--test", MNIST.test,
    "--seed", MNIST.seed, "--no-save", "--show-wrong", "0"]);
  const accuracy = /Genauigkeit auf \d+ zurückgehaltenen Ziffern: ([\d.]+) %/.exec(mnistText)[1];
  const perSecond = [...mnistText.matchAll(/(\d+) Beispiele\/s/g)].map((m) => Number(m[1]));
  // A held-out digit the same network (same seed, same run) is sure of, so that a hand-drawn
  // copy with a round pen still has a clear answer.
  const digit = JSON.parse(cpython(["-c", `
import json, sys
sys.path.insert(0, "web")
import purenn_page as page
page.train_mnist({"hidden": ${MNIST.hidden}, "epochs": ${MNIST.epochs}, "train": ${MNIST.train}, "test": ${MNIST.test}, "seed": ${MNIST.seed}}, lambda text: None)
for k in range(500):
    d = page.test_digit(k)
    p = page.predict(d["pixels"])["probabilities"]
    if d["label"] not in (1, 7) and p[d["label"]] > 0.98:
        print(json.dumps({"index": k, **d}))
        break
`]));
  console.log(`CPython reference in ${((Date.now() - started) / 1000).toFixed(1)} s: a² = (${output.join(", ")}), ` +
    `MNIST ${accuracy} %, ${perSecond.join(" and ")} examples/s, held-out digit #${digit.index} (a ${digit.label})`);
  return { forwardText, output, accuracy, perSecond, digit, checkText, exerciseText };
}

// -- the server and the browser --------------------------------------------------------------

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

async function serve() {
  if (!fs.existsSync(path.join(site, "index.html"))) throw new Error(`${site}/index.html is missing: run python scripts/web/build.py ${site}`);
  const port = await freePort();
  const server = spawn(python, ["-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", site], { stdio: "ignore" });
  const url = `http://127.0.0.1:${port}/`;
  for (let k = 0; k < 100; k++) {
    try {
      if ((await fetch(url)).ok) return { server, url };
    } catch (e) { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  server.kill();
  throw new Error(`the server on ${url} did not answer`);
}

async function newPage(browser, url) {
  const page = await browser.newPage();
  await page.setViewport({ width: 1100, height: 900 });
  page.on("pageerror", (e) => failures.push(`page error: ${e.message}`));
  page.on("console", (m) => { if (m.type() === "error") console.log(`  console: ${m.text()}`); });
  const started = Date.now();
  await page.goto(url, { waitUntil: "load" });
  await page.waitForSelector('#status[data-state="ready"]', { timeout: 60000 });
  return { page, started };
}

async function setValue(page, selector, value) {  // as a person does: select all, type over it
  await page.click(selector, { clickCount: 3 });
  await page.keyboard.press("Backspace");
  await page.type(selector, value);
}

async function rechenweg(page) {
  await page.waitForSelector('#rw-output[data-done="1"], #rw-error:not([hidden])', { timeout: 30000 });
  const error = await page.$eval("#rw-error", (e) => (e.hidden ? "" : e.textContent));
  if (error) throw new Error(`the page says: ${error}`);
  return page.$eval("#rw-output", (e) => e.textContent);
}

async function compute(page) {
  await page.$eval("#rw-output", (e) => { e.dataset.done = ""; });
  await page.click("#compute");
  return rechenweg(page);
}

// -- the checks ------------------------------------------------------------------------------

async function forwardPass(browser, url, ref) {
  console.log("forward pass of 'Parameter in neuronalen Netzen', typed into the form:");
  const { page, started } = await newPage(browser, url);
  await rechenweg(page);  // the example shown on opening
  const firstSeconds = (Date.now() - started) / 1000;
  notes.push(`first Rechenweg ${firstSeconds.toFixed(1)} s after opening`);
  // start from an empty form with one layer, add the second, type everything
  await page.click("#remove-layer");
  await page.click("#add-layer");
  for (const [name, value] of Object.entries(EXERCISE)) await setValue(page, `#${name}`, value);
  await page.select("#format", "text");
  const text = await compute(page);
  check(text === ref.forwardText, "the Rechenweg is CPython's `purenn forward` output, character for character");
  if (text !== ref.forwardText) console.log(`page:\n${text}\nCPython:\n${ref.forwardText}`);

  await setValue(page, "#decimals", "12");
  const precise = await compute(page);
  const m = /a²₁ = .* ([≈=]) ([-\d.]+)\n[\s\S]*a²₂ = .* ([≈=]) ([-\d.]+)\n/.exec(precise);
  const shown = m ? [Number(m[2]), Number(m[4])] : [NaN, NaN];
  const worst = Math.max(...shown.map((v, k) => Math.abs(v - ref.output[k])));
  check(worst < 1e-11, `a² to 12 decimals = CPython's (${shown.join(", ")}; largest difference ${worst.toExponential(1)})`);

  await setValue(page, "#decimals", "");
  await page.select("#format", "latex");
  await compute(page);
  const typeset = await page.$eval("#rw-output", (e) => ({
    text: e.textContent, fractions: e.querySelectorAll(".frac").length, matrices: e.querySelectorAll(".pmatrix").length,
    unknown: e.querySelectorAll(".unknown").length,
  }));
  check(typeset.text.includes("0.7239") && typeset.fractions >= 5 && typeset.matrices >= 4 && typeset.unknown === 0 &&
    !/\\[a-z]/.test(typeset.text), `the LaTeX is typeset by the page (${typeset.fractions} fractions, ${typeset.matrices} matrices, no raw commands)`);
  await page.screenshot({ path: path.join(artifacts, "rechenweg.png"), fullPage: true });
  const link = await page.$eval("#share-link", (e) => e.value);
  await page.close();
  return { link, shownText: typeset.text };
}

async function sharedLink(browser, link, shownText) {
  console.log("the shared link, opened in a new tab:");
  const { page } = await newPage(browser, link);
  const text = await rechenweg(page);
  const fields = await page.evaluate((names) => Object.fromEntries(names.map((n) => [n, document.getElementById(n).value])),
    Object.keys(EXERCISE));
  check(JSON.stringify(fields) === JSON.stringify(EXERCISE), "the link fills in the same exercise");
  check(text === shownText, "and shows the same Rechenweg");
  await page.close();
  const english = await newPage(browser, `${link}&lang=en`);
  const enText = await rechenweg(english.page);
  check(enText.includes("Layer 1") && enText.includes("Input") && (await english.page.$eval("html", (e) => e.lang)) === "en",
    "with lang=en the page and the Rechenweg are English");
  await english.page.close();
}

async function answerCheck(browser, url, ref) {
  console.log("answers typed into the page's answer field for the backprop exercise (target (0, 1), η = 0.5):");
  const { page } = await newPage(browser, url);
  await rechenweg(page);
  for (const [name, value] of Object.entries({ target: "0,1", eta: "0.5" })) await setValue(page, `#${name}`, value);
  await compute(page);
  await page.type("#answer-text", ANSWERS);
  await page.click("#check");
  await page.waitForSelector('#check-output[data-done="1"]', { timeout: 30000 });
  const shown = await page.$eval("#check-output", (e) => ({
    text: e.textContent,
    marks: Object.fromEntries(["right", "wrong", "follow"].map((k) => [k, [...e.querySelectorAll(`.mark.${k}`)].map((s) => s.textContent.trim())])),
  }));
  check(shown.text.trim() === ref.checkText.trim(), "the page's report is CPython's `purenn check` output, character for character");
  if (shown.text.trim() !== ref.checkText.trim()) console.log(`page:\n${shown.text}\nCPython:\n${ref.checkText}`);
  const marked = (kind, start) => shown.marks[kind].length === 1 && shown.marks[kind][0].startsWith(start);
  check(marked("right", "✓ z¹₁ = 2.4") && marked("wrong", "✗ δ¹₂ = 0.1112") && marked("follow", "↳ ∂E/∂w¹₂₁ = 0.1446"),
    "z¹₁ is marked ✓, δ¹₂ ✗ and ∂E/∂w¹₂₁ ↳ (Folgefehler), as CPython marks them");
  const summary = /\n *(\d+ von \d+ richtig[^\n]*)/.exec(ref.checkText);
  check(summary !== null && summary[1].startsWith("1 von 3 richtig, 1 Folgefehler, 1 falsch") && shown.text.includes(summary[1]),
    `the summary line is shown: ${summary ? summary[1] : "(none in CPython's output)"}`);
  await page.screenshot({ path: path.join(artifacts, "check.png"), fullPage: true });
  await page.close();
}

async function pasteExercise(browser, url, ref) {
  console.log(`the exercise file ${path.basename(EXERCISE_FILE)} pasted into the paste box:`);
  const { page } = await newPage(browser, url);
  await rechenweg(page);
  await page.select("#format", "text");
  await page.click("details summary");
  await page.$eval("#paste", (e, text) => { e.value = text; }, fs.readFileSync(EXERCISE_FILE, "utf8"));
  await page.$eval("#rw-output", (e) => { e.dataset.done = ""; });
  await page.click("#paste-apply");
  const text = await rechenweg(page);
  const fields = await page.evaluate(() => ["W1", "b1", "W2", "b2", "target", "eta", "loss"].map((n) => document.getElementById(n).value));
  check(JSON.stringify(fields) === JSON.stringify(["2,1; 1,2; 0.5,3", "-1, 0, -0.25", "0,1,0; 1,-1,1", "-1, 0", "0, 1", "0.5", "cross_entropy"]),
    `the file fills the form (η = 0,5 in the file becomes ${fields[5]})`);
  check(text === ref.exerciseText, "the Rechenweg is CPython's `purenn backprop FILE` output, character for character");
  await page.close();
}

async function fromFile(browser) {
  console.log("opened as a file (file://), where Pyodide cannot start:");
  const page = await browser.newPage();
  await page.goto(`file://${path.join(site, "index.html")}`, { waitUntil: "load" });
  const warning = await page.$eval("#file-warning", (e) => (e.hidden ? "" : e.textContent));
  check(warning.includes("python3 -m http.server"), "the page says so and gives the one-line server");
  await page.close();
}

async function train(page) {
  await page.$eval("#m-accuracy", (e) => { e.dataset.value = ""; });
  const started = Date.now();
  await page.click("#m-start");
  await page.waitForFunction(() => document.querySelector("#m-accuracy").dataset.value, { timeout: 120000 });
  return { seconds: (Date.now() - started) / 1000, result: await page.evaluate(() => window.purennPage.lastTraining()) };
}

async function mnist(browser, url, ref) {
  console.log(`MNIST, ${MNIST.epochs} epochs on ${MNIST.train} shipped digits, seed ${MNIST.seed}:`);
  const { page } = await newPage(browser, `${url}#tab=mnist`);
  for (const [name, value] of Object.entries(MNIST)) await setValue(page, `#m-${name}`, value);
  // while the first epoch runs, the curve already shows its running loss (Progress.loss)
  const liveBeforeFirstEpoch = page.waitForFunction(() => {
    const svg = document.querySelector("#m-curve");
    return Number(svg.dataset.live) > 0 && svg.dataset.points === "0" && svg.querySelector("polyline.live.loss") !== null;
  }, { polling: "mutation", timeout: 120000 }).then(() => true, () => false);
  const { seconds, result } = await train(page);
  check(await liveBeforeFirstEpoch, "during the first epoch the curve shows the running loss before the epoch's point");
  const shown = await page.$eval("#m-accuracy", (e) => e.textContent);
  check(shown.includes(`${ref.accuracy} %`), `accuracy ${shown.match(/[\d.]+ %/)} = CPython's ${ref.accuracy} % (purenn mnist, same settings)`);
  const chart = await page.$eval("#m-curve", (e) => ({ points: Number(e.dataset.points), lines: e.querySelectorAll("polyline.line").length,
    live: e.querySelectorAll("polyline.live").length }));
  check(chart.points === 2 && chart.lines === 3, `the curve has a point per epoch (${chart.points}) for loss and both accuracies`);
  check(chart.live === 4, `and a thin running line per epoch for loss and training accuracy (${chart.live})`);
  const cells = await page.$$eval("#m-confusion tr", (rows) => rows.slice(1).map((r) => [...r.cells].slice(1).map((c) => Number(c.textContent))));
  const total = cells.flat().reduce((a, b) => a + b, 0);
  check(cells.length === 10 && total === Number(MNIST.test), `the confusion matrix is 10×10 over ${total} test digits`);
  notes.push(`MNIST in the browser ${Math.round(result.per_second)} examples/s, CPython ${ref.perSecond.join("/")} (trained in ${seconds.toFixed(1)} s)`);
  await page.screenshot({ path: path.join(artifacts, "mnist.png"), fullPage: true });
  return { page, result, link: await page.$eval("#share-link", (e) => e.value) };
}

async function drawDigit(page, digit) {
  console.log(`a held-out digit (#${digit.index}, a ${digit.label}) drawn on the canvas with pointer events:`);
  const canvas = await page.$("#draw");
  await canvas.scrollIntoView();
  const box = await canvas.boundingBox();
  const cell = box.width / 28;
  let strokes = 0;
  for (let r = 0; r < 28; r++) {
    let c = 0;
    while (c < 28) {
      if (digit.pixels[r * 28 + c] < 0.5) { c++; continue; }
      let end = c;
      while (end + 1 < 28 && digit.pixels[r * 28 + end + 1] >= 0.5) end++;
      const y = box.y + (r + 0.5) * cell;
      await page.mouse.move(box.x + (c + 0.5) * cell, y);
      await page.mouse.down();
      await page.mouse.move(box.x + (end + 0.5) * cell, y, { steps: Math.max(1, end - c) });
      await page.mouse.up();
      strokes++;
      c = end + 1;
    }
  }
  await page.evaluate(() => window.purennPage.predicted());
  const predicted = await page.$eval("#prediction", (e) => e.dataset.digit);
  const probabilities = await page.$$eval("#probabilities tr", (rows) => rows.map((r) => parseFloat(r.cells[2].textContent)));
  const sum = probabilities.reduce((a, b) => a + b, 0);
  check(predicted === String(digit.label), `${strokes} strokes drawn: the page recognises a ${predicted} (it is a ${digit.label})`);
  check(probabilities.length === 10 && Math.abs(sum - 100) < 1, `ten probabilities shown, summing to ${sum.toFixed(1)} %`);
  await page.screenshot({ path: path.join(artifacts, "draw.png"), fullPage: true });
}

async function sameSeed(browser, link, first) {
  console.log("the MNIST link, opened in a new tab and trained again:");
  const { page } = await newPage(browser, link);
  const { result } = await train(page);
  const losses = (r) => JSON.stringify(r.history.map((h) => h.loss));
  check(losses(result) === losses(first) && result.accuracy === first.accuracy,
    `the same seed gives the same run (losses ${first.history.map((h) => h.loss.toFixed(4)).join(", ")})`);
  await page.close();
}

// Every LaTeX command a Rechenweg uses, in every notation, exact and not, must be one latex.js
// typesets (no browser needed for this one).
async function everyRechenweg() {
  console.log("latex.js on the Rechenweg of every notation (backprop with η, float and exact):");
  const { latexToHtml } = await import(new URL("../../web/latex.js", import.meta.url).href);
  let unknown = new Set(), leftovers = 0, count = 0;
  for (const notation of ["parameter", "matrizen", "ki"]) {
    for (const [act, extra] of [["sigmoid,softmax", []], ["tanh,relu", ["--exact", "--lang", "en"]], ["leaky_relu,identity", []]]) {
      const args = [...EXERCISE_ARGS.slice(0, -4), "--act", act, "--input", EXERCISE.input];
      const tex = cpython(["-m", "purenn", "backprop", ...args, "--target", "0,1", "--eta", "0.5", "--notation", notation,
        "--format", "latex", ...extra]);
      const html = latexToHtml(tex);
      for (const m of html.matchAll(/<span class="unknown">([^<]*)<\/span>/g)) unknown.add(m[1]);
      if (/\\[a-zA-Z]/.test(html.replace(/<[^>]+>/g, ""))) leftovers++;
      count++;
    }
  }
  check(unknown.size === 0 && leftovers === 0, `${count} Rechenwege typeset without an unknown command${unknown.size ? ": " + [...unknown].join(" ") : ""}`);
}

// -- main ------------------------------------------------------------------------------------

fs.mkdirSync(artifacts, { recursive: true });
const ref = reference();
await everyRechenweg();
const { server, url } = await serve();
let browser;
let version = "?";
try {
  browser = await puppeteer.launch({
    executablePath: browserPath, headless: "shell",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
  version = (await browser.version()).replace("HeadlessChrome/", "Chromium ");
  console.log(`${version}, site ${site} on ${url}`);
  const { link, shownText } = await forwardPass(browser, url, ref);
  await sharedLink(browser, link, shownText);
  await answerCheck(browser, url, ref);
  await pasteExercise(browser, url, ref);
  await fromFile(browser);
  const trained = await mnist(browser, url, ref);
  await drawDigit(trained.page, ref.digit);
  await trained.page.close();
  await sameSeed(browser, trained.link, trained.result);
} catch (error) {
  failures.push(String(error.stack || error));
  console.error(error);
} finally {
  if (browser) await browser.close();
  server.kill();
}
if (failures.length) {
  console.error(`browser: FAILED: ${failures.length} check(s) failed in ${version}`);
  for (const f of failures) console.error(`  ${f}`);
  process.exit(1);
}
console.log(`browser: OK (${version}): the page agrees with CPython; ${notes.join("; ")}; screenshots in ${artifacts}`);
