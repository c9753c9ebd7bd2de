"""``rushes review`` in a real browser: Debian's Chromium driven by Playwright, against the
server started as a user starts it, on a generated shoot whose truth is known (and one HEVC
clip, which Chromium cannot draw, played through its proxy)."""

from __future__ import annotations

import http.client
import json
import os
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from fractions import Fraction
from pathlib import Path

import opentimelineio as otio
import pytest

from conftest import rushes_process
from mediagen import make_video
from shootgen import shoot

CHROMIUM = Path("/usr/bin/chromium")
playwright = pytest.importorskip("playwright.sync_api", reason="the dev extra installs playwright")
pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs Debian's chromium (make setup installs it)"
)
AUTOPLAY = "--autoplay-policy=no-user-gesture-required"


def _run(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "rushes", *map(str, args)],
                          capture_output=True, text=True, timeout=300)  # fmt: skip


@pytest.fixture(scope="module")
def shot(tmp_path_factory):
    root = tmp_path_factory.mktemp("review")
    script, truth = shoot(root / "day1")
    make_video(root / "day1" / "B001C001.mp4", seconds=2, rate=Fraction(25), codec="libx265",
               audio_channels=2, timecode="02:00:00:00")  # fmt: skip
    done = _run("cut", root / "day1", "--script", script, "--out", root / "out")
    assert done.returncode == 0, done.stderr
    return root, truth


@pytest.fixture(scope="module")
def server(shot):
    root, _ = shot
    process = rushes_process("review", "--project", root / "day1", "--port", 0, "--no-open")
    line = process.stdout.readline()
    assert line.startswith("rushes review: http://localhost:"), line + process.stderr.read()
    url = line.split()[2]
    yield url
    process.terminate()
    process.wait(10)


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=[AUTOPLAY])
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    page.close()
    assert not errors, errors


@pytest.fixture(scope="module")
def shots_folder(tmp_path_factory) -> Path:
    """Where the screenshots go: $RUSHES_SCREENSHOTS, to look at them, or a temporary folder."""
    folder = os.environ.get("RUSHES_SCREENSHOTS")
    return Path(folder) if folder else tmp_path_factory.mktemp("screenshots")


def _clips(root: Path) -> dict:
    done = _run("ls", "--project", root / "day1", "--format", "json")
    return {Path(c["path"]).name: c for c in json.loads(done.stdout)["clips"]}


def _clip_id(page, server, name: str) -> str:
    page.goto(server)
    return page.locator(f'a.card:has-text("{name}")').get_attribute("data-clip")


def _decoding(page) -> dict:
    return page.evaluate("""() => { const v = document.getElementById('player');
        return {width: v.videoWidth, frames: v.getVideoPlaybackQuality().totalVideoFrames,
                time: v.currentTime, paused: v.paused}; }""")


def _play_and_count(page) -> tuple[dict, dict]:
    page.wait_for_function("document.getElementById('player').readyState >= 2")
    page.keyboard.press("l")
    page.wait_for_function("document.getElementById('player').currentTime > 0.3")
    first = _decoding(page)
    page.wait_for_timeout(600)
    return first, _decoding(page)


def test_the_clips_page_shows_every_clip_and_filters_them(page, server, shot, shots_folder):
    root, truth = shot
    page.goto(server)
    page.wait_for_selector("a.card img")
    assert page.locator("a.card").count() == len(truth) + 1
    page.screenshot(path=shots_folder / "clips.png", full_page=True)
    page.select_option('select[name="problem"]', "audio_clipping")
    page.wait_for_url("**problem=audio_clipping**")
    names = page.locator("a.card .name").all_inner_texts()
    clipped = [n for n, (_, defect) in truth.items() if defect == "clipped audio"]
    assert names == clipped
    page.goto(server + "?q=serious+problem")
    hit = page.locator(".hits li a").first
    assert hit.inner_text() in {n for n, (scene, _) in truth.items() if scene == "2"}
    hit.click()
    page.wait_for_function("document.getElementById('player').currentTime > 0.5")


def test_a_clip_plays_and_a_click_on_a_word_seeks_there(page, server, shot, shots_folder):
    page.goto(server + f"clip/{_clip_id(page, server, 'A001C002.mov')}")
    first, later = _play_and_count(page)
    assert first["width"] == 320 and later["frames"] > first["frames"] > 0
    page.keyboard.press("k")
    word = page.locator("#words .w").nth(3)
    word.click()
    at = float(word.get_attribute("data-s"))
    page.wait_for_function(f"Math.abs(document.getElementById('player').currentTime - {at}) < 0.05")
    page.wait_for_selector("#words .w.now")
    assert page.locator("#words .w.now").inner_text() == word.inner_text()
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        f"Math.abs(document.getElementById('player').currentTime - {at + 0.04}) < 0.01"
    )
    page.screenshot(path=shots_folder / "clip.png", full_page=True)


def test_an_hevc_clip_plays_through_its_proxy_and_takes_ratings_and_marks(page, server, shot,
                                                                         shots_folder):  # fmt: skip
    root, _ = shot
    page.goto(server + f"clip/{_clip_id(page, server, 'B001C001.mp4')}")
    first, later = _play_and_count(page)
    assert first["width"] > 0 and later["frames"] > first["frames"] > 0
    page.keyboard.press("k")
    page.evaluate("document.getElementById('player').currentTime = 0.4")
    page.keyboard.press("i")
    page.evaluate("document.getElementById('player').currentTime = 1.2")
    page.keyboard.press("o")
    page.keyboard.press("3")
    page.wait_for_function("document.getElementById('stars').textContent === '★★★'")
    page.wait_for_function("document.getElementById('marks').textContent.includes('out')")
    page.screenshot(path=shots_folder / "clip-hevc.png", full_page=True)
    clip = _clips(root)["B001C001.mp4"]
    assert clip["rating"] == 3
    [[start, end]] = clip["selects"]
    assert abs(start - 0.4) < 0.05 and abs(end - 1.2) < 0.05


def test_a_scenes_take_is_swapped_on_the_page_and_exported_as_fcpxml(page, server, shot,
                                                                    shots_folder):  # fmt: skip
    root, truth = shot
    page.goto(server + "scenes")
    scene = page.locator("#scene-0")
    assert "A001C002.mov" in scene.locator(".take.chosen").inner_text()
    page.screenshot(path=shots_folder / "scenes.png", full_page=True)
    # a line in two takes, one after the other
    scene.locator(".compare .b").select_option(label="A001C004.mov")
    scene.locator("button.play-compare").click()
    playing = "document.getElementById('playing').textContent"
    page.wait_for_function(f"{playing}.startsWith('A001C002.mov: line 1')")
    page.wait_for_function(f"{playing}.startsWith('A001C004.mov: line 1')", timeout=15000)
    other = scene.locator('.take:has-text("A001C003.mov") button.use')
    with page.expect_navigation():
        other.click()
    assert "A001C003.mov" in page.locator("#scene-0 .take.chosen").inner_text()
    page.goto(server + "cut")
    page.screenshot(path=shots_folder / "cut.png", full_page=True)
    page.locator('button.export[data-format="fcpxml"]').click()
    link = page.wait_for_selector("a.exported")
    path = Path(link.inner_text())
    read = otio.adapters.read_from_file(str(path), adapter_name="fcpx_xml")
    timeline = next(iter(read.find_children(descended_from_type=otio.schema.Timeline)))
    video = next(t for t in timeline.tracks if t.kind == otio.schema.TrackKind.Video)
    assert [c.name for c in video.find_clips()] == ["A001C003", "A002C004"]
    # rushes cut honours the page's choice: the command and the page show one cut
    done = _run("cut", root / "day1", "--script", root / "oxygen.fountain", "--out", root / "out")
    assert done.returncode == 0, done.stderr
    cut = otio.adapters.read_from_file(str(root / "out" / "cut.otio"))
    video = next(t for t in cut.tracks if t.kind == otio.schema.TrackKind.Video)
    assert [Path(c.media_reference.target_url).name for c in video.find_clips()] == [
        "A001C003.mov",
        "A002C004.mov",
    ]


def test_the_cut_is_reordered_dropped_and_played_edit_by_edit(page, server, shot):
    page.goto(server + "cut")
    rows = page.locator("table.edits tr[data-scene]")
    assert rows.count() == 2
    with page.expect_navigation():
        rows.nth(1).locator("button.up").click()
    assert page.locator("table.edits tr[data-scene]").first.get_attribute("data-scene") == "1"
    page.locator("#play-cut").click()
    page.wait_for_function("document.getElementById('playing').textContent.startsWith('1/2')")
    page.wait_for_function("document.getElementById('playing').textContent.startsWith('2/2')",
                           timeout=20000)  # fmt: skip
    with page.expect_navigation():
        page.locator("table.edits tr[data-scene]").first.locator("button.drop").click()
    assert page.locator("table.edits tr[data-scene]").count() == 1
    assert "left out" in page.locator("ul.left").inner_text()
    with page.expect_navigation():
        page.locator("button.restore").click()
    assert page.locator("table.edits tr[data-scene]").count() == 2
    first = page.locator("table.edits tr[data-scene]").first
    first.locator("input.in").fill("1.00")
    first.locator("input.out").fill("3.50")
    with page.expect_navigation():
        first.locator("button.range").click()
    assert "2.5 s ✎" in page.locator("table.edits tr[data-scene]").first.inner_text()


def _get(url: str, path: str, host: str | None = None, method: str = "GET",
         headers: dict | None = None) -> int:  # fmt: skip
    """The status of a request sent exactly as written (no client tidies the path)."""
    address = url.split("//")[1].rstrip("/")
    name, port = address.rsplit(":", 1)
    connection = http.client.HTTPConnection("127.0.0.1", int(port), timeout=10)
    connection.putrequest(method, path, skip_host=True)
    connection.putheader("Host", host or address)
    for key, value in (headers or {}).items():
        connection.putheader(key, value)
    connection.putheader("Content-Length", "2")
    connection.endheaders(b"{}")
    status = connection.getresponse().status
    connection.close()
    return status


TRAVERSALS = (
    "/static/../../../../etc/passwd", "/static/..%2f..%2fapp.py", "/static/%2e%2e/%2e%2e/app.py",
    "/media/..%2f..%2fetc%2fpasswd", "//etc/passwd", "/media/%2fetc%2fpasswd", "/media/999",
    "/poster/-1", "/exports/..%2f..%2fday1%2fA001C001.mov", "/clip/1/../../../etc/passwd",
)  # fmt: skip


def test_paths_from_the_url_and_foreign_hosts_are_refused(server, shot):
    root, _ = shot
    for path in TRAVERSALS:
        assert _get(server, path) == 404, path
    assert _get(server, "/") == 200
    assert _get(server, "/", host="evil.example:80") == 403  # DNS rebinding
    assert _get(server, "/api/rate", method="POST") == 403  # no token
    # a link out of the project's cache is not served, even where a still should be
    clip = _clips(root)["A001C001.mov"]
    fp = clip["fingerprint"]
    poster = next((root / "day1" / ".rushes" / "cache" / fp[:2] / fp).glob("thumbnails-v*"))
    poster = poster / "poster.jpg"
    secret = root / "secret.jpg"
    shutil.copy(poster, secret)
    poster.unlink()
    poster.symlink_to(secret)
    with urllib.request.urlopen(server, timeout=10) as response:
        html = response.read().decode()
    marker = 'data-clip="'
    ids = [part.split('"')[0] for part in html.split(marker)[1:]]
    names = [part.split("</div>")[0] for part in html.split('class="name">')[1:]]
    clip_id = dict(zip(names, ids, strict=True))["A001C001.mov"]
    assert _get(server, f"/poster/{clip_id}") == 404


def test_the_page_answers_while_analyze_writes_and_shows_what_lands(page, server, shot):
    root, truth = shot
    page.goto(server)
    page.wait_for_selector("a.card")
    before = page.locator("a.card").count()
    make_video(root / "day1" / "C001C001.mp4", seconds=1, audio_channels=1)
    added = rushes_process("add", root / "day1", "--project", root / "day1")
    assert added.wait(120) == 0, added.stderr.read()
    analysis = rushes_process("analyze", "--project", root / "day1", "-a", "thumbnails")
    answers = 0
    while analysis.poll() is None:  # the server keeps answering while the catalog is written
        with urllib.request.urlopen(server + "api/state", timeout=10) as response:
            answers += response.status == 200
        page.wait_for_timeout(50)
    assert analysis.returncode == 0, analysis.stderr.read()
    assert answers > 0
    # the open page picks the new clip and its poster up by itself (it asks every 3 s)
    page.wait_for_selector('a.card:has-text("C001C001.mp4") img', timeout=15000)
    assert page.locator("a.card").count() == before + 1


def test_bad_requests_are_one_line_and_change_nothing(server, shot):
    root, _ = shot
    with urllib.request.urlopen(server, timeout=10) as response:
        html = response.read().decode()
    token = html.split('name="rushes-token" content="')[1].split('"')[0]
    before = _clips(root)

    def post(path: str, body: bytes) -> tuple[int, str]:
        request = urllib.request.Request(server + path.lstrip("/"), data=body, method="POST",
                                         headers={"X-Rushes-Token": token,
                                                  "Content-Type": "application/json"})  # fmt: skip
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read())["error"]

    assert post("/api/rate", b"not json") == (400, "the request should be a JSON object")
    assert post("/api/rate", b'{"clip": 1, "rating": 7}') == (
        400,
        "rating: a whole number from 1 to 5",
    )
    assert post("/api/rate", b'{"clip": 9999, "rating": 3}') == (404, "no such clip")
    status, error = post("/api/select", b'{"clip": 1, "start": 5, "end": 2}')
    assert status == 400 and "is not a range inside the clip" in error
    assert post("/api/export", b'{"format": "avi"}') == (
        400,
        "format: one of otio, fcp7, fcpxml, edl, mlt, srt, vtt, mp4",
    )
    assert post("/api/scene", b'{"scene": 99}') == (400, "scene 99: not in the cut")
    assert post("/api/order", b'{"scenes": [0]}') == (
        400,
        "scenes: the cut's scenes, each once, in the new order",
    )
    assert _clips(root) == before
