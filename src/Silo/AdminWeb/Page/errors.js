// Every failure the page shows is a sentence: the API's own message where it sent one,
// otherwise a sentence for the status. Never raw JSON.
const byStatus = {
  400: "The silo could not use that request",
  401: "You are not logged in, or your session has expired",
  403: "Your API key's role does not allow this",
  404: "That does not exist (any more)",
  409: "That conflicts with what the silo has now",
  413: "That file is larger than this silo accepts",
  415: "The silo does not take that kind of file; upload WAV or MP3",
  422: "The silo could not use that content",
  429: "Too many at once; wait a moment and try again",
  503: "The silo cannot do that right now (its media store may be unreachable); try again shortly",
};

/** A sentence for a failed response, from its JSON error body when it has one. */
export async function sentence(response) {
  let message = null;
  try {
    const body = await response.json();
    if (body && typeof body.message === "string" && body.message.length > 0) {
      message = body.message;
    }
  } catch {
    // Not JSON: fall back to the status.
  }

  return finish(message ?? byStatus[response.status] ?? `The silo refused the request (status ${response.status})`);
}

/** The same for an XMLHttpRequest that has finished. */
export function sentenceOfXhr(xhr) {
  if (xhr.status === 0) {
    return "The upload did not reach the silo; check the connection and try again.";
  }

  try {
    const body = JSON.parse(xhr.responseText);
    if (body && typeof body.message === "string" && body.message.length > 0) {
      return finish(body.message);
    }
  } catch {
    // Not JSON: fall back to the status.
  }

  return finish(byStatus[xhr.status] ?? `The silo refused the upload (status ${xhr.status})`);
}

/** Capital first letter, full stop at the end. */
export function finish(text) {
  const trimmed = text.trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : capital + ".";
}
