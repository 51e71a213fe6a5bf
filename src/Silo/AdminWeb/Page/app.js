// The admin page: who is logged in, the three views (switched by the address's #fragment so
// each has an address of its own), logout.
import { call } from "/admin/api.js";
import { watchCluster } from "/admin/cluster.js";
import { startMedia } from "/admin/media.js";
import { startRecordings, watchRecordings } from "/admin/recordings.js";
import { attempt, quiet } from "/admin/ui.js";

const views = ["media", "recordings", "cluster"];

function showView() {
  const current = views.includes(location.hash.slice(1)) ? location.hash.slice(1) : "media";
  for (const section of document.querySelectorAll("section[data-view]")) {
    section.hidden = section.dataset.view !== current;
  }

  for (const link of document.querySelectorAll("nav a")) {
    link.classList.toggle("current", link.dataset.view === current);
  }

  quiet();
  watchRecordings(current === "recordings");
  watchCluster(current === "cluster");
}

attempt(async () => {
  const session = await call("/admin/session");
  document.getElementById("who").textContent = session.keysConfigured
    ? `${session.name} (${session.role})`
    : "local access (no API key configured)";
  document.body.dataset.role = session.role;
  const logout = document.getElementById("logout");
  logout.hidden = !session.keysConfigured;
  logout.addEventListener("click", () => attempt(async () => {
    await call("/admin/logout", "POST", {});
    location.href = "/admin/login";
  }));
});

window.addEventListener("hashchange", showView);
startMedia();
startRecordings();
showView();
