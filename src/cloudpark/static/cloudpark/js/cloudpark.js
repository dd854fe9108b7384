// Behaviour that the pages opt into with data attributes; nothing here is required for a page
// to work without JavaScript.
"use strict";

document.addEventListener("submit", (event) => {
  const form = event.target;
  const question = form.dataset.confirm;
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});
