// The check-in desk: reads tickets' QR codes with the device's camera and sends each one to
// the check-in form, which htmx posts. Typing the code into the form works without any of this.
"use strict";

(() => {
  const desk = document.querySelector("[data-checkin]");
  if (!desk) {
    return;
  }
  const form = desk.querySelector("[data-checkin-form]");
  const input = form.querySelector("input[name=code]");
  const startButton = desk.querySelector("[data-camera-start]");
  const stopButton = desk.querySelector("[data-camera-stop]");
  const box = desk.querySelector("[data-camera]");
  const video = desk.querySelector("[data-camera-video]");
  const canvas = desk.querySelector("[data-camera-canvas]");
  const status = desk.querySelector("[data-camera-status]");
  const REPEAT_AFTER_MS = 4000; // the same ticket held in front of the camera is sent once

  // After each check-in the field is emptied and ready for the next ticket.
  document.body.addEventListener("htmx:afterRequest", (event) => {
    if (event.detail.elt === form) {
      input.value = "";
      input.focus();
    }
  });

  const canScan = Boolean(
    navigator.mediaDevices && navigator.mediaDevices.getUserMedia && typeof window.jsQR === "function"
  );
  if (!canScan) {
    return;
  }
  startButton.hidden = false;

  let stream = null;
  let lastCode = "";
  let lastSentAt = 0;

  function send(code) {
    const now = Date.now();
    if (code === lastCode && now - lastSentAt < REPEAT_AFTER_MS) {
      return;
    }
    lastCode = code;
    lastSentAt = now;
    input.value = code;
    form.requestSubmit();
  }

  function scan() {
    if (!stream) {
      return;
    }
    if (video.readyState === video.HAVE_ENOUGH_DATA && video.videoWidth > 0) {
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      const context = canvas.getContext("2d", { willReadFrequently: true });
      context.drawImage(video, 0, 0, canvas.width, canvas.height);
      const image = context.getImageData(0, 0, canvas.width, canvas.height);
      const found = window.jsQR(image.data, image.width, image.height, {
        inversionAttempts: "dontInvert",
      });
      if (found && found.data) {
        send(found.data);
      }
    }
    window.requestAnimationFrame(scan);
  }

  function stop() {
    if (stream) {
      stream.getTracks().forEach((track) => track.stop());
    }
    stream = null;
    video.srcObject = null;
    box.hidden = true;
    stopButton.hidden = true;
    startButton.hidden = false;
  }

  startButton.addEventListener("click", async () => {
    box.hidden = false;
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: "environment" },
        audio: false,
      });
    } catch (error) {
      status.textContent = desk.dataset.cameraRefused;
      return;
    }
    video.srcObject = stream;
    await video.play();
    startButton.hidden = true;
    stopButton.hidden = false;
    status.textContent = desk.dataset.cameraReady;
    window.requestAnimationFrame(scan);
  });
  stopButton.addEventListener("click", stop);
  window.addEventListener("pagehide", stop);
})();
