// rushes review: the player, the keys and the clicks. No framework, nothing from a CDN.
"use strict";

const token = document.querySelector('meta[name="rushes-token"]').content;

async function post(url, body) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Rushes-Token": token },
    body: JSON.stringify(body),
  });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) {
    alert(data.error || response.statusText);
    throw new Error(data.error || response.statusText);
  }
  return data;
}

function json(id) {
  const node = document.getElementById(id);
  return node ? JSON.parse(node.textContent) : null;
}

// -- new results while `rushes analyze` runs -------------------------------------------------
let known = document.querySelector('meta[name="rushes-state"]').content;
async function watch() {
  try {
    const { state } = await (await fetch("/api/state")).json();
    if (state !== known) {
      known = state;
      const grid = document.getElementById("grid");
      if (grid) {  // the clips page refreshes itself; other pages say so
        const page = await (await fetch(location.href)).text();
        const fresh = new DOMParser().parseFromString(page, "text/html");
        grid.replaceWith(fresh.getElementById("grid"));
        document.querySelector(".count").replaceWith(fresh.querySelector(".count"));
      } else {
        document.getElementById("news").hidden = false;
      }
    }
  } catch (e) { /* the server stopped: keep the page as it is */ }
  setTimeout(watch, 3000);
}
setTimeout(watch, 3000);

// -- playing ranges: a line, two takes of a line, the cut edit by edit -----------------------
function playRanges(video, ranges, show) {
  let i = 0;
  let stopAt = null;
  const onFrame = (now, meta) => {
    if (stopAt === null) return;
    if (meta.mediaTime >= stopAt - 0.02 || video.ended) { stopAt = null; next(); return; }
    video.requestVideoFrameCallback(onFrame);
  };
  function next() {
    if (i >= ranges.length) { video.pause(); if (show) show(""); return; }
    const range = ranges[i++];
    if (show) show(range.label || "");
    const start = () => {
      video.currentTime = range.start;
      stopAt = range.end;
      video.play();
      video.requestVideoFrameCallback(onFrame);
    };
    if (!video.src.endsWith(range.media)) {
      video.src = range.media;
      video.addEventListener("loadedmetadata", start, { once: true });
    } else {
      start();
    }
  }
  next();
}

// -- the clips page: filmstrip under the pointer ---------------------------------------------
function clipsPage() {
  document.addEventListener("mousemove", (event) => {
    const strip = event.target.closest(".pic")?.querySelector(".strip");
    if (!strip) return;
    const frames = Number(strip.dataset.frames);
    const box = strip.getBoundingClientRect();
    const n = Math.min(frames - 1, Math.floor(((event.clientX - box.left) / box.width) * frames));
    strip.style.backgroundPosition = `${frames > 1 ? (n / (frames - 1)) * 100 : 0}% 0`;
  });
}

// -- a clip: player, transcript, strip, waveform, keys ---------------------------------------
function timecode(data, seconds) {
  const fps = Math.round(data.rate);
  let f = data.first_frame + Math.floor(seconds * data.rate + 1e-6);
  const ff = f % fps; f = Math.floor(f / fps);
  const pad = (n) => String(n).padStart(2, "0");
  return `${pad(Math.floor(f / 3600) % 24)}:${pad(Math.floor(f / 60) % 60)}:${pad(f % 60)}:${pad(ff)}`;
}

function clipPage() {
  const data = json("clip-data");
  const video = document.getElementById("player");
  const words = [...document.querySelectorAll("#words .w")];
  const strip = document.getElementById("strip");
  const wave = document.getElementById("wave");
  let markIn = null, markOut = null, forward = 0, backward = 0, backTimer = null;
  const selects = data.selects;

  const x = (canvas, t) => (t / data.duration) * canvas.width;
  function draw() {
    const t = video ? video.currentTime : 0;
    for (const canvas of [strip, wave]) canvas.width = canvas.clientWidth;
    const s = strip.getContext("2d");
    s.clearRect(0, 0, strip.width, strip.height);
    s.fillStyle = "#2c4a6e";  // performances, with their slates
    for (const p of data.performances) {
      s.fillRect(x(strip, p.start), 0, Math.max(2, x(strip, p.end - p.start)), 12);
      s.fillStyle = "#ddd"; s.font = "10px sans-serif";
      s.fillText(p.label, x(strip, p.start) + 2, 10); s.fillStyle = "#2c4a6e";
    }
    for (const f of data.findings) {  // problems
      s.fillStyle = f.severity === "error" ? "#e0524a" : f.severity === "warning" ? "#d9b43a" : "#777";
      s.fillRect(x(strip, f.start), 14, Math.max(2, x(strip, f.end - f.start)), 10);
    }
    s.fillStyle = "#5bb870";  // selects and the marks being made
    for (const [a, b] of selects) s.fillRect(x(strip, a), 26, x(strip, b - a), 6);
    s.fillStyle = "#aaa";
    for (const shot of data.shots) s.fillRect(x(strip, shot.start), 0, 1, strip.height);
    if (markIn !== null) { s.fillStyle = "#fff"; s.fillRect(x(strip, markIn), 24, 2, 16); }
    if (markOut !== null) { s.fillStyle = "#fff"; s.fillRect(x(strip, markOut), 24, 2, 16); }
    s.fillStyle = "#e8a33d"; s.fillRect(x(strip, t), 0, 2, strip.height);
    const w = wave.getContext("2d");
    w.clearRect(0, 0, wave.width, wave.height);
    w.fillStyle = "#4f8a5f";
    const n = data.wave.length, mid = wave.height / 2;
    for (let i = 0; i < n; i++) {
      const h = Math.max(1, data.wave[i] * mid);
      w.fillRect((i / n) * wave.width, mid - h, Math.max(1, wave.width / n), 2 * h);
    }
    w.fillStyle = "#e8a33d"; w.fillRect(x(wave, t), 0, 2, wave.height);
  }
  function tick() {
    const t = video ? video.currentTime : 0;
    document.getElementById("tc").textContent = timecode(data, t);
    let now = null;
    for (const word of words) {
      const on = Number(word.dataset.s) <= t && t < Number(word.dataset.e);
      word.classList.toggle("now", on);
      if (on) now = word;
    }
    if (now && !video.paused) now.scrollIntoView({ block: "nearest" });
    draw();
    requestAnimationFrame(tick);
  }
  function seek(t) {
    if (!video) return;
    video.currentTime = Math.max(0, Math.min(data.duration, t));
  }
  function stopBack() { if (backTimer) clearInterval(backTimer); backTimer = null; backward = 0; }
  function speed(text) { document.getElementById("speed").textContent = text; }
  function marks() {
    document.getElementById("marks").textContent =
      (markIn !== null ? `in ${timecode(data, markIn)} ` : "") +
      (markOut !== null ? `out ${timecode(data, markOut)}` : "");
  }
  async function keep() {
    if (markIn === null || markOut === null || markOut <= markIn) return;
    const result = await post("/api/select", { clip: data.id, start: markIn, end: markOut });
    selects.length = 0; selects.push(...result.selects);
  }
  words.forEach((word) => word.addEventListener("click", () => seek(Number(word.dataset.s) + 0.001)));
  document.querySelectorAll(".findings li[data-s]").forEach(
    (li) => li.addEventListener("click", () => seek(Number(li.dataset.s))));
  for (const canvas of [strip, wave]) {
    canvas.addEventListener("click", (event) => {
      const box = canvas.getBoundingClientRect();
      seek(((event.clientX - box.left) / box.width) * data.duration);
    });
  }
  document.addEventListener("keydown", async (event) => {
    if (!video || event.target.matches("input, select, textarea") || event.ctrlKey || event.metaKey) return;
    const key = event.key.toLowerCase();
    if (key === "l") {
      stopBack(); forward = video.paused ? 1 : Math.min(8, forward * 2);
      video.playbackRate = forward; video.play(); speed(`▶ ${forward}x`);
    } else if (key === "k" || key === " ") {
      stopBack(); forward = 0; video.pause(); speed("");
    } else if (key === "j") {
      video.pause(); forward = 0; backward = backward ? Math.min(8, backward * 2) : 1;
      if (backTimer) clearInterval(backTimer);
      backTimer = setInterval(() => {
        if (video.currentTime <= 0) { stopBack(); speed(""); return; }
        seek(video.currentTime - backward * 0.08);
      }, 80);
      speed(`◀ ${backward}x`);
    } else if (key === "arrowleft" || key === "arrowright") {
      stopBack(); video.pause(); speed("");
      seek(video.currentTime + (key === "arrowright" ? 1 : -1) / data.rate);
    } else if (key === "i") {
      markIn = video.currentTime; if (markOut !== null && markOut <= markIn) markOut = null;
      marks(); await keep();
    } else if (key === "o") {
      markOut = video.currentTime; if (markIn !== null && markIn >= markOut) markIn = null;
      marks(); await keep();
    } else if (/^[1-5]$/.test(key)) {
      const result = await post("/api/rate", { clip: data.id, rating: Number(key) });
      document.getElementById("stars").textContent = "★".repeat(result.rating);
    } else {
      return;
    }
    event.preventDefault();
  });
  if (video) {
    video.addEventListener("loadedmetadata", () => { if (data.t) seek(data.t); }, { once: true });
  }
  requestAnimationFrame(tick);
}

// -- scenes: choose another take, play lines, compare two takes of a line --------------------
function scenesPage() {
  const scenes = json("scenes-data") || [];
  const video = document.getElementById("player");
  const show = (text) => { document.getElementById("playing").textContent = text; };
  const takeOf = (el) => scenes.find((s) => s.index === Number(el.closest(".scene").id.slice(6)));
  const lineRange = (take, line) => {
    const m = take.lines.find((l) => l.line === line);
    return m && { media: take.media, start: m.start, end: m.end, label: `${take.label}: line ${m.n}` };
  };
  document.querySelectorAll("button.use").forEach((button) => button.addEventListener("click", async () => {
    await post("/api/scene", { scene: Number(button.dataset.scene), take: `${button.dataset.clip}:${button.dataset.part}` });
    location.reload();
  }));
  document.querySelectorAll("button.line").forEach((button) => button.addEventListener("click", () => {
    const scene = takeOf(button);
    const take = scene.takes[Number(button.dataset.take)];
    playRanges(video, [lineRange(take, Number(button.dataset.line))], show);
  }));
  document.querySelectorAll("button.play-compare").forEach((button) => button.addEventListener("click", () => {
    const box = button.closest(".compare");
    const scene = scenes.find((s) => s.index === Number(box.dataset.scene));
    const line = Number(box.querySelector(".line").value);
    const ranges = [box.querySelector(".a").value, box.querySelector(".b").value]
      .map((n) => lineRange(scene.takes[Number(n)], line)).filter(Boolean);
    if (!ranges.length) { show("neither take says that line"); return; }
    playRanges(video, ranges, show);
  }));
}

// -- the cut: order, drop, another take, another in and out, play it, export it --------------
function cutPage() {
  const edits = json("cut-data") || [];
  const video = document.getElementById("player");
  const show = (text) => { document.getElementById("playing").textContent = text; };
  const row = (el) => el.closest("tr");
  const scene = (el) => Number(row(el).dataset.scene);
  const reload = () => location.reload();
  const on = (selector, event, handler) =>
    document.querySelectorAll(selector).forEach((el) => el.addEventListener(event, () => handler(el)));
  on("button.up, button.down", "click", async (button) => {
    const order = edits.map((e) => e.scene);
    const n = Number(row(button).dataset.n), to = n + (button.classList.contains("up") ? -1 : 1);
    if (to < 0 || to >= order.length) return;
    [order[n], order[to]] = [order[to], order[n]];
    await post("/api/order", { scenes: order }); reload();
  });
  on("button.drop", "click", async (b) => { await post("/api/scene", { scene: scene(b), dropped: true }); reload(); });
  on("button.restore", "click", async (b) => { await post("/api/scene", { scene: Number(b.dataset.scene), dropped: false }); reload(); });
  on("button.reset", "click", async (b) => { await post("/api/reset", { scene: scene(b) }); reload(); });
  on("select.take", "change", async (s) => { await post("/api/scene", { scene: scene(s), take: s.value }); reload(); });
  on("button.range", "click", async (b) => {
    const tr = row(b);
    await post("/api/scene", { scene: scene(b), start: Number(tr.querySelector(".in").value),
                               end: Number(tr.querySelector(".out").value) });
    reload();
  });
  on("#play-cut", "click", () => playRanges(video, edits.map((e, i) => (
    { media: e.media, start: e.start, end: e.end, label: `${i + 1}/${edits.length} ${e.name}` })), show));
  on("button.export", "click", async (b) => {
    const out = document.getElementById("exported");
    out.textContent = `writing ${b.dataset.format}…`;
    const result = await post("/api/export", { format: b.dataset.format });
    out.innerHTML = "";
    const link = document.createElement("a");
    link.href = result.url; link.textContent = result.file; link.className = "exported";
    out.append(link);
  });
}

const page = document.body.dataset.page;
if (page === "/") clipsPage();
if (page === "/clip") clipPage();
if (page === "/scenes") scenesPage();
if (page === "/cut") cutPage();
