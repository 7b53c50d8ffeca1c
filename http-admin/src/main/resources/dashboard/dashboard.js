// The Pikko dashboard: reads the admin API of the node that served it once a second, and sends the
// operator's changes to it. When the cluster has an admin token the page asks for it once (kept for
// the browser session) and sends it as a Bearer header; without it the page is read-only.
"use strict";

const SLOTS = 1024;
const PLOT_POINTS = 60;
const COLOURS = ["#e63946", "#2a9d8f", "#e9c46a", "#457b9d", "#f4a261", "#8338ec", "#06d6a0", "#ef476f",
  "#118ab2", "#8d99ae", "#b5838d", "#606c38"];
let lastSlots = [];
let lastLoad = null;
let slotView = "groups";
let paused = false;
let access = { tokenRequired: false };

function token() { return sessionStorage.getItem("pikko.token") || ""; }

/** Changes may be sent: the cluster needs no token, or the page has it. */
function canChange() { return !access.tokenRequired || token() !== ""; }

function showMode() {
  document.getElementById("mode").textContent = !access.tokenRequired ? "no token needed"
    : token() ? "admin (token set)" : "read-only";
  document.getElementById("token-open").hidden = !access.tokenRequired || token() !== "";
  const disabled = !canChange();
  for (const element of document.querySelectorAll(".change")) {
    const controls = element.tagName === "FORM" ? element.querySelectorAll("input, button") : [element];
    for (const control of controls) control.disabled = disabled;
  }
}

function askForToken(ask) {
  document.getElementById("token-ask").hidden = !ask;
  if (ask) document.getElementById("token").focus();
}

function showError(message) {
  const box = document.getElementById("error");
  box.textContent = message;
  box.hidden = false;
}

function clearError() { document.getElementById("error").hidden = true; }

/** One API call; resolves to its JSON (null when empty), rejects with the API's error message and status. */
async function api(method, path, body, bearer = token()) {
  const headers = {};
  if (bearer) headers["Authorization"] = "Bearer " + bearer;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw new Error("the node does not answer: " + e.message);
  }
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
  if (!response.ok) {
    const error = new Error((json && json.error ? json.error : text || response.statusText) + " (HTTP " + response.status + ")");
    error.status = response.status;
    throw error;
  }
  return json;
}

/** Runs a change, shows its refusal as the error, and refreshes the page's figures. */
async function change(method, path, body) {
  try {
    const answer = await api(method, path, body);
    clearError();
    refresh();
    return answer;
  } catch (e) {
    showError(e.message);
    if (e.status === 401) {
      // The token changed on the nodes: forget ours and ask again.
      sessionStorage.removeItem("pikko.token");
      showMode();
      askForToken(true);
    }
    return null;
  }
}

function colour(group) { return group == null ? "#ddd" : COLOURS[(group - 1) % COLOURS.length]; }

function cell(row, text, className) {
  const td = row.insertCell();
  td.textContent = text == null ? "-" : text;
  if (className) td.className = className;
  return td;
}

function button(parent, label, onClick) {
  const b = document.createElement("button");
  b.textContent = label;
  b.className = "change";
  b.disabled = !canChange();
  b.addEventListener("click", onClick);
  parent.appendChild(b);
  return b;
}

function bytes(n) {
  if (n == null) return null;
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
  return (i === 0 ? n : n.toFixed(n < 10 ? 1 : 0)) + " " + units[i];
}

function millis(seconds) {
  if (seconds == null) return null;
  const ms = seconds * 1000;
  return (ms < 1 ? ms.toFixed(3) : ms < 10 ? ms.toFixed(2) : ms.toFixed(0)) + " ms";
}

function showOverview(overview) {
  const body = document.querySelector("#nodes tbody");
  body.replaceChildren();
  for (const node of overview.nodes) {
    const row = body.insertRow();
    row.className = "node";
    row.dataset.resp = node.resp;
    cell(row, node.resp);
    cell(row, node.admin);
    cell(row, node.status, node.status === "unreachable" ? "unreachable" : "");
    cell(row, node.dashboard ? "yes" : "");
    cell(row, node.opsPerSec == null ? null : Math.round(node.opsPerSec));
    cell(row, millis(node.p99Seconds));
    cell(row, node.clients);
    const f = node.footprint;
    cell(row, f ? bytes(f.heapUsedBytes) + " / " + bytes(f.heapMaxBytes) : null, "heap");
    cell(row, f ? bytes(f.memtableBytes + f.blockCacheBytes) : null, "rocksdb-memory").title =
      f ? "memtables " + bytes(f.memtableBytes) + ", block cache " + bytes(f.blockCacheBytes) : "";
    cell(row, f ? bytes(f.sstBytes) : null, "sst");
    cell(row, f ? bytes(f.dataDirBytes) : null, "data-dir");
  }
  const keys = overview.groups.reduce((sum, g) => g.keys == null ? sum : sum + g.keys, 0);
  const up = overview.nodes.filter(n => n.status === "up").length;
  document.getElementById("summary").textContent =
    overview.nodes.length + " nodes (" + up + " up), " + overview.groups.length + " groups, " + keys + " keys, "
    + Math.round(overview.opsPerSec) + " ops/s, " + overview.unassignedSlots + " unassigned slots";

  const groups = document.querySelector("#groups tbody");
  groups.replaceChildren();
  for (const group of overview.groups) {
    const row = groups.insertRow();
    row.className = "group";
    const swatch = cell(row, group.id);
    swatch.style.borderLeft = "8px solid " + colour(group.id);
    const servers = cell(row, "");
    group.members.forEach(member => {
      const server = member.node;
      const line = document.createElement("div");
      line.className = "server";
      line.append(server);
      const role = document.createElement("span");
      role.className = "role " + member.role;
      role.textContent = member.role;
      line.appendChild(role);
      const state = document.createElement("span");
      state.className = "state " + member.state;
      state.textContent = member.state;
      state.title = member.state === "up" ? "an up, reachable member of the cluster" : "not an up, reachable member of the cluster";
      line.appendChild(state);
      if (member.role === "replica" && member.lag != null) {
        const lag = document.createElement("span");
        lag.className = "lag";
        lag.textContent = "lag " + member.lag;
        lag.title = "binlog records of the group's slots this replica lacks, at the dashboard's last probes";
        line.appendChild(lag);
      }
      button(line, "remove", () => change("DELETE", "/api/groups/" + group.id + "/servers/" + encodeURIComponent(server)));
      servers.appendChild(line);
    });
    cell(row, group.slots);
    cell(row, group.keys);
    const mode = cell(row, group.mode, "mode");
    mode.title = group.mode === "consistent"
      ? "a write is answered once a majority of the group holds it"
      : "a write is answered after the master's own write; a failover can lose what replicas lacked";
    button(cell(row, ""), "remove group", () => change("DELETE", "/api/groups/" + group.id));
  }
}

/** A line plot of the last minute on a canvas, one line per series, with a legend of the latest values. */
class LivePlot {
  constructor(canvasId, legendId, format) {
    this.canvas = document.getElementById(canvasId);
    this.legend = document.getElementById(legendId);
    this.format = format;
    this.series = new Map();
  }

  /** Adds this second's values, {name: value or null}; a series missing this second gets a gap. */
  push(values) {
    for (const name of Object.keys(values)) {
      if (!this.series.has(name)) this.series.set(name, []);
    }
    for (const [name, points] of this.series) {
      points.push(values[name] == null ? null : values[name]);
      if (points.length > PLOT_POINTS) points.shift();
    }
    this.draw();
  }

  draw() {
    const g = this.canvas.getContext("2d");
    const { width, height } = this.canvas;
    g.clearRect(0, 0, width, height);
    const all = [...this.series.values()].flat().filter(v => v != null);
    const max = Math.max(1e-9, ...all) * 1.1;
    g.fillStyle = "#666";
    g.fillText(this.format(max), 4, 12);
    this.legend.replaceChildren();
    let i = 0;
    for (const [name, points] of this.series) {
      const stroke = COLOURS[i++ % COLOURS.length];
      g.strokeStyle = stroke;
      g.lineWidth = 1.5;
      g.beginPath();
      let drawing = false;
      points.forEach((value, at) => {
        if (value == null) { drawing = false; return; }
        const x = (at + PLOT_POINTS - points.length) * width / (PLOT_POINTS - 1);
        const y = height - value / max * (height - 16);
        if (drawing) g.lineTo(x, y); else g.moveTo(x, y);
        drawing = true;
      });
      g.stroke();
      const latest = points[points.length - 1];
      const item = document.createElement("span");
      item.className = "series";
      item.style.setProperty("--colour", stroke);
      item.dataset.name = name;
      item.dataset.latest = latest == null ? "" : latest;
      item.dataset.points = points.filter(v => v != null).length;
      item.textContent = name + ": " + (latest == null ? "-" : this.format(latest));
      this.legend.appendChild(item);
    }
  }
}

const opsPlot = new LivePlot("plot-ops", "legend-ops", v => Math.round(v) + " ops/s");
const p99Plot = new LivePlot("plot-p99", "legend-p99", v => (v < 10 ? v.toFixed(2) : v.toFixed(0)) + " ms");
const migrationPlot = new LivePlot("plot-migration", "legend-migration", v => Math.round(v) + " keys/s");

function plotSecond(overview, actions) {
  const ops = {};
  const p99 = {};
  for (const node of overview.nodes) {
    ops[node.resp] = node.opsPerSec;
    p99[node.resp] = node.p99Seconds == null ? null : node.p99Seconds * 1000;
  }
  opsPlot.push(ops);
  p99Plot.push(p99);
  const rate = actions.actions.reduce((sum, a) => sum + (a.progress ? a.progress.keys_per_sec : 0), 0);
  migrationPlot.push({ "all moves": rate });
}

function buildSlotMap() {
  const map = document.getElementById("slot-map");
  for (let slot = 0; slot < SLOTS; slot++) {
    const div = document.createElement("div");
    div.className = "slot";
    div.dataset.slot = slot;
    div.addEventListener("mouseenter", () => describeSlot(slot));
    map.appendChild(div);
  }
}

function slotText(slot) {
  const view = lastSlots[slot];
  if (!view) return "slot " + slot;
  let text = "slot " + slot + ": " + (view.group == null ? "no group" : "group " + view.group);
  if (lastLoad) {
    const keys = lastLoad.keys[slot];
    text += ", " + (keys == null ? "keys unknown" : keys + " keys") + ", " + Math.round(lastLoad.opsPerSec[slot]) + " ops/s";
  }
  if (view.action) text += ", " + view.action.state + " to group " + view.action.to;
  return text;
}

let hovered = null;

function describeSlot(slot) {
  hovered = slot;
  document.getElementById("slot-info").textContent = slotText(slot);
}

/** Heat from white through yellow to red, on a log scale up to the busiest slot. */
function heat(ops, max) {
  if (!(ops > 0)) return "#f2f2f2";
  const t = Math.log1p(ops) / Math.log1p(max);
  return "hsl(" + Math.round(55 - 55 * t) + ", 95%, " + Math.round(88 - 43 * t) + "%)";
}

function showSlots() {
  const cells = document.getElementById("slot-map").children;
  const maxOps = lastLoad ? Math.max(0, ...lastLoad.opsPerSec) : 0;
  for (const view of lastSlots) {
    const div = cells[view.id];
    const ops = lastLoad ? lastLoad.opsPerSec[view.id] : 0;
    div.style.background = slotView === "heat" ? heat(ops, maxOps) : colour(view.group);
    div.className = "slot" + (view.action ? (view.action.state === "pending" ? " pending" : " migrating") : "");
    div.dataset.group = view.group == null ? "" : view.group;
    div.dataset.ops = Math.round(ops);
    div.title = slotText(view.id);
  }
  if (hovered != null) describeSlot(hovered);
  document.getElementById("heat-scale").textContent = slotView === "heat"
    ? "busiest slot " + Math.round(maxOps) + " ops/s" + (lastLoad && lastLoad.nodesCounted < lastLoad.nodes
      ? " (" + lastLoad.nodesCounted + " of " + lastLoad.nodes + " nodes answered)" : "")
    : "";
}

function chooseSlotView(view) {
  slotView = view;
  document.getElementById("view-groups").classList.toggle("selected", view === "groups");
  document.getElementById("view-heat").classList.toggle("selected", view === "heat");
  showSlots();
}

function eta(seconds) {
  if (seconds == null) return null;
  if (seconds < 60) return seconds + "s";
  return Math.floor(seconds / 60) + "m" + String(seconds % 60).padStart(2, "0") + "s";
}

function showActions(view) {
  const s = view.settings;
  paused = s.disabled;
  document.getElementById("action-settings").textContent = (s.disabled ? "paused" : "running") + ", parallel " + s.parallel
    + ", max keys/s " + (s.max_keys_per_sec || "unlimited") + ", max bytes/s " + (s.max_bytes_per_sec || "unlimited");
  document.getElementById("actions-toggle").textContent = s.disabled ? "Resume" : "Pause";
  const body = document.querySelector("#actions tbody");
  body.replaceChildren();
  for (const action of view.actions) {
    const row = body.insertRow();
    row.className = "action";
    row.dataset.slot = action.slot;
    cell(row, action.slot);
    cell(row, action.state);
    cell(row, action.from);
    cell(row, action.to);
    const p = action.progress;
    const bar = cell(row, "");
    if (p) {
      const progress = document.createElement("progress");
      progress.max = Math.max(1, p.keys_moved + p.keys_left);
      progress.value = p.keys_moved;
      bar.appendChild(progress);
      bar.append(" " + p.keys_moved + "/" + (p.keys_moved + p.keys_left));
    }
    cell(row, p ? Math.round(p.keys_per_sec) : null);
    cell(row, p ? eta(p.eta_seconds) : null);
    button(cell(row, ""), "cancel", () => change("DELETE", "/api/actions/" + action.slot));
  }
}

let refreshing = false;
const LOAD_EVERY = 5;
let loadAge = 0;

/** Reads the figures, unless the last reading is still under way (a slow cluster must not pile them up). */
async function refresh() {
  if (refreshing) return;
  refreshing = true;
  try {
    // Every slot's load costs a question to each slot: each second for the heat view, else every few seconds.
    const wantLoad = slotView === "heat" || lastLoad == null || ++loadAge >= LOAD_EVERY;
    const [overview, slots, actions, load] = await Promise.all([api("GET", "/api/overview"), api("GET", "/api/slots"),
      api("GET", "/api/actions"), wantLoad ? api("GET", "/api/slots/load") : Promise.resolve(lastLoad)]);
    if (wantLoad) loadAge = 0;
    lastSlots = slots;
    lastLoad = load;
    showOverview(overview);
    showSlots();
    showActions(actions);
    plotSecond(overview, actions);
    showMode();
  } catch (e) {
    showError(e.message);
  } finally {
    refreshing = false;
  }
}

function numbers(form, ...names) {
  const values = {};
  for (const name of names) values[name] = Number(form.elements[name].value);
  return values;
}

function onSubmit(id, handler) {
  document.getElementById(id).addEventListener("submit", event => {
    event.preventDefault();
    handler(event.target);
  });
}

function showPlan(plan) {
  const box = document.getElementById("rebalance-plan");
  box.replaceChildren();
  const counts = Object.entries(plan.counts).map(([group, n]) => "group " + group + ": " + n).join(", ");
  const text = document.createElement("p");
  text.textContent = plan.moves.length === 0
    ? "The slots are spread evenly already: nothing to move."
    : (plan.scheduled ? "Scheduled: " : "Plan: ") + plan.moves.length + " slots to move; afterwards " + counts + ".";
  box.appendChild(text);
  if (!plan.scheduled && plan.moves.length > 0) {
    const confirm = button(box, "Confirm rebalance", async () => {
      const scheduled = await change("POST", "/api/rebalance", { confirm: true });
      if (scheduled) showPlan(scheduled);
    });
    confirm.id = "rebalance-confirm";
  }
  box.hidden = false;
}

/** Tries the token against the node (a POST passes its guard only with the right one) and keeps it if right. */
onSubmit("token-form", async () => {
  const candidate = document.getElementById("token").value;
  try {
    await api("POST", "/api/access", undefined, candidate);
    sessionStorage.setItem("pikko.token", candidate);
    document.getElementById("token").value = "";
    clearError();
    askForToken(false);
    showMode();
  } catch (e) {
    document.getElementById("token").value = "";
    showError(e.message);
  }
});
document.getElementById("token-skip").addEventListener("click", () => {
  sessionStorage.setItem("pikko.token.skipped", "yes");
  askForToken(false);
});
document.getElementById("token-open").addEventListener("click", () => askForToken(true));
document.getElementById("view-groups").addEventListener("click", () => chooseSlotView("groups"));
document.getElementById("view-heat").addEventListener("click", () => chooseSlotView("heat"));
onSubmit("group-create", form => change("POST", "/api/groups", numbers(form, "id")));
onSubmit("server-add", form => change("POST", "/api/groups/" + form.elements.group.value + "/servers",
  { node: form.elements.node.value }));
onSubmit("migrate", form => change("POST", "/api/slots/migrate", numbers(form, "from", "to", "group")));
onSubmit("assign", form => change("POST", "/api/slots/assign", numbers(form, "from", "to", "group")));
document.getElementById("rebalance-preview").addEventListener("click", async () => {
  const plan = await change("POST", "/api/rebalance", { confirm: false });
  if (plan) showPlan(plan);
});
document.getElementById("actions-toggle").addEventListener("click",
  () => change("PUT", "/api/actions/settings", { disabled: !paused }));

/** Asks the node once whether changes need a token; asks the operator for it once per browser session. */
async function start() {
  buildSlotMap();
  try {
    access = await api("GET", "/api/access");
  } catch (e) {
    showError(e.message);
  }
  showMode();
  askForToken(access.tokenRequired && !token() && !sessionStorage.getItem("pikko.token.skipped"));
  refresh();
  setInterval(refresh, 1000);
}

start();
