"""Copies the one tag spec (mltrack-sdk/src/spec/tags.json) into the package at build time.

The spec is never kept twice in the repository: every wheel carries the copy made here, and
tests/test_spec.py checks that the installed copy equals the spec.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

SPEC = Path(__file__).resolve().parent.parent / "src" / "spec" / "tags.json"


class BuildPyWithSpec(build_py):
    def run(self) -> None:
        super().run()
        if not SPEC.is_file():
            raise FileNotFoundError(
                f"{SPEC} is missing: build mltrack from the MLTrack repository (make python-wheel)."
            )
        target = Path(self.build_lib) / "mltrack" / "spec" / "tags.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(SPEC, target)


setup(cmdclass={"build_py": BuildPyWithSpec})
