// Recordings: allocate one and copy its shout:// URL; watch every recording's state, bytes
// and duration change (polled each second, rows updated in place); play one; store it.
import { call, named } from "/admin/api.js";
import { attempt, bytes, element, play, say, seconds } from "/admin/ui.js";

const table = document.querySelector("#recordings-table tbody");
const rows = new Map();
let timer = null;

/** Wires the recordings view. */
export function startRecordings() {
  document.getElementById("allocate").addEventListener("submit", (event) => {
    event.preventDefault();
    attempt(allocate);
  });
  document.getElementById("copy-url").addEventListener("click", () => attempt(copy));
}

/** Polls while the view is shown. */
export function watchRecordings(visible) {
  clearInterval(timer);
  timer = null;
  if (visible) {
    attempt(refresh);
    timer = setInterval(() => attempt(refresh), 1000);
  }
}

async function allocate() {
  const name = document.getElementById("allocate-name").value.trim();
  const maxSeconds = Number(document.getElementById("allocate-seconds").value) || undefined;
  const ticket = await call("/api/recordings", "POST", { name: name || undefined, maxSeconds });
  document.getElementById("allocated-url").value = ticket.url;
  document.getElementById("allocated").hidden = false;
  document.getElementById("copied").hidden = true;
  say(`Recording ${ticket.name} is waiting for its source.`, false);
  await refresh();
}

async function copy() {
  const field = document.getElementById("allocated-url");
  try {
    await navigator.clipboard.writeText(field.value);
  } catch {
    // No clipboard permission (a page over plain HTTP from another host): select it instead.
    field.select();
    document.execCommand("copy");
  }

  document.getElementById("copied").hidden = false;
}

async function refresh() {
  const answer = await call("/api/recordings?limit=500");
  const seen = new Set();
  for (const recording of answer.items) {
    seen.add(recording.name);
    const row = rows.get(recording.name) ?? addRow(recording.name);
    update(row, recording);
  }

  for (const [name, row] of rows) {
    if (!seen.has(name)) {
      row.remove();
      rows.delete(name);
    }
  }
}

// A review URL is handed out as shout:// (mod_shout plays it), but its signed path is served by
// every listener: the browser plays it over HTTP(S) from the page's own origin.
function reviewUrl(url) {
  return location.origin + new URL(url).pathname;
}

function addRow(name) {
  const row = element("tr", "", { "data-name": name });
  row.append(element("td", name), element("td", "", { class: "state" }), element("td", "", { class: "bytes" }),
    element("td", "", { class: "duration" }), element("td", "", { class: "reason" }), element("td", "", { class: "stored" }));
  const cell = element("td");
  const actions = element("div", "", { class: "actions" });
  cell.append(actions);
  const playButton = element("button", "Play", { type: "button", class: "play", hidden: "" });
  playButton.addEventListener("click", () => play(row.dataset.url, name));
  const store = element("form", "", { class: "store writes", hidden: "" });
  const target = element("input", "", { "aria-label": `Media name for ${name}`, spellcheck: "false" });
  target.value = `recordings/${name}`;
  store.append(target, element("button", "Store", { type: "submit" }));
  store.addEventListener("submit", (event) => {
    event.preventDefault();
    attempt(async () => {
      const media = await call(named("/api/recordings/", name) + "/store", "POST", { mediaName: target.value.trim() });
      say(`${name} is stored as media ${media.name}.`, false);
      await refresh();
    });
  });
  actions.append(playButton, store);
  row.append(cell);
  table.prepend(row);
  rows.set(name, row);
  return row;
}

function update(row, recording) {
  const state = row.querySelector(".state");
  state.textContent = recording.state;
  state.dataset.state = recording.state;
  row.querySelector(".bytes").textContent = bytes(recording.bytes);
  row.querySelector(".duration").textContent = seconds(recording.durationMs);
  row.querySelector(".reason").textContent = recording.stoppedReason ?? "";
  row.querySelector(".stored").textContent = recording.storedAs ?? "";
  const finished = recording.state === "complete" || recording.state === "stored";
  row.querySelector(".play").hidden = !(finished && recording.playbackUrl);
  if (recording.playbackUrl) {
    row.dataset.url = reviewUrl(recording.playbackUrl);
  }

  row.querySelector(".store").hidden = recording.state !== "complete";
}
