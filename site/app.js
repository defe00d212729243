// The office's page: what the person sees and does. Python (thidua) runs in
// worker.js; this file only shows what it returns. Every text comes from
// thidua's catalogs (the build writes them into index.html) or from Python.
const config = JSON.parse(document.getElementById("config").textContent);
const $ = (id) => document.getElementById(id);
const state = { lang: "vi", ready: false, campaign: null, view: null, busy: 0 };
try {
  const saved = localStorage.getItem("thidua-lang");
  if (saved === "vi" || saved === "en") state.lang = saved;
} catch (e) {
  // storage may be disabled: Vietnamese, the default
}
const texts = () => config.texts[state.lang];
const t = (key) => texts()[key] ?? key;

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k.startsWith("data-")) node.setAttribute(k, v);
    else node.setAttribute(k, v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

// ---- the worker and its calls -------------------------------------------------

const worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
const pending = new Map();
let nextId = 1;

function status(text, { done = false, failed = false, value = null, max = null } = {}) {
  const box = $("status");
  const bar = $("progress");
  $("status-text").textContent = text;
  box.classList.toggle("done", done);
  box.classList.toggle("failed", failed);
  if (value === null) bar.removeAttribute("value");
  else {
    bar.max = max;
    bar.value = value;
  }
}

// the page is busy from the start of an action to its end, across all the calls it makes
function busy(action) {
  state.busy++;
  status(t("working"));
  document.body.setAttribute("aria-busy", "true");
  return Promise.resolve()
    .then(action)
    .finally(() => {
      state.busy--;
      if (state.busy === 0) {
        document.body.removeAttribute("aria-busy");
        if (!document.body.dataset.failed) status(t("ready"), { done: true });
      }
    });
}

function call(method, args = [], files = null) {
  return busy(() => {
    const id = nextId++;
    const transfer = files ? files.map((f) => f.data.buffer) : [];
    worker.postMessage({ type: "call", id, method, args, files }, transfer);
    return new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
  });
}

worker.onmessage = (event) => {
  const msg = event.data;
  if (msg.type === "progress") {
    status(t(msg.key), { value: msg.value, max: msg.max });
  } else if (msg.type === "ready") {
    state.ready = true;
    document.body.dataset.pythonAt = String(Math.round(performance.now()));
    for (const k of ["ms", "runtime", "unpack", "start"]) document.body.dataset[`python${k}`] = String(Math.round(msg[k]));
    busy(onReady).catch(fail);
  } else if (msg.type === "warm") {
    document.body.dataset.warmAt = String(Math.round(performance.now()));
  } else if (msg.type === "result" || msg.type === "error") {
    const p = pending.get(msg.id);
    if (!p) {
      if (msg.type === "error") fail(msg.error);
      return;
    }
    pending.delete(msg.id);
    if (msg.type === "error") p.reject(new Error(msg.error));
    else p.resolve(msg.file !== undefined ? { file: msg.file, bytes: msg.bytes } : msg.data);
  }
};
worker.onerror = (event) => fail(event.message || String(event));

function fail(error) {
  const text = t(state.ready ? "failed" : "failed_to_load").replace("%(error)s", String(error && error.message ? error.message : error));
  status(text, { done: true, failed: true });
  document.body.dataset.failed = "true";
}

// ---- texts and language -------------------------------------------------------

function applyTexts() {
  document.documentElement.lang = state.lang;
  for (const node of document.querySelectorAll("[data-t]")) node.textContent = t(node.dataset.t);
  for (const b of document.querySelectorAll("[data-lang]")) {
    b.setAttribute("aria-pressed", String(b.dataset.lang === state.lang));
  }
  if (!state.ready) status(t("loading"));
  else if (state.busy === 0) status(t("ready"), { done: true });
}

async function setLanguage(lang) {
  if (lang === state.lang) return;
  state.lang = lang;
  try {
    localStorage.setItem("thidua-lang", lang);
  } catch (e) {
    // not kept: fine
  }
  applyTexts();
  if (!state.ready) return;
  await fillExamples();
  if (state.campaign) render(await call("view", [lang]));
}

// ---- the steps ----------------------------------------------------------------

async function fillExamples() {
  const examples = await call("examples", [state.lang]);
  const select = $("example");
  const chosen = select.value;
  select.replaceChildren(el("option", { value: "" }, "—"));
  for (const ex of examples) select.append(el("option", { value: ex.name }, `${ex.title} (${ex.year})`));
  select.value = chosen;
}

async function onReady() {
  status(t("ready"), { done: true });
  await fillExamples();
  for (const id of ["example", "campaign-file"]) $(id).disabled = false;
  const select = $("example");
  select.value = "an-minh-2022";
  await openExample(select.value);
  document.body.dataset.readyAt = String(Math.round(performance.now()));
  document.body.dataset.ready = "true";
  worker.postMessage({ type: "warm" });
}

async function openExample(name) {
  if (!name) return;
  $("campaign-file").value = "";
  render(await call("open_example", [name, state.lang]));
}

async function readFile(file) {
  return { name: file.name, data: new Uint8Array(await file.arrayBuffer()) };
}

async function tooLarge(files) {
  const problems = [];
  for (const f of files) {
    const p = await call("too_large", [f.name, f.size, state.lang]);
    if (p) problems.push(p);
  }
  return problems;
}

async function openCampaignFile(file) {
  $("example").value = "";
  const large = await tooLarge([file]);
  if (large.length) {
    render({ ...emptyView(), problems: large });
    return;
  }
  render(await call("open_file", [state.lang], [await readFile(file)]));
}

async function readResults(fileList) {
  const files = Array.from(fileList);
  if (!files.length || !state.campaign) return;
  const t0 = performance.now();
  const large = await tooLarge(files);
  if (large.length) {
    render({ ...state.view, problems: large, report: null, fingerprint: null, files: [], not_returned: null });
  } else {
    const read = await Promise.all(files.map(readFile));
    render(await call("read_results", [state.lang], read));
  }
  document.body.dataset.shownMs = String(Math.round(performance.now() - t0));
}

async function download(method, args) {
  const { file, bytes } = await call(method, args);
  const url = URL.createObjectURL(new Blob([bytes]));
  const a = el("a", { href: url, download: file });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

// ---- showing a view -------------------------------------------------------------

function emptyView() {
  return { locale: state.lang, campaign: null, problems: [], files: [], not_returned: null, fingerprint: null, report: null };
}

function render(view) {
  state.view = view;
  state.campaign = view.campaign;
  const chosen = Boolean(view.campaign);
  $("template").disabled = !chosen;
  $("results-files").disabled = !chosen;
  $("sample").disabled = !(chosen && view.campaign.example);
  $("step-report").hidden = !(view.problems.length || view.report || view.files.length);

  $("problems").hidden = view.problems.length === 0;
  $("problem-list").replaceChildren(
    ...view.problems.map((p) =>
      el(
        "li",
        {
          class: p.severity,
          "data-code": p.code,
          "data-message": p.message,
          "data-source": p.source,
          "data-sheet": p.sheet,
          "data-cell": p.cell,
        },
        p.text,
      ),
    ),
  );
  $("files").replaceChildren(...view.files.map((line) => el("li", {}, line)));
  $("not-returned").hidden = !view.not_returned;
  $("not-returned").textContent = view.not_returned || "";

  const report = view.report;
  $("evaluation").hidden = !report;
  if (!report) return;
  $("fingerprint").textContent = view.fingerprint;
  $("sample-banner").hidden = !report.sample;
  $("sample-banner").textContent = t("sample");
  renderSummary(report);
  renderRankings(report);
  renderUnits(report);
}

function renderSummary(report) {
  const units = report.units;
  const met = units.reduce((n, u) => n + u.targets_met, 0);
  const all = units.reduce((n, u) => n + u.targets.length, 0);
  const granted = units.flatMap((u) => u.awards.filter((a) => a.granted).map((a) => `${a.name}: ${a.unit_name}`));
  const rows = [
    [t("campaign"), report.campaign.name],
    [t("year"), report.campaign.year],
    [t("organizer"), report.campaign.organizer],
    [t("units_evaluated"), units.length],
    [t("targets_met"), `${met}/${all}`],
  ];
  const dl = $("summary");
  dl.replaceChildren();
  for (const [k, v] of rows) if (v !== null && v !== undefined) dl.append(el("dt", {}, k), el("dd", {}, v));
  if (granted.length) {
    dl.append(el("dt", {}, t("granted")), el("dd", {}, el("ul", { id: "granted" }, granted.map((g) => el("li", {}, g)))));
  }
}

function renderRankings(report) {
  const byId = new Map(report.units.map((u) => [u.id, u]));
  const tables = report.clusters.map((c) =>
    el(
      "table",
      { class: "ranking", id: `ranking-${c.id}`, "data-cluster": c.id },
      el("caption", {}, c.name),
      el(
        "thead",
        {},
        el("tr", {}, [t("rank"), t("unit"), t("total"), t("grade"), t("targets_met")].map((h) => el("th", {}, h))),
      ),
      el(
        "tbody",
        {},
        c.ranking.map((r) => {
          const u = byId.get(r.unit);
          return el(
            "tr",
            { "data-unit": r.unit },
            el("td", { class: "number" }, r.rank),
            el("td", {}, r.name),
            el("td", { class: "number", "data-total": r.total ?? "" }, r.shown_total),
            el("td", {}, r.grade ? r.grade.name : ""),
            el("td", { class: "number" }, u ? `${u.targets_met}/${u.targets.length}` : ""),
          );
        }),
      ),
    ),
  );
  $("rankings").replaceChildren(...tables);
}

function renderUnits(report) {
  const details = report.units.map((u) =>
    el(
      "details",
      { "data-unit": u.id },
      el("summary", {}, u.rank ? `${u.name} — ${t("rank")} ${u.rank}` : u.name),
      el(
        "table",
        { class: "targets" },
        el("thead", {}, el("tr", {}, [t("target"), t("numbers"), t("verdict")].map((h) => el("th", {}, h)))),
        el(
          "tbody",
          {},
          u.targets.map((g) =>
            el(
              "tr",
              { "data-target": g.target, "data-subject": g.subject },
              el("td", {}, g.name),
              el("td", { class: "number" }, g.shown_numbers),
              el("td", { "data-status": g.status }, g.shown_status),
            ),
          ),
        ),
      ),
      el("ul", { class: "explanation" }, u.explanation.map((line) => el("li", {}, line))),
    ),
  );
  $("units").replaceChildren(...details);
}

// ---- wiring -------------------------------------------------------------------

for (const b of document.querySelectorAll("[data-lang]")) {
  b.addEventListener("click", () => busy(() => setLanguage(b.dataset.lang)).catch(fail));
}
$("example").addEventListener("change", (e) => busy(() => openExample(e.target.value)).catch(fail));
$("campaign-file").addEventListener("change", (e) => {
  const file = e.target.files[0];
  if (file) busy(() => openCampaignFile(file)).catch(fail);
});
$("template").addEventListener("click", () => busy(() => download("template", [state.lang])).catch(fail));
$("report-html").addEventListener("click", () => busy(() => download("report", [".html", state.lang])).catch(fail));
$("report-xlsx").addEventListener("click", () => busy(() => download("report", [".xlsx", state.lang])).catch(fail));
$("sample").addEventListener("click", () => busy(() => call("use_sample_results", [state.lang]).then(render)).catch(fail));
$("results-files").addEventListener("change", (e) => {
  const files = Array.from(e.target.files);
  e.target.value = "";
  busy(() => readResults(files)).catch(fail);
});
const drop = $("drop");
drop.addEventListener("dragover", (e) => {
  e.preventDefault();
  drop.classList.add("over");
});
drop.addEventListener("dragleave", () => drop.classList.remove("over"));
drop.addEventListener("drop", (e) => {
  e.preventDefault();
  drop.classList.remove("over");
  const files = Array.from(e.dataTransfer.files);
  if (state.campaign) busy(() => readResults(files)).catch(fail);
});

applyTexts();
worker.postMessage({ type: "start", packages: config.packages });
