"""The tests run the built package, and its tag names and built-in prices are the spec files'."""

import json
from importlib import resources
from pathlib import Path

import mltrack
from conftest import INSTALLED_AT, PACKAGE_DIR, PRICING_FILE, SPEC_FILE


def test_imports_the_installed_wheel_not_the_sources():
    location = Path(mltrack.__file__).resolve()
    assert location.is_relative_to(INSTALLED_AT.resolve())
    assert not location.is_relative_to((PACKAGE_DIR / "src").resolve())
    assert mltrack.__version__ == "0.1.0"


def test_the_packaged_specs_are_the_repository_specs():
    for spec_file in (SPEC_FILE, PRICING_FILE):
        packaged = resources.files("mltrack").joinpath(f"spec/{spec_file.name}").read_text(encoding="utf-8")
        assert packaged == spec_file.read_text(encoding="utf-8")


def test_the_built_in_prices_come_from_the_pricing_spec():
    spec = json.loads(PRICING_FILE.read_text(encoding="utf-8"))
    assert mltrack.PRICES_AS_OF == spec["asOf"]
    as_fields = {
        model: {
            name: value
            for name, value in (
                ("input", price.input),
                ("output", price.output),
                ("cachedInput", price.cached_input),
                ("cacheWrite", price.cache_write),
            )
            if value is not None
        }
        for model, price in mltrack.BUILT_IN_PRICING.items()
    }
    assert as_fields == spec["models"]
    assert {model: mltrack.pricing()[model] for model in spec["models"]} == dict(mltrack.BUILT_IN_PRICING)


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
