"""The command line: finding the project, reports for people and for scripts, clean errors."""

from conftest import rushes_process
from mediagen import make_video


def test_init_then_commands_find_the_project_from_a_subfolder(rushes, tmp_path):
    assert rushes("init", tmp_path / "shoot").code == 0
    for name in ("catalog.sqlite", "rushes.toml", "cache"):
        assert (tmp_path / "shoot" / ".rushes" / name).exists()
    inner = tmp_path / "shoot" / "day1" / "cam"
    inner.mkdir(parents=True)
    make_video(inner / "a.mov")
    assert rushes("add", ".", cwd=inner).code == 0
    listed = rushes("ls", "--format", "json", cwd=tmp_path / "shoot" / "day1").json()
    assert [c["path"] for c in listed["clips"]] == [str(inner / "a.mov")]


def test_outside_a_project_the_error_is_one_line_exit_2(rushes, tmp_path):
    result = rushes("ls", cwd=tmp_path)
    assert result.code == 2
    assert result.err == f"rushes: error: {tmp_path}: not inside a rushes project " \
                         "(run `rushes init` first)\n"  # fmt: skip
    result = rushes("ls", "--project", tmp_path / "nope")
    assert result.code == 2 and "no rushes project here" in result.err


def test_ls_and_info_in_json_carry_the_probe(project, rushes, tmp_path):
    clip = make_video(tmp_path / "A001C003.mov", seconds=2, rate=24, timecode="01:00:00:00",
                      audio_channels=2)  # fmt: skip
    rushes("add", clip, "--project", project.root)
    listed = rushes("ls", "--format", "json", "--project", project.root).json()
    (entry,) = listed["clips"]
    assert entry["frame_rate"] == "24/1" and entry["frames"] == 48
    assert entry["start_timecode"] == "01:00:00:00"
    assert entry["audio"] == [
        {"index": 1, "codec": "aac", "sample_rate": 48000, "channels": 2, "layout": "stereo"}
    ]
    by_name = rushes("info", "A001C003.mov", "--format", "json", "--project", project.root)
    by_fingerprint = rushes("info", entry["fingerprint"][:8], "--format", "json",
                            "--project", project.root)  # fmt: skip
    assert by_name.json()["fingerprint"] == by_fingerprint.json()["fingerprint"]
    text = rushes("info", "A001C003.mov", "--project", project.root).out
    assert "01:00:00:00" in text and "24/1" in text


def test_info_on_an_unknown_clip_is_one_line(project, rushes):
    result = rushes("info", "nothing.mov", "--project", project.root)
    assert result.code == 2
    assert result.err == "rushes: error: nothing.mov: no such clip in the catalog\n"


def test_a_broken_settings_file_is_named_not_a_traceback(project, tmp_path):
    project.settings_path.write_text("[analyze\njobs = ")
    done = rushes_process("analyze", "--project", project.root)
    out, err = done.communicate(timeout=60)
    assert done.returncode == 2
    assert err.startswith(f"rushes: error: {project.settings_path}: not valid TOML")
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_the_console_script_runs_as_a_module(tmp_path):
    done = rushes_process("--version")
    out, _ = done.communicate(timeout=60)
    assert out.startswith("rushes, version")


def test_help_lists_every_command_with_its_own_short_help(rushes):
    """Commands are imported only when run; the list ``--help`` prints must stay theirs."""
    import importlib

    from rushes.cli import COMMANDS

    listed = rushes("--help").out
    for name, (module, attribute, short) in COMMANDS.items():
        command = getattr(importlib.import_module(f"rushes.cli.{module}"), attribute)
        assert command.name == name
        said = " ".join(command.help.split())
        assert said.startswith(short.removesuffix("...")), (name, short, said)
        assert f"  {name} " in listed


def test_commands_that_only_read_the_catalog_do_not_load_the_analysis_stack():
    """`rushes ls`, `info`, `search`, `rate`, `select` and `--help` start at once: no
    torch, Whisper, SciPy, FFmpeg or OTIO on their way (time itself is in the bench)."""
    import subprocess
    import sys

    heavy = ("torch", "faster_whisper", "scipy", "av", "opentimelineio", "numpy", "rushes.cut")
    for module in ("ls", "info", "search", "rate"):
        code = (f"import sys, rushes.cli, rushes.cli.{module}; "
                f"print(sorted(m for m in {heavy!r} if m in sys.modules))")  # fmt: skip
        loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        assert loaded.stdout.strip() == "[]", (module, loaded.stdout, loaded.stderr)
