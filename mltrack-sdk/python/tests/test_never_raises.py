"""MLflow unreachable: the tracked function still runs and returns, its own errors still reach the
caller unchanged, and tracking says so once (an MltrackWarning), then stays quiet."""

import asyncio

import mlflow
import pytest
from conftest import free_port
from mltrack import MltrackWarning, current_run, track

pytestmark = pytest.mark.tracking_failure_expected


@pytest.fixture
def unreachable(monkeypatch: pytest.MonkeyPatch):
    """A tracking URI where nothing listens; MLflow's client told not to retry."""
    monkeypatch.setenv("MLFLOW_HTTP_REQUEST_MAX_RETRIES", "0")
    monkeypatch.setenv("MLFLOW_HTTP_REQUEST_TIMEOUT", "5")
    previous = mlflow.get_tracking_uri()
    mlflow.set_tracking_uri(f"http://127.0.0.1:{free_port()}")
    yield
    mlflow.set_tracking_uri(previous)


def tracking_warnings(recwarn: pytest.WarningsRecorder) -> list[str]:
    return [str(w.message) for w in recwarn if issubclass(w.category, MltrackWarning)]


def test_the_result_is_returned_and_one_warning_is_given(unreachable, recwarn):
    @track(experiment="unreachable", params=["lr"])
    def train(lr, epochs=3):
        run = current_run()
        for epoch in range(epochs):
            run.log({"loss": lr / (epoch + 1)}, step=epoch)
        run.log_text("notes", "notes.txt")
        return {"accuracy": 0.9, "lr": lr}

    assert train(0.5) == {"accuracy": 0.9, "lr": 0.5}
    assert train(0.25) == {"accuracy": 0.9, "lr": 0.25}
    messages = tracking_warnings(recwarn)
    assert len(messages) == 1 and "starting a run failed" in messages[0]
    assert current_run().run_id is None


def test_the_users_exception_is_reraised_unchanged(unreachable, recwarn):
    error = ValueError("bad batch")

    @track
    def step():
        raise error

    with pytest.raises(ValueError) as raised:
        step()
    assert raised.value is error
    assert len(tracking_warnings(recwarn)) == 1


def test_coroutines_and_generators_run_untracked(unreachable, recwarn):
    @track(experiment="unreachable")
    async def answer(x):
        await asyncio.sleep(0)
        return x * 2

    @track(experiment="unreachable")
    def count(n):
        yield from range(n)
        return "done"

    assert asyncio.run(answer(21)) == 42
    assert list(count(3)) == [0, 1, 2]
    assert len(tracking_warnings(recwarn)) == 1
