"""Shared fixtures: a fresh project, and the CLI run in-process or as a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from rushes.cli import cli
from rushes.project import Project


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return Project.create(tmp_path / "shoot")


class Result:
    def __init__(self, code: int, out: str, err: str):
        self.code, self.out, self.err = code, out, err

    def json(self):
        return json.loads(self.out)


@pytest.fixture
def rushes():
    """Run ``rushes ARGS`` in this process; returns exit code, stdout and stderr apart."""

    def run(*args, cwd: Path | None = None) -> Result:
        try:
            runner = CliRunner(mix_stderr=False)  # Click 8.1 (ascmhl pins it)
        except TypeError:
            runner = CliRunner()  # Click 8.2+ always keeps them apart
        old = os.getcwd()
        if cwd:
            os.chdir(cwd)
        try:
            result = runner.invoke(cli, [str(a) for a in args], catch_exceptions=False)
        finally:
            os.chdir(old)
        return Result(result.exit_code, result.stdout, result.stderr)

    return run


def rushes_process(*args, cwd: Path | None = None, **kwargs) -> subprocess.Popen:
    """``rushes ARGS`` as a separate process (for killing it, or running it as another user)."""
    return subprocess.Popen(
        [sys.executable, "-m", "rushes", *map(str, args)],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kwargs,
    )


@contextmanager
def mounted_tmpfs(folder: Path, size: str):
    """A small disk that fills up for real: a tmpfs of ``size`` mounted at ``folder`` (the
    test is skipped where this machine does not allow mounting)."""
    folder.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                          capture_output=True)  # fmt: skip
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=False)
