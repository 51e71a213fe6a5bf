// Small helpers shared by the views: the notice line, elements, numbers for people, the player.
const notice = document.getElementById("notice");

/** Shows a sentence in the notice line (an error unless told otherwise). */
export function say(text, isError = true) {
  notice.textContent = text;
  notice.className = isError ? "error" : "info";
  notice.hidden = false;
}

/** Clears the notice line. */
export function quiet() {
  notice.hidden = true;
}

/** Runs an action, showing its failure as a sentence. */
export async function attempt(action) {
  try {
    await action();
  } catch (error) {
    say(error.message);
  }
}

/** A new element with text and attributes. */
export function element(tag, text = "", attributes = {}) {
  const node = document.createElement(tag);
  node.textContent = text;
  for (const [key, value] of Object.entries(attributes)) {
    node.setAttribute(key, value);
  }

  return node;
}

/** Bytes as people read them. */
export function bytes(count) {
  if (count === null || count === undefined) return "";
  const units = ["B", "KiB", "MiB", "GiB"];
  let value = count;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }

  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

/** Milliseconds as seconds. */
export function seconds(ms) {
  return ms === null || ms === undefined ? "" : `${(ms / 1000).toFixed(1)} s`;
}

/** Plays a URL in the page's one player. */
export function play(url, label) {
  const player = document.getElementById("player");
  document.getElementById("now-playing").textContent = `Playing ${label}`;
  player.src = url;
  player.play().catch((error) => say(`The browser could not play ${label}: ${error.message}`));
}
