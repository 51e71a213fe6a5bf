// Media: browse by prefix, details of the current version, upload (drop or file input, with
// progress), delete, play.
import { call, named, playbackUrl } from "/admin/api.js";
import { sentenceOfXhr } from "/admin/errors.js";
import { attempt, bytes, element, play, quiet, say, seconds } from "/admin/ui.js";

const prefixInput = document.getElementById("media-prefix");
const table = document.querySelector("#media-table tbody");
const details = document.getElementById("media-details");
const deleteButton = document.getElementById("details-delete");
let selected = null;

/** Wires the media view. */
export function startMedia() {
  document.getElementById("media-browse").addEventListener("submit", (event) => {
    event.preventDefault();
    attempt(browse);
  });
  document.getElementById("upload-input").addEventListener("change", (event) => {
    uploadAll(event.target.files);
    event.target.value = "";
  });
  const zone = document.getElementById("drop-zone");
  zone.addEventListener("dragover", (event) => {
    event.preventDefault();
    zone.classList.add("over");
  });
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    zone.classList.remove("over");
    uploadAll(event.dataTransfer.files);
  });
  document.getElementById("details-play").addEventListener("click", () =>
    attempt(async () => play(await playbackUrl(selected), selected)));
  deleteButton.addEventListener("click", () => attempt(remove));
  attempt(browse);
}

async function browse() {
  const prefix = prefixInput.value.trim();
  const answer = await call(`/api/media?limit=500&prefix=${encodeURIComponent(prefix)}`);
  table.replaceChildren(...answer.items.map((name) => {
    const link = element("a", name, { href: "#media", "data-name": name });
    link.addEventListener("click", (event) => {
      event.preventDefault();
      attempt(() => show(name));
    });
    const row = element("tr", "", { "data-name": name });
    row.append(element("td"));
    row.firstChild.append(link);
    return row;
  }));
  if (answer.items.length === 0) {
    const row = element("tr");
    row.append(element("td", prefix ? `Nothing is named ${prefix}… yet.` : "No media yet.", { class: "hint" }));
    table.replaceChildren(row);
  }
}

async function show(name) {
  const info = await call(named("/api/media/", name));
  selected = name;
  deleteButton.textContent = "Delete";
  delete deleteButton.dataset.armed;
  document.getElementById("details-name").textContent = name;
  const fields = [
    ["Version", info.version],
    ["Type", info.contentType],
    ["Codec", info.codec],
    ["Sample rate", info.sampleRate ? `${info.sampleRate} Hz` : ""],
    ["Channels", info.channels],
    ["Duration", seconds(info.durationMs)],
    ["Bitrate", info.bitrate ? `${Math.round(info.bitrate / 1000)} kbit/s` : ""],
    ["Size", bytes(info.length)],
    ["Stored", new Date(info.lastModified).toLocaleString()],
  ];
  document.getElementById("details-fields").replaceChildren(...fields.flatMap(([label, value]) =>
    [element("dt", label), element("dd", String(value ?? ""))]));
  details.hidden = false;
}

// Two clicks: the first arms the button, so nothing is deleted by a stray click.
async function remove() {
  if (!deleteButton.dataset.armed) {
    deleteButton.dataset.armed = "1";
    deleteButton.textContent = `Really delete ${selected} and all its versions?`;
    return;
  }

  await call(named("/api/media/", selected), "DELETE");
  say(`${selected} was deleted.`, false);
  details.hidden = true;
  selected = null;
  await browse();
}

function uploadAll(files) {
  quiet();
  for (const file of files) {
    upload(file);
  }
}

// XMLHttpRequest rather than fetch: it reports upload progress.
function upload(file) {
  const name = mediaName(file.name);
  const type = contentType(file);
  const progress = element("progress", "", { max: "1", value: "0" });
  const status = element("span", "uploading…", { class: "status" });
  const line = element("li", "", { "data-name": name });
  line.append(element("span", `${file.name} → ${name} `), progress, status);
  document.getElementById("uploads").prepend(line);

  const xhr = new XMLHttpRequest();
  xhr.open("PUT", named("/api/media/", name));
  xhr.setRequestHeader("Content-Type", type);
  xhr.upload.addEventListener("progress", (event) => {
    if (event.lengthComputable) {
      progress.value = event.loaded / event.total;
    }
  });
  xhr.addEventListener("loadend", () => {
    if (xhr.status === 200) {
      const info = JSON.parse(xhr.responseText);
      progress.value = 1;
      status.textContent = `stored (${seconds(info.durationMs)}, ${info.codec}).`;
      line.classList.add("done");
      attempt(browse);
      return;
    }

    if (xhr.status === 401) {
      location.href = "/admin/login";
      return;
    }

    const text = sentenceOfXhr(xhr);
    status.textContent = text;
    line.classList.add("failed");
    say(`${file.name} was not stored: ${text}`);
  });
  xhr.send(file);
}

function mediaName(fileName) {
  const base = fileName.replace(/\.[^.]*$/, "");
  const safe = base.replace(/[^A-Za-z0-9._~-]/g, "_").replace(/^\./, "_") || "upload";
  const prefix = prefixInput.value.trim();
  return prefix === "" ? safe : prefix.endsWith("/") ? prefix + safe : `${prefix}/${safe}`;
}

function contentType(file) {
  const extension = file.name.toLowerCase().split(".").pop();
  if (extension === "wav") return "audio/wav";
  if (extension === "mp3") return "audio/mpeg";
  return file.type || "application/octet-stream";
}
