// How fast is the page? Prints figures; checks nothing (the checks are browser-test.mjs).
//
//   node scripts/web/benchmark.mjs --site SITE [--rounds 3] [--python PATH] [--browser PATH]
//
// Per round, interleaved so that a busy machine slows both sides alike:
//   * page load: a fresh browser context (empty cache) opens the page; seconds until the
//     first Rechenweg is on the page (Pyodide started, purenn unpacked, the example computed);
//   * MNIST: one epoch over the 4,500 shipped digits (the default network of the page and of
//     `purenn mnist`: 784-100-10, ReLU, mini-batches of 10, seed 1) in the page's worker, then the same with `purenn mnist` under CPython;
//     examples/s as each reports it (training steps only, without the evaluation).

import { spawn, spawnSync } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import puppeteer from "puppeteer-core";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..", "..");
const option = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i !== -1 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
};
const site = path.resolve(option("--site", path.join(root, ".venv-ci", "site")));
const python = option("--python", process.env.PYTHON || "python3");
const browserPath = option("--browser", process.env.CHROMIUM || "/usr/bin/chromium-headless-shell");
const rounds = Number(option("--rounds", "3"));

const port = await new Promise((resolve) => {
  const s = net.createServer().listen(0, "127.0.0.1", () => { const p = s.address().port; s.close(() => resolve(p)); });
});
const server = spawn(python, ["-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", site], { stdio: "ignore" });
const url = `http://127.0.0.1:${port}/`;
for (let k = 0; k < 100; k++) {
  try { if ((await fetch(url)).ok) break; } catch (e) { await new Promise((r) => setTimeout(r, 100)); }
}
const browser = await puppeteer.launch({ executablePath: browserPath, headless: "shell", args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
const spread = (xs, digits = 1) => `${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)}`;
const load = [], pageRate = [], cpythonRate = [];
try {
  for (let r = 1; r <= rounds; r++) {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    const started = Date.now();
    await page.goto(url);
    await page.waitForSelector('#rw-output[data-done="1"]', { timeout: 60000 });
    load.push((Date.now() - started) / 1000);
    await page.goto(`${url}#tab=mnist&m_epochs=1&m_train=4500&m_test=500&m_seed=1`);
    await page.reload();
    await page.waitForSelector('#status[data-state="ready"]', { timeout: 60000 });
    await page.click("#m-start");
    await page.waitForFunction(() => document.querySelector("#m-accuracy").dataset.value, { timeout: 300000 });
    pageRate.push((await page.evaluate(() => window.purennPage.lastTraining())).per_second);
    await context.close();
    const cli = spawnSync(python, ["-m", "purenn", "mnist", "--epochs", "1", "--no-save", "--show-wrong", "0", "--lang", "en"],
      { cwd: root, encoding: "utf8", env: { ...process.env, PYTHONPATH: root } });
    cpythonRate.push(Number(/(\d+) examples\/s/.exec(cli.stdout)[1]));
    console.log(`round ${r}: first Rechenweg ${load.at(-1).toFixed(1)} s; MNIST ${Math.round(pageRate.at(-1))} examples/s in the page, ` +
      `${cpythonRate.at(-1)} with CPython`);
  }
} finally {
  await browser.close();
  server.kill();
}
const cpythonVersion = spawnSync(python, ["-c", "import platform; print(platform.python_version())"], { encoding: "utf8" }).stdout.trim();
const ratios = pageRate.map((v, k) => v / cpythonRate[k]);
console.log(`page load to the first Rechenweg (empty cache): ${spread(load)} s over ${rounds} rounds`);
console.log(`MNIST examples/s: page ${spread(pageRate, 0)}, CPython ${cpythonVersion} ${spread(cpythonRate, 0)}; ` +
  `page/CPython ${spread(ratios, 2)}`);
