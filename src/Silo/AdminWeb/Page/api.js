// The admin API as the page uses it: same-origin fetches carrying the session cookie; a
// failure is an Error whose message is a sentence (errors.js).
import { sentence } from "/admin/errors.js";

/** A path of the API for a media or recording name, each segment escaped. */
export function named(base, name) {
  return base + name.split("/").map(encodeURIComponent).join("/");
}

/** GETs (or sends JSON to) the API; the parsed answer, or throws an Error with a sentence. */
export async function call(path, method = "GET", body = undefined) {
  const init = { method, headers: {} };
  if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }

  let response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new Error("The silo could not be reached; check that it is running.");
  }

  if (response.status === 401) {
    location.href = "/admin/login";
  }

  if (!response.ok) {
    throw new Error(await sentence(response));
  }

  return response.status === 204 ? null : response.json();
}

/** A URL the browser can play for a media item (http, or https on an https page). */
export async function playbackUrl(mediaName) {
  const protocol = location.protocol === "https:" ? "https" : "http";
  return (await call("/api/streams", "POST", { mediaName, protocol })).url;
}
