// The Python side of the page, in a worker so that the page stays responsive.
// It loads Pyodide and the packages from this folder only, then answers calls
// to thidua.web.Page; files go in and out through Pyodide's in-memory file system.
import { loadPyodide } from "./pyodide/pyodide.mjs";

const BRIDGE = `
import json
from pathlib import Path
from thidua.web import Page

_page = Page()
_out = Path("/tmp/thidua-out")
_out.mkdir(parents=True, exist_ok=True)

def warm_up():  # on a page of its own: the person's page is untouched
    page = Page()
    page.open_example("an-minh-2022")
    _, template = page.template()
    page.read_results([("template.xlsx", template)])
    page.use_sample_results()

def call(method, args, files):
    args = list(json.loads(args))
    if files is not None:
        given = [(str(name), data.to_bytes()) for name, data in files]
        args = [*given[0], *args] if method == "open_file" else [given, *args]
    result = getattr(_page, method)(*args)
    if isinstance(result, tuple):  # a file: (name, bytes)
        path = _out / "file"
        path.write_bytes(result[1])
        return json.dumps({"file": result[0], "path": str(path)})
    return json.dumps(result, ensure_ascii=False)
`;

let python = null;
let call = null;

function progress(key, value, max) {
  postMessage({ type: "progress", key, value, max });
}

async function start(packages) {
  const t0 = performance.now();
  progress("loading_runtime", 0, 3);
  // fetch the packages while the runtime starts
  const base = new URL("./", self.location.href);
  const archives = packages.map((p) =>
    fetch(new URL(p.file, base)).then((r) => {
      if (!r.ok) throw new Error(`${p.file}: HTTP ${r.status}`);
      return r.arrayBuffer();
    }),
  );
  python = await loadPyodide({ indexURL: new URL("./pyodide/", base).href, packages: [] });
  const t1 = performance.now();
  progress("loading_packages", 1, 3);
  const site = python.runPython("import site; site.getsitepackages()[0]");
  for (const buffer of await Promise.all(archives)) {
    python.unpackArchive(buffer, "zip", { extractDir: site });
  }
  const t2 = performance.now();
  progress("loading_start", 2, 3);
  python.runPython("import importlib; importlib.invalidate_caches()");
  python.runPython(BRIDGE);
  call = python.globals.get("call");
  const t3 = performance.now();
  postMessage({ type: "ready", ms: t3 - t0, runtime: t1 - t0, unpack: t2 - t1, start: t3 - t2 });
}

// once the page is ready, and while the person chooses a workbook, run once what the first one needs
function warmUp() {
  const w0 = performance.now();
  try {
    python.runPython("warm_up()");
  } catch (e) {
    console.warn(e);
  }
  postMessage({ type: "warm", ms: performance.now() - w0 });
}

function answer(id, method, args, files) {
  const text = call(method, JSON.stringify(args), files ? files.map((f) => [f.name, f.data]) : undefined);
  const data = JSON.parse(text);
  if (data && data.file !== undefined && data.path) {
    const bytes = python.FS.readFile(data.path);
    postMessage({ type: "result", id, file: data.file, bytes }, [bytes.buffer]);
  } else {
    postMessage({ type: "result", id, data });
  }
}

self.onmessage = async (event) => {
  const msg = event.data;
  try {
    if (msg.type === "start") {
      await start(msg.packages);
    } else if (msg.type === "warm") {
      warmUp();
    } else if (msg.type === "call") {
      answer(msg.id, msg.method, msg.args, msg.files);
    }
  } catch (e) {
    postMessage({ type: "error", id: msg.id, error: String(e && e.message ? e.message : e) });
  }
};
