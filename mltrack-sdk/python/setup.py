"""Copies the spec files the TypeScript SDK reads too (mltrack-sdk/src/spec/tags.json, the tag and
metric names, and pricing.json, the built-in LLM prices) into the package at build time.

The specs are never kept twice in the repository: every wheel carries the copies made here, and
tests/test_package.py checks that the installed copies equal the specs.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

SPEC_DIR = Path(__file__).resolve().parent.parent / "src" / "spec"
SPEC_FILES = ("tags.json", "pricing.json")


class BuildPyWithSpec(build_py):
    def run(self) -> None:
        super().run()
        for name in SPEC_FILES:
            spec = SPEC_DIR / name
            if not spec.is_file():
                raise FileNotFoundError(
                    f"{spec} is missing: build mltrack from the MLTrack repository (make python-wheel)."
                )
            target = Path(self.build_lib) / "mltrack" / "spec" / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(spec, target)


setup(cmdclass={"build_py": BuildPyWithSpec})
