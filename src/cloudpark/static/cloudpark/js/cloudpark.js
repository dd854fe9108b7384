// Behaviour that the pages opt into with data attributes; nothing here is required for a page
// to work without JavaScript.
"use strict";

// A form (or its button) with data-confirm asks its question in a dialog the page draws (the buttons' words
// come from the <template id="cp-confirm"> in the layout) before it is sent.
function askInPage(question) {
  const template = document.getElementById("cp-confirm");
  if (!template || typeof HTMLDialogElement === "undefined") {
    return Promise.resolve(window.confirm(question));
  }
  const dialog = template.content.firstElementChild.cloneNode(true);
  dialog.querySelector("[data-question]").textContent = question;
  document.body.append(dialog);
  return new Promise((resolve) => {
    dialog.addEventListener("close", () => {
      resolve(dialog.returnValue === "yes");
      dialog.remove();
    });
    dialog.showModal();
  });
}

document.addEventListener("submit", (event) => {
  const form = event.target;
  const submitter = event.submitter;
  const question = (submitter && submitter.dataset.confirm) || form.dataset.confirm;
  if (!question || form.dataset.confirmed === "yes") {
    return;
  }
  event.preventDefault();
  askInPage(question).then((yes) => {
    if (yes) {
      form.dataset.confirmed = "yes";
      form.requestSubmit(submitter && submitter.form === form ? submitter : undefined);
      delete form.dataset.confirmed;
    }
  });
});
