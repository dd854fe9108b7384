// The screening room: the viewer's watermark over the film (name, organisation, the time,
// refreshed each minute), full screen for the film and its watermark together, the end of the
// viewing session, and the comments' time codes that seek the film.
"use strict";

(function () {
  const film = document.getElementById("film");
  const box = document.getElementById("screening");
  const overlay = document.getElementById("watermark");
  const data = document.getElementById("watermark-data");
  const TILES = 12;

  function pad(number) {
    return String(number).padStart(2, "0");
  }

  function stamp(now) {
    return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())} ${pad(now.getHours())}:${pad(now.getMinutes())}`;
  }

  function drawWatermark() {
    if (!overlay || !data) {
      return;
    }
    const viewer = JSON.parse(data.textContent);
    const text = `${viewer.name} · ${viewer.organization} · ${stamp(new Date())}`;
    overlay.replaceChildren();
    for (let index = 0; index < TILES; index += 1) {
      const tile = document.createElement("span");
      tile.className = "cp-watermark-tile";
      tile.textContent = text;
      overlay.append(tile);
    }
  }

  function sessionOver() {
    if (film) {
      film.pause();
      film.removeAttribute("src");
      film.load();
    }
    const notice = document.getElementById("session-over");
    if (notice) {
      notice.classList.remove("d-none");
    }
  }

  function watchExpiry() {
    if (!box || !box.dataset.expires) {
      return;
    }
    const left = new Date(box.dataset.expires).getTime() - Date.now();
    if (left <= 0) {
      sessionOver();
    } else {
      window.setTimeout(sessionOver, Math.min(left, 2147483647));
    }
  }

  function fullScreen() {
    if (!box || !box.requestFullscreen) {
      return;
    }
    if (document.fullscreenElement) {
      document.exitFullscreen();
    } else {
      box.requestFullscreen();
    }
  }

  if (film && box) {
    drawWatermark();
    window.setInterval(drawWatermark, 60 * 1000);
    watchExpiry();
    const button = document.getElementById("fullscreen");
    if (button) {
      button.addEventListener("click", fullScreen);
    }
    // The film alone never goes full screen: the watermark must stay over it.
    film.addEventListener("dblclick", (event) => {
      event.preventDefault();
      fullScreen();
    });
    document.addEventListener("fullscreenchange", () => {
      if (document.fullscreenElement === film) {
        document.exitFullscreen().then(() => box.requestFullscreen());
      }
    });
    film.addEventListener("error", () => {
      if (new Date(box.dataset.expires).getTime() <= Date.now()) {
        sessionOver();
      }
    });
    const takeTime = document.getElementById("take-time");
    const start = document.getElementById("id_start");
    if (takeTime && start) {
      takeTime.addEventListener("click", () => {
        const seconds = Math.floor(film.currentTime);
        start.value = `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor((seconds % 3600) / 60))}:${pad(seconds % 60)}`;
      });
    }
  }

  document.addEventListener("click", (event) => {
    const link = event.target.closest(".cp-seek");
    if (!link || !film || !film.getAttribute("src")) {
      return;
    }
    event.preventDefault();
    film.currentTime = Number(link.dataset.seconds);
    film.scrollIntoView({ block: "center" });
    film.play().catch(() => {});
  });
})();
