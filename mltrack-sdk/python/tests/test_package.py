"""The tests run the built package, and its tag names are the one spec file's."""

import json
from importlib import resources
from pathlib import Path

import mltrack
from conftest import INSTALLED_AT, PACKAGE_DIR, SPEC_FILE


def test_imports_the_installed_wheel_not_the_sources():
    location = Path(mltrack.__file__).resolve()
    assert location.is_relative_to(INSTALLED_AT.resolve())
    assert not location.is_relative_to((PACKAGE_DIR / "src").resolve())
    assert mltrack.__version__ == "0.1.0"


def test_the_packaged_spec_is_the_repository_spec():
    packaged = resources.files("mltrack").joinpath("spec/tags.json").read_text(encoding="utf-8")
    assert packaged == SPEC_FILE.read_text(encoding="utf-8")


def test_the_tag_constants_come_from_the_spec():
    spec = json.loads(SPEC_FILE.read_text(encoding="utf-8"))
    assert dict(mltrack.MLFLOW_TAGS) == spec["mlflowTags"]
    assert dict(mltrack.MLTRACK_TAGS) == spec["mltrackTags"]
    assert dict(mltrack.MLTRACK_METRICS) == spec["mltrackMetrics"]
    assert dict(mltrack.MLTRACK_ARTIFACTS) == spec["mltrackArtifacts"]
    assert dict(mltrack.LLM_TAGS) == spec["llmTags"]
    assert dict(mltrack.LLM_METRICS) == spec["llmMetrics"]
    assert mltrack.SYSTEM_METRIC_PREFIX == spec["systemMetricPrefix"]


def test_no_tag_name_is_written_out_in_the_package_sources():
    """Every tag and metric name the binding writes comes from the spec, not a string literal."""
    spec = json.loads(SPEC_FILE.read_text(encoding="utf-8"))
    names = [
        value
        for group in ("mlflowTags", "mltrackTags", "mltrackMetrics", "mltrackArtifacts", "llmTags", "llmMetrics")
        for value in spec[group].values()
    ]
    sources = {path.name: path.read_text(encoding="utf-8") for path in (PACKAGE_DIR / "src" / "mltrack").glob("*.py")}
    for name in names:
        for file, text in sources.items():
            assert f'"{name}"' not in text and f"'{name}'" not in text, f"{file} spells out {name}"
