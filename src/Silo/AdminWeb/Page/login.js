// The login form: the key goes to the silo once, as JSON (as every POST of the admin API),
// and comes back as an HttpOnly session cookie the page's scripts never see.
import { sentence } from "/admin/errors.js";

const form = document.getElementById("login-form");
const error = document.getElementById("login-error");

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  error.hidden = true;
  let response;
  try {
    response = await fetch("/admin/login", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ key: document.getElementById("api-key").value }),
    });
  } catch {
    show("The silo could not be reached; check that it is running and try again.");
    return;
  }

  if (response.ok) {
    location.href = "/admin/";
    return;
  }

  show(await sentence(response));
});

function show(text) {
  error.textContent = text;
  error.hidden = false;
}
