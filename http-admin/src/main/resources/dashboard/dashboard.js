// The Pikko dashboard: reads the admin API of the node that served it once a second, and sends the
// operator's changes to it with the admin token (kept for the browser session) as a Bearer header.
"use strict";

const SLOTS = 1024;
const PLOT_POINTS = 60;
const COLOURS = ["#e63946", "#2a9d8f", "#e9c46a", "#457b9d", "#f4a261", "#8338ec", "#06d6a0", "#ef476f",
  "#118ab2", "#8d99ae", "#b5838d", "#606c38"];
const opsHistory = [];
let lastSlots = [];
let paused = false;

function token() { return sessionStorage.getItem("pikko.token") || ""; }

function showMode() {
  document.getElementById("mode").textContent = token() ? "token set" : "read-only";
}

function showError(message) {
  const box = document.getElementById("error");
  box.textContent = message;
  box.hidden = false;
}

function clearError() { document.getElementById("error").hidden = true; }

/** One API call; resolves to its JSON (null when empty), rejects with the API's error message. */
async function api(method, path, body) {
  const headers = {};
  if (token()) headers["Authorization"] = "Bearer " + token();
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
    throw new Error((json && json.error ? json.error : text || response.statusText) + " (HTTP " + response.status + ")");
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
  b.addEventListener("click", onClick);
  parent.appendChild(b);
  return b;
}

function showOverview(overview) {
  const body = document.querySelector("#nodes tbody");
  body.replaceChildren();
  for (const node of overview.nodes) {
    const row = body.insertRow();
    row.className = "node";
    cell(row, node.resp);
    cell(row, node.admin);
    cell(row, node.status, node.status === "unreachable" ? "unreachable" : "");
    cell(row, node.dashboard ? "yes" : "");
    cell(row, node.opsPerSec == null ? null : Math.round(node.opsPerSec));
    cell(row, node.clients);
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
    const swatch = cell(row, group.id);
    swatch.style.borderLeft = "8px solid " + colour(group.id);
    cell(row, group.master);
    cell(row, group.slots);
    cell(row, group.keys);
    const servers = cell(row, "");
    for (const server of group.servers) {
      const span = document.createElement("span");
      span.textContent = server + " ";
      servers.appendChild(span);
      button(servers, "remove", () => change("DELETE", "/api/groups/" + group.id + "/servers/" + encodeURIComponent(server)));
    }
    button(cell(row, ""), "remove group", () => change("DELETE", "/api/groups/" + group.id));
  }

  opsHistory.push(overview.opsPerSec);
  if (opsHistory.length > PLOT_POINTS) opsHistory.shift();
  plot();
}

function plot() {
  const canvas = document.getElementById("ops-plot");
  const g = canvas.getContext("2d");
  g.clearRect(0, 0, canvas.width, canvas.height);
  const max = Math.max(10, ...opsHistory);
  g.fillStyle = "#666";
  g.fillText(Math.round(max) + " ops/s", 4, 12);
  g.strokeStyle = "#1d3557";
  g.beginPath();
  opsHistory.forEach((value, i) => {
    const x = i * canvas.width / (PLOT_POINTS - 1);
    const y = canvas.height - value / max * (canvas.height - 16);
    if (i === 0) g.moveTo(x, y); else g.lineTo(x, y);
  });
  g.stroke();
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

function describeSlot(slot) {
  const view = lastSlots[slot];
  if (!view) return;
  let text = "slot " + slot + ": " + (view.group == null ? "no group" : "group " + view.group);
  if (view.action) text += ", " + view.action.state + " to group " + view.action.to;
  document.getElementById("slot-info").textContent = text;
}

function showSlots(slots) {
  lastSlots = slots;
  const cells = document.getElementById("slot-map").children;
  for (const view of slots) {
    const div = cells[view.id];
    div.style.background = colour(view.group);
    div.className = "slot" + (view.action ? (view.action.state === "pending" ? " pending" : " migrating") : "");
    div.dataset.group = view.group == null ? "" : view.group;
    div.title = "slot " + view.id + ", " + (view.group == null ? "no group" : "group " + view.group)
      + (view.action ? ", " + view.action.state + " to group " + view.action.to : "");
  }
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

async function refresh() {
  try {
    const [overview, slots, actions] = await Promise.all([api("GET", "/api/overview"), api("GET", "/api/slots"),
      api("GET", "/api/actions")]);
    showOverview(overview);
    showSlots(slots);
    showActions(actions);
  } catch (e) {
    showError(e.message);
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

document.getElementById("token-form").addEventListener("submit", event => {
  event.preventDefault();
  sessionStorage.setItem("pikko.token", document.getElementById("token").value);
  document.getElementById("token").value = "";
  showMode();
});
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

buildSlotMap();
showMode();
refresh();
setInterval(refresh, 1000);
