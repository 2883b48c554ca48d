// The purenn page: the form, the Rechenweg, MNIST training and the drawing canvas.
// All Python runs in worker.js; this file only talks to it and draws.
//
// The state of the page lives in the URL after "#" (URLSearchParams), so a link
// reproduces an exercise or a training run: a teacher shares an exercise, a
// student the state they are stuck in.
import { latexToHtml } from "./latex.js";

const $ = (id) => document.getElementById(id);

// -- German first, English on request ------------------------------------------------

const EN = {
  tagline: "Neural networks formula by formula – in the browser, nothing to install",
  tab_rechenweg: "Rechenweg (worked calculation)", tab_mnist: "MNIST: train and draw digits", language: "Language",
  loading: "Loading Python (Pyodide) …", add_layer: "+ layer", remove_layer: "− layer",
  act: "Activations σ¹, …, σᴸ", input: "Input x = a⁰ (several: 1.3,0.8 | 0.5,-1 is a mini-batch)", target: "Target y (empty = forward pass only)",
  eta: "Learning rate η (empty = no step)", loss: "Loss function",
  loss_default: "default (cross-entropy after softmax, squared error otherwise)", notation: "Notation",
  notation_parameter: "w^k_ij from 1 ('Parameter in neuronalen Netzen')",
  notation_matrizen: "w^l_j,i from 0 ('Matrizen in Neuronalen Netzen')",
  notation_ki: "w^(l)_jk, bias as neuron 0 ('Künstliche Intelligenz selbst gemacht')",
  notation_woche10: "w_ij from input i to neuron j, y for its value ('Woche 10 Theorie')",
  format: "Display", format_latex: "Formulas (LaTeX, typeset by the page)", format_text: "Text (as in the terminal)",
  decimals: "Decimals", exact: "exact (fractions: 0.2 is exactly 1/5)", compute: "Show the Rechenweg",
  example: "Example: 'Parameter in neuronalen Netzen'", copy_link: "Copy the link to this exercise",
  paste_summary: "Paste a command line (purenn forward/backprop …) or an exercise file", paste_apply: "Apply", link: "Link:",
  answers_title: "Check your answers", answers_help: "One answer per line, e.g. z1_1 = 2.4 or a²₁ = 0.2761.",
  check: "Check", source: "Source", m_hidden: "Neurons in the hidden layer", m_activation: "Activation of the hidden layer",
  m_epochs: "Epochs", m_batch: "Mini-batch size N", m_eta: "Learning rate η (empty = 0.1 for ReLU, 0.5 for sigmoid)",
  m_seed: "Seed (same seed = same run)", m_train: "Training digits (up to 4500)", m_test: "Test digits (up to 500)",
  m_start: "Start training", m_stop: "Stop", m_curve: "Loss and accuracy per epoch (thin: the running mean during the epoch)",
  m_loss: "loss (training)", m_acc_train: "accuracy training", m_acc_test: "accuracy test",
  m_confusion: "Confusion matrix (row: true digit, column: predicted)", draw_title: "Draw a digit yourself",
  draw_help: "Draw with mouse or finger. As in MNIST, the drawing is scaled to fit 20×20 pixels and placed in 28×28 pixels by its centre of mass:",
  clear: "Clear", layer: "Layer", weights: "Weights W", bias: "Bias b",
};
const DE = {};  // filled from the page itself, which is written in German
document.querySelectorAll("[data-i18n]").forEach((el) => { DE[el.dataset.i18n] = el.textContent; });
Object.assign(DE, { layer: "Schicht", weights: "Gewichte W", bias: "Bias b" });

const MESSAGES = {
  de: {
    ready: (s, r) => `Bereit: Python ${r.python} in Pyodide ${r.pyodide}, purenn ${r.purenn} (geladen in ${s.toFixed(1)} s)`,
    failed: "Python konnte nicht starten: ", computing: "wird berechnet …", copied: "Link kopiert.",
    epoch: (p) => `Epoche ${p.epoch}/${p.epochs}: ${p.seen}/${p.total} Ziffern, ${Math.round(p.per_second)} Beispiele/s`,
    done: (r) => `Fertig: ${r.history.length} Epochen in ${r.seconds.toFixed(1)} s, ${Math.round(r.per_second)} Beispiele/s (Seed ${r.seed}, η = ${r.eta})`,
    accuracy: (r) => `Genauigkeit auf ${r.test} Testziffern: ${(100 * r.accuracy).toFixed(1)} %`,
    stopped: "Abgebrochen.", train_first: "Erst das Netz trainieren, dann zeichnen.",
    prediction: (d) => `Das Netz erkennt: ${d}`, starting: "Training startet …",
  },
  en: {
    ready: (s, r) => `Ready: Python ${r.python} in Pyodide ${r.pyodide}, purenn ${r.purenn} (loaded in ${s.toFixed(1)} s)`,
    failed: "Python could not start: ", computing: "computing …", copied: "Link copied.",
    epoch: (p) => `Epoch ${p.epoch}/${p.epochs}: ${p.seen}/${p.total} digits, ${Math.round(p.per_second)} examples/s`,
    done: (r) => `Done: ${r.history.length} epochs in ${r.seconds.toFixed(1)} s, ${Math.round(r.per_second)} examples/s (seed ${r.seed}, η = ${r.eta})`,
    accuracy: (r) => `Accuracy on ${r.test} test digits: ${(100 * r.accuracy).toFixed(1)} %`,
    stopped: "Stopped.", train_first: "Train the network first, then draw.",
    prediction: (d) => `The network sees: ${d}`, starting: "Training starts …",
  },
};

let lang = "de";
const t = (key) => (lang === "en" ? EN : DE)[key] || DE[key] || key;
const msg = () => MESSAGES[lang];

function applyLanguage() {
  document.documentElement.lang = lang;
  $("lang").value = lang;
  document.querySelectorAll("[data-i18n]").forEach((el) => { el.textContent = t(el.dataset.i18n); });
  renderLayers(readLayers());
  if (runtime.ready) setStatus("ready", msg().ready(runtime.seconds, runtime.info));
}

// -- the worker ------------------------------------------------------------------------

const runtime = { ready: false, worker: null, pending: new Map(), nextId: 1, onProgress: null };
let readyResolve;
let whenReady = new Promise((resolve) => { readyResolve = resolve; });

function setStatus(state, text) {
  const el = $("status");
  el.dataset.state = state;
  el.textContent = text;
}

function startWorker() {
  const worker = new Worker("worker.js");
  runtime.worker = worker;
  runtime.ready = false;
  worker.onmessage = (event) => {
    const data = event.data;
    if ("ready" in data) {
      if (!data.ready) { setStatus("failed", msg().failed + data.error); return; }
      Object.assign(runtime, { ready: true, info: data.runtime, seconds: data.seconds, answerCheck: data.answerCheck });
      setStatus("ready", msg().ready(data.seconds, data.runtime));
      $("footer").textContent = `purenn ${data.runtime.purenn} · Python ${data.runtime.python} (${data.runtime.implementation}) · Pyodide ${data.runtime.pyodide}`;
      $("answers").hidden = !data.answerCheck;
      readyResolve();
    } else if ("progress" in data) {
      if (runtime.onProgress) runtime.onProgress(data.progress);
    } else {
      const { resolve, reject } = runtime.pending.get(data.id);
      runtime.pending.delete(data.id);
      if ("error" in data) reject(new Error(data.error)); else resolve(data.value);
    }
  };
}

async function python(fn, ...args) {
  await whenReady;
  const id = runtime.nextId++;
  return new Promise((resolve, reject) => {
    runtime.pending.set(id, { resolve, reject });
    runtime.worker.postMessage({ id, fn, args });
  });
}

// Training cannot be interrupted inside Python: stopping means a new worker.
function restartWorker() {
  runtime.worker.terminate();
  for (const { reject } of runtime.pending.values()) reject(new Error(msg().stopped));
  runtime.pending.clear();
  whenReady = new Promise((resolve) => { readyResolve = resolve; });
  setStatus("loading", t("loading"));
  startWorker();
}

// -- the state in the URL --------------------------------------------------------------

const FIELDS = ["act", "input", "target", "eta", "loss", "notation", "format", "decimals"];
const MNIST_FIELDS = ["hidden", "activation", "epochs", "batch", "eta", "seed", "train", "test"];
let tab = "rechenweg";

function readHash() {
  return new URLSearchParams(location.hash.slice(1));
}

function writeHash() {
  const p = new URLSearchParams();
  p.set("tab", tab);
  if (lang !== "de") p.set("lang", lang);
  if (tab === "rechenweg") {
    const form = rechenwegForm();
    for (const [k, v] of Object.entries(form)) {
      if (k === "exact") { if (v) p.set("exact", "1"); } else if (k !== "lang" && v !== "") p.set(k, v);
    }
  } else {
    for (const [k, v] of Object.entries(mnistSettings())) if (v !== "") p.set(`m_${k}`, v);
  }
  history.replaceState(null, "", `#${p.toString()}`);
  $("share-link").value = location.href;
}

function loadHash() {
  const p = readHash();
  lang = p.get("lang") === "en" ? "en" : "de";
  tab = p.get("tab") === "mnist" ? "mnist" : "rechenweg";
  const layers = [];
  for (let l = 1; p.has(`W${l}`) || p.has(`b${l}`); l++) layers.push({ W: p.get(`W${l}`) || "", b: p.get(`b${l}`) || "" });
  if (layers.length) renderLayers(layers);
  for (const name of FIELDS) if (p.has(name)) $(name).value = p.get(name);
  if (p.has("exact")) $("exact").checked = p.get("exact") === "1";
  for (const name of MNIST_FIELDS) if (p.has(`m_${name}`)) $(`m-${name}`).value = p.get(`m_${name}`);
  return layers.length > 0 && p.has("input");
}

function showTab(name) {
  tab = name;
  for (const b of document.querySelectorAll(".tab")) b.classList.toggle("active", b.dataset.tab === name);
  $("tab-rechenweg").hidden = name !== "rechenweg";
  $("tab-mnist").hidden = name !== "mnist";
  writeHash();
}

// -- the Rechenweg ------------------------------------------------------------------------

function readLayers() {
  return [...document.querySelectorAll("#layers .layer")].map((el) => ({
    W: el.querySelector(".W").value, b: el.querySelector(".b").value,
  }));
}

function renderLayers(layers) {
  const box = $("layers");
  box.textContent = "";
  layers.forEach((layer, k) => {
    const l = k + 1;
    const el = document.createElement("fieldset");
    el.className = "layer";
    el.innerHTML = `<legend>${t("layer")} ${l}</legend>
      <label><span>${t("weights")}<sup>${l}</sup></span> <input class="W" id="W${l}" placeholder="2,1;1,2;0.5,3"></label>
      <label><span>${t("bias")}<sup>${l}</sup></span> <input class="b" id="b${l}" placeholder="-1,0,-0.25"></label>`;
    el.querySelector(".W").value = layer.W;
    el.querySelector(".b").value = layer.b;
    box.appendChild(el);
  });
}

function rechenwegForm() {
  const form = {};
  readLayers().forEach((layer, k) => { form[`W${k + 1}`] = layer.W.trim(); form[`b${k + 1}`] = layer.b.trim(); });
  for (const name of FIELDS) form[name] = $(name).value.trim();
  form.lang = lang;
  form.exact = $("exact").checked;
  return form;
}

function fillForm(form) {
  const layers = [];
  for (let l = 1; `W${l}` in form || `b${l}` in form; l++) layers.push({ W: form[`W${l}`] || "", b: form[`b${l}`] || "" });
  renderLayers(layers.length ? layers : [{ W: "", b: "" }]);
  // how the Rechenweg is shown stays as chosen unless the pasted exercise says otherwise
  const keep = new Set(["format", "notation", "decimals"]);
  for (const name of FIELDS) if (name in form || !keep.has(name)) $(name).value = form[name] || "";
  $("exact").checked = Boolean(form.exact);
}

// 'Parameter in neuronalen Netzen', Forward Pass an einem Beispiel: 2-3-2, sigmoid then softmax.
const EXAMPLE = {
  W1: "2,1;1,2;0.5,3", b1: "-1,0,-0.25", W2: "0,1,0;1,-1,1", b2: "-1,0",
  act: "sigmoid,softmax", input: "1.3,0.8", target: "", eta: "", notation: "parameter", format: "latex",
};

async function computeRechenweg() {
  const form = rechenwegForm();
  writeHash();
  $("rw-error").hidden = true;
  $("rw-output").dataset.done = "";
  $("rw-output").textContent = msg().computing;
  try {
    const argv = await python("rechenweg_argv", form);
    const result = await python("run_command", argv);
    showRechenweg(result, form.format || "text");
  } catch (error) {
    showError(error.message);
  }
}

function showError(text) {
  $("rw-output").textContent = "";
  $("rw-source-box").hidden = true;
  $("rw-error").hidden = false;
  $("rw-error").textContent = text;
}

function showRechenweg(result, format) {
  if (result.code !== 0) { showError(result.stderr.trim() || `exit code ${result.code}`); return; }
  const out = $("rw-output");
  if (format === "latex") {
    out.innerHTML = latexToHtml(result.stdout);
    out.classList.remove("plain");
    $("rw-source").textContent = result.stdout;
    $("rw-source-box").hidden = false;
  } else {
    out.classList.add("plain");
    out.textContent = "";
    const pre = document.createElement("pre");
    pre.textContent = result.stdout;
    out.appendChild(pre);
    $("rw-source-box").hidden = true;
  }
  out.dataset.done = "1";
  out.dataset.format = format;
}

async function pasteCommand() {
  try {
    const form = await python("form_from_text", $("paste").value);
    fillForm(form);
    await computeRechenweg();
  } catch (error) {
    showError(error.message);
  }
}

async function checkAnswers() {
  try {
    $("check-output").dataset.done = "";
    const result = await python("check_answers", rechenwegForm(), $("answer-text").value);
    showCheck(result.stdout + result.stderr);
  } catch (error) {
    showCheck(error.message);
  }
}

// The report of `purenn check`, line by line as it prints it; an answer's line is coloured by
// its mark (✓ right, ✗ wrong, ↳ Folgefehler: right from the student's own earlier values).
const MARKS = { "✓": "right", "✗": "wrong", "↳": "follow" };

function showCheck(text) {
  const out = $("check-output");
  out.textContent = "";
  for (const line of text.replace(/\s+$/, "").split("\n")) {
    const span = document.createElement("span");
    const mark = MARKS[line.trim().charAt(0)];
    if (mark) span.className = `mark ${mark}`;
    span.textContent = `${line}\n`;
    out.appendChild(span);
  }
  out.dataset.done = "1";
}

async function copyLink() {
  writeHash();
  $("share-link").select();
  try { await navigator.clipboard.writeText(location.href); } catch (e) { document.execCommand("copy"); }
}

// -- MNIST ---------------------------------------------------------------------------------

function mnistSettings() {
  const s = {};
  for (const name of MNIST_FIELDS) s[name] = $(`m-${name}`).value.trim();
  return s;
}

let trained = false;
let curve = [];  // one EpochResult per finished epoch: the dots
let live = [];   // the running mean loss and accuracy during each epoch: the thin lines
let lastTraining = null;

async function startTraining() {
  writeHash();
  const settings = mnistSettings();
  trained = false;
  curve = [];
  live = [];
  drawCurve();
  $("m-confusion").textContent = "";
  $("m-accuracy").textContent = "";
  $("m-accuracy").dataset.value = "";
  $("m-start").disabled = true;
  $("m-stop").disabled = false;
  $("m-status").textContent = msg().starting;
  $("m-bar").style.width = "0%";
  const epochs = Number(settings.epochs) || 1;
  runtime.onProgress = (p) => {
    const done = ((p.epoch - 1) + p.seen / p.total) / p.epochs;
    $("m-bar").style.width = `${(100 * done).toFixed(1)}%`;
    $("m-status").textContent = msg().epoch(p);
    live.push({ at: p.epoch - 1 + p.seen / p.total, loss: p.loss, accuracy: p.accuracy });
    if (p.result) curve.push(p.result);
    drawCurve(epochs);
  };
  try {
    const result = await python("train_mnist", settings);
    trained = true;
    lastTraining = result;
    $("m-bar").style.width = "100%";
    $("m-status").textContent = msg().done(result);
    $("m-status").dataset.perSecond = result.per_second;
    $("m-accuracy").textContent = msg().accuracy(result);
    $("m-accuracy").dataset.value = result.accuracy;
    drawConfusion(result.confusion);
    if (strokes) predictDrawing();
  } catch (error) {
    $("m-status").textContent = error.message;
  } finally {
    runtime.onProgress = null;
    $("m-start").disabled = false;
    $("m-stop").disabled = true;
  }
}

const SVG = "http://www.w3.org/2000/svg";

function drawCurve(epochs) {
  const svg = $("m-curve");
  svg.textContent = "";
  const W = 360, H = 220, left = 36, right = 36, top = 10, bottom = 28;
  const n = Math.max(epochs || 1, curve.length, 1);
  const maxLoss = Math.max(0.5, ...curve.map((r) => r.loss), ...live.map((p) => p.loss));
  // x in epochs, 0 = the start: epoch e ends at x(e), a running figure sits where it was taken
  const x = (e) => left + (W - left - right) * e / n;
  const yLoss = (v) => top + (H - top - bottom) * (1 - v / maxLoss);
  const yAcc = (v) => top + (H - top - bottom) * (1 - v);
  const add = (name, attrs, text) => {
    const el = document.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    if (text !== undefined) el.textContent = text;
    svg.appendChild(el);
    return el;
  };
  add("rect", { x: left, y: top, width: W - left - right, height: H - top - bottom, class: "frame" });
  for (let e = 1; e <= n; e++) add("text", { x: x(e), y: H - 10, class: "tick", "text-anchor": "middle" }, String(e));
  add("text", { x: 4, y: top + 8, class: "tick" }, maxLoss.toFixed(1));
  add("text", { x: 4, y: H - bottom, class: "tick" }, "0");
  add("text", { x: W - 32, y: top + 8, class: "tick" }, "100 %");
  add("text", { x: W - 32, y: H - bottom, class: "tick" }, "0 %");
  // each epoch's running figures start afresh, so each epoch gets its own thin line
  for (const [cls, y] of [["loss", (p) => yLoss(p.loss)], ["acc", (p) => yAcc(p.accuracy)]]) {
    for (let e = 1; e <= n; e++) {
      const inEpoch = live.filter((p) => p.at > e - 1 && p.at <= e && (cls === "loss" || p.accuracy !== null));
      if (inEpoch.length > 1) add("polyline", { points: inEpoch.map((p) => `${x(p.at).toFixed(1)},${y(p).toFixed(1)}`).join(" "), class: `live ${cls}` });
    }
  }
  svg.dataset.live = String(live.length);
  const series = [["loss", (r) => yLoss(r.loss)], ["acc", (r) => yAcc(r.accuracy)], ["test", (r) => yAcc(r.test_accuracy)]];
  for (const [cls, y] of series) {
    if (!curve.length) continue;
    const points = curve.map((r) => `${x(r.epoch).toFixed(1)},${y(r).toFixed(1)}`).join(" ");
    add("polyline", { points, class: `line ${cls}` });
    for (const r of curve) add("circle", { cx: x(r.epoch), cy: y(r), r: 3, class: `dot ${cls}` });
  }
  svg.dataset.points = String(curve.length);
}

function drawConfusion(confusion) {
  const table = $("m-confusion");
  table.textContent = "";
  const max = Math.max(...confusion.flat());
  const head = table.insertRow();
  head.insertCell().textContent = "";
  confusion.forEach((_, p) => { head.insertCell().textContent = p; });
  confusion.forEach((row, truth) => {
    const tr = table.insertRow();
    tr.insertCell().textContent = truth;
    row.forEach((count, p) => {
      const cell = tr.insertCell();
      cell.textContent = count;
      const strength = count / max;
      cell.style.background = p === truth ? `rgba(40, 120, 60, ${strength})` : `rgba(200, 60, 40, ${Math.min(1, 3 * strength)})`;
      if (strength > 0.5) cell.style.color = "#fff";
    });
  });
}

// -- drawing -------------------------------------------------------------------------------

const PEN = 18;  // pixels of the 280×280 canvas: about 2 MNIST pixels after scaling
let strokes = 0;

function setupCanvas() {
  const canvas = $("draw");
  const ctx = canvas.getContext("2d");
  ctx.lineWidth = PEN;
  ctx.lineCap = "round";
  ctx.lineJoin = "round";
  ctx.strokeStyle = "#000";
  let last = null;
  const point = (e) => {
    const box = canvas.getBoundingClientRect();
    return [(e.clientX - box.left) * canvas.width / box.width, (e.clientY - box.top) * canvas.height / box.height];
  };
  canvas.addEventListener("pointerdown", (e) => {
    canvas.setPointerCapture(e.pointerId);
    last = point(e);
    ctx.beginPath();
    ctx.arc(last[0], last[1], PEN / 2, 0, 2 * Math.PI);
    ctx.fill();
    e.preventDefault();
  });
  canvas.addEventListener("pointermove", (e) => {
    if (!last) return;
    const p = point(e);
    ctx.beginPath();
    ctx.moveTo(last[0], last[1]);
    ctx.lineTo(p[0], p[1]);
    ctx.stroke();
    last = p;
  });
  const end = () => {
    if (!last) return;
    last = null;
    strokes += 1;
    predictDrawing();
  };
  canvas.addEventListener("pointerup", end);
  canvas.addEventListener("pointercancel", end);
  $("clear").addEventListener("click", () => {
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    $("preview").getContext("2d").clearRect(0, 0, 112, 112);
    strokes = 0;
    $("prediction").textContent = "";
    $("prediction").dataset.digit = "";
    $("probabilities").textContent = "";
  });
}

let predicting = Promise.resolve();
let queued = false;

// One prediction after another, so the answer shown belongs to the last stroke; strokes that
// end while one waits are seen by it (it reads the canvas when it starts).
function predictDrawing() {
  if (queued) return;
  queued = true;
  predicting = predicting.then(() => { queued = false; return predictNow(); });
}

async function predictNow() {
  const canvas = $("draw");
  const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
  const ink = new Array(canvas.width * canvas.height);
  for (let k = 0; k < ink.length; k++) ink[k] = Math.round(data[4 * k + 3] / 2.55) / 100;
  try {
    const pixels = await python("digit_from_drawing", ink, canvas.width, canvas.height);
    showPreview(pixels);
    if (!trained) { $("prediction").textContent = msg().train_first; return; }
    const answer = await python("predict", pixels);
    $("prediction").textContent = msg().prediction(answer.digit);
    $("prediction").dataset.digit = String(answer.digit);
    drawProbabilities(answer.probabilities);
  } catch (error) {
    $("prediction").textContent = error.message;
  }
}

function showPreview(pixels) {
  const ctx = $("preview").getContext("2d");
  const image = ctx.createImageData(28, 28);
  pixels.forEach((v, k) => {
    const shade = 255 - Math.round(255 * v);
    image.data.set([shade, shade, shade, 255], 4 * k);
  });
  const small = document.createElement("canvas");
  small.width = small.height = 28;
  small.getContext("2d").putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(small, 0, 0, 112, 112);
}

function drawProbabilities(probabilities) {
  const table = $("probabilities");
  table.textContent = "";
  const best = probabilities.indexOf(Math.max(...probabilities));
  probabilities.forEach((p, digit) => {
    const tr = table.insertRow();
    if (digit === best) tr.className = "best";
    tr.insertCell().textContent = digit;
    const bar = tr.insertCell();
    bar.innerHTML = `<span class="bar" style="width:${(100 * p).toFixed(1)}%"></span>`;
    tr.insertCell().textContent = `${(100 * p).toFixed(1)} %`;
  });
}

// -- start -----------------------------------------------------------------------------------

function init() {
  renderLayers([{ W: EXAMPLE.W1, b: EXAMPLE.b1 }, { W: EXAMPLE.W2, b: EXAMPLE.b2 }]);
  for (const name of ["act", "input", "notation", "format"]) $(name).value = EXAMPLE[name];
  const fromLink = loadHash();
  applyLanguage();
  showTab(tab);
  for (const b of document.querySelectorAll(".tab")) b.addEventListener("click", () => showTab(b.dataset.tab));
  $("lang").addEventListener("change", () => {
    lang = $("lang").value;
    applyLanguage();
    writeHash();
    if ($("rw-output").dataset.done) computeRechenweg();
  });
  $("rw-form").addEventListener("submit", (e) => { e.preventDefault(); computeRechenweg(); });
  $("rw-form").addEventListener("change", () => writeHash());
  $("mnist-form").addEventListener("change", () => writeHash());
  $("add-layer").addEventListener("click", () => renderLayers([...readLayers(), { W: "", b: "" }]));
  $("remove-layer").addEventListener("click", () => { const l = readLayers(); if (l.length > 1) renderLayers(l.slice(0, -1)); writeHash(); });
  $("example").addEventListener("click", () => { fillForm(EXAMPLE); computeRechenweg(); });
  $("copy-link").addEventListener("click", copyLink);
  $("m-copy-link").addEventListener("click", copyLink);
  $("paste-apply").addEventListener("click", pasteCommand);
  $("check").addEventListener("click", checkAnswers);
  $("mnist-form").addEventListener("submit", (e) => { e.preventDefault(); startTraining(); });
  $("m-stop").addEventListener("click", () => { restartWorker(); trained = false; $("m-status").textContent = msg().stopped; });
  setupCanvas();
  drawCurve(Number($("m-epochs").value));
  startWorker();
  // The first Rechenweg appears as soon as Python is there: the example, or the shared exercise.
  if (tab === "rechenweg") computeRechenweg();
  // for the real-browser test (scripts/web/browser-test.mjs): wait until the page has answered
  window.purennPage = { fromLink, ready: () => whenReady, predicted: () => predicting, lastTraining: () => lastTraining };
}

if (location.protocol !== "file:") init();
