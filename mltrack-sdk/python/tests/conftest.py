"""The test session imports the BUILT mltrack (a wheel installed into a temporary directory put
first on sys.path, never src/) and logs to a real MLflow server that it starts and stops."""

from __future__ import annotations

import atexit
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

import pytest

PACKAGE_DIR = Path(__file__).resolve().parent.parent
REPO_ROOT = PACKAGE_DIR.parent.parent
SPEC_FILE = REPO_ROOT / "mltrack-sdk" / "src" / "spec" / "tags.json"
PRICING_FILE = REPO_ROOT / "mltrack-sdk" / "src" / "spec" / "pricing.json"


def _install_built_package() -> Path:
    """Installs $MLTRACK_WHEEL (what `make test-python` built), or a wheel built here."""
    work = Path(tempfile.mkdtemp(prefix="mltrack-pytest-"))
    atexit.register(shutil.rmtree, work, ignore_errors=True)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--quiet"]
    wheel = os.environ.get("MLTRACK_WHEEL")
    if not wheel:
        subprocess.run(
            [*pip, "wheel", "--no-deps", "--no-build-isolation", str(PACKAGE_DIR), "-w", str(work / "wheel")],
            check=True,
        )
        wheel = str(next((work / "wheel").glob("mltrack-*.whl")))
    site = work / "site"
    subprocess.run([*pip, "install", "--no-deps", "--no-index", "--target", str(site), wheel], check=True)
    sys.path.insert(0, str(site))
    return site


INSTALLED_AT = _install_built_package()


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "tracking_failure_expected: the test makes tracking fail on purpose (MltrackWarning allowed)"
    )


@pytest.fixture(autouse=True)
def no_tracking_failures(request: pytest.FixtureRequest, recwarn: pytest.WarningsRecorder):
    """Tracking swallows its own failures, so every test fails on an MltrackWarning it did not ask
    for. The warn-once flag is reset so each test sees its own first warning."""
    import mltrack._safe

    mltrack._safe._warned = False
    yield
    if request.node.get_closest_marker("tracking_failure_expected") is None:
        from mltrack import MltrackWarning

        failures = [str(w.message) for w in recwarn if issubclass(w.category, MltrackWarning)]
        assert not failures, f"tracking failed: {failures}"


@pytest.fixture(scope="session")
def mlflow_server(tmp_path_factory: pytest.TempPathFactory):
    """A real `mlflow server` from this Python's environment (the project's .venv): SQLite backend
    and proxied artifacts in a temporary directory, on a free loopback port."""
    data = tmp_path_factory.mktemp("mlflow")
    (data / "artifacts").mkdir()
    port = free_port()
    command = [
        str(Path(sys.executable).parent / "mlflow"),
        "server",
        "--backend-store-uri",
        f"sqlite:///{data / 'mlflow.db'}",
        "--artifacts-destination",
        str(data / "artifacts"),
        "--serve-artifacts",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        "1",
    ]
    env = {
        # MLflow 3.18 starts job-runner processes for GenAI scorers, which MLTrack does not use.
        "MLFLOW_SERVER_ENABLE_JOB_EXECUTION": "false",
        **os.environ,
        "MLFLOW_DISABLE_TELEMETRY": "true",
        "DO_NOT_TRACK": "true",
    }
    log_path = data / "server.log"
    with open(log_path, "wb") as log:
        server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_for_health(url, server, log_path)
        yield url
    finally:
        _stop(server)


def _wait_for_health(url: str, server: subprocess.Popen, log_path: Path, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if server.poll() is not None:
            raise RuntimeError(f"mlflow server exited with {server.returncode}:\n{log_path.read_text()[-4000:]}")
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"mlflow server not healthy after {timeout} s:\n{log_path.read_text()[-4000:]}")
        time.sleep(0.5)


def _stop(server: subprocess.Popen) -> None:
    """Stops the server and its workers: its own process group, started above."""
    if server.poll() is not None:
        return
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


@pytest.fixture
def client(mlflow_server: str, monkeypatch: pytest.MonkeyPatch):
    """An MlflowClient of the test server, which the official client (and so track()) logs to."""
    import mlflow
    from mlflow import MlflowClient

    monkeypatch.setenv("MLFLOW_TRACKING_URI", mlflow_server)
    previous = mlflow.get_tracking_uri()
    mlflow.set_tracking_uri(mlflow_server)
    try:
        yield MlflowClient(mlflow_server)
    finally:
        mlflow.set_tracking_uri(previous)


@pytest.fixture
def experiment() -> str:
    """A fresh experiment name for the test (tests share one server)."""
    return unique("pytest")
