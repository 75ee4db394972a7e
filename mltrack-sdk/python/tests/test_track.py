"""track() against a real MLflow server: forms, params, nesting, kinds of functions, failures,
return values and artifacts, read back with MLflow's own client."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import inspect

import mlflow
import pytest
from conftest import unique
from helpers import experiment_runs, git, history, read_artifact, read_json_artifact
from mltrack import MLFLOW_TAGS, MLTRACK_ARTIFACTS, MLTRACK_METRICS, MLTRACK_TAGS, MltrackWarning, current_run, track

PARENT = MLFLOW_TAGS["parentRunId"]
OUTPUTS = MLTRACK_ARTIFACTS["outputs"]


def test_decorator_logs_params_tags_metrics_and_outputs(client, experiment, tmp_path):
    ids = []

    @track(experiment=experiment, run_name="baseline", tags={"team": "fraud"})
    def train(data_path, lr, epochs=3, *, seed=0):
        run = current_run()
        ids.append(run.run_id)
        for epoch in range(epochs):
            run.log({"loss": 1 / (epoch + 1)}, step=epoch)
        return {"accuracy": 0.75, "report": {"f1": 0.5, "label": "ok"}, "classes": ["a", "b"]}

    assert train("data.csv", 0.1, seed=7) == {
        "accuracy": 0.75,
        "report": {"f1": 0.5, "label": "ok"},
        "classes": ["a", "b"],
    }
    run = client.get_run(ids[0])
    assert run.info.status == "FINISHED" and run.info.end_time >= run.info.start_time
    assert run.info.run_name == "baseline"
    assert client.get_experiment(run.info.experiment_id).name == experiment
    assert run.data.params == {"data_path": "data.csv", "lr": "0.1", "epochs": "3", "seed": "7"}
    tags = run.data.tags
    assert tags["team"] == "fraud"
    assert tags[MLTRACK_TAGS["category"]] == "ml"
    assert tags[MLTRACK_TAGS["function"]].endswith("test_decorator_logs_params_tags_metrics_and_outputs.<locals>.train")
    assert tags[MLTRACK_TAGS["runtime"]].startswith("python 3.")
    assert tags[MLTRACK_TAGS["host"]] and tags[MLTRACK_TAGS["os"]]
    assert tags[MLFLOW_TAGS["sourceType"]] == "LOCAL"
    assert tags[MLFLOW_TAGS["gitCommit"]] == git("rev-parse", "HEAD")
    assert tags[MLFLOW_TAGS["gitBranch"]] == git("rev-parse", "--abbrev-ref", "HEAD")
    assert tags[MLTRACK_TAGS["gitDirty"]] in ("true", "false")
    assert PARENT not in tags
    metrics = run.data.metrics
    assert metrics["accuracy"] == 0.75 and metrics["report.f1"] == 0.5
    assert metrics[MLTRACK_METRICS["durationSeconds"]] >= 0
    assert history(client, run.info.run_id, "loss") == [(0, 1.0), (1, 0.5), (2, pytest.approx(1 / 3))]
    assert read_json_artifact(client, run.info.run_id, OUTPUTS, tmp_path) == {
        "report": {"label": "ok"},
        "classes": ["a", "b"],
    }


def test_wrapper_form_keeps_the_function(client, experiment, tmp_path):
    ids = []

    def evaluate(model_name: str, threshold: float = 0.5) -> float:
        """Scores a model."""
        ids.append(current_run().run_id)
        return 0.8

    tracked = track(evaluate, experiment=experiment)
    assert track(evaluate)(model_name="m0") == 0.8  # default experiment, keyword argument
    ids.clear()
    assert tracked.__name__ == "evaluate" and tracked.__doc__ == "Scores a model."
    assert tracked.__wrapped__ is evaluate
    assert inspect.signature(tracked) == inspect.signature(evaluate)
    assert tracked("m1", threshold=0.7) == 0.8
    run = client.get_run(ids[0])
    assert run.info.status == "FINISHED"
    assert run.data.params == {"model_name": "m1", "threshold": "0.7"}
    assert read_json_artifact(client, ids[0], OUTPUTS, tmp_path) == 0.8


def test_bare_decorator_logs_to_mlflows_active_experiment(client, experiment, monkeypatch):
    monkeypatch.setenv("MLFLOW_EXPERIMENT_NAME", experiment)

    @track
    def step(x):
        return {"y": x * 2}

    assert step(2) == {"y": 4}
    (run,) = experiment_runs(client, experiment)
    assert run.data.metrics["y"] == 4 and run.data.params == {"x": "2"}


def test_params_choose_arguments_and_capture_inputs_turns_them_off(client, experiment):
    ids = []

    @track(experiment=experiment, params=["lr"])
    def some(lr, secret_token):
        ids.append(current_run().run_id)

    @track(experiment=experiment, capture_inputs=False, capture_outputs=False)
    def none(lr):
        ids.append(current_run().run_id)
        return {"score": 1}

    some(0.1, "s3cr3t")
    none(0.2)
    assert client.get_run(ids[0]).data.params == {"lr": "0.1"}
    quiet = client.get_run(ids[1])
    assert quiet.data.params == {} and "score" not in quiet.data.metrics
    assert [f.path for f in client.list_artifacts(ids[1])] == []


def test_a_single_dict_or_dataclass_argument_is_flattened(client, experiment):
    @dataclasses.dataclass
    class Config:
        lr: float
        layers: int

    @track(experiment=experiment)
    def fit(config):
        return current_run().run_id

    @track(experiment=experiment)
    def fit_seeded(config, seed):
        return current_run().run_id

    from_dict = fit({"lr": 0.01, "optimizer": {"name": "adam", "betas": [0.9, 0.99]}})
    from_dataclass = fit(Config(lr=0.2, layers=4))
    with_others = fit_seeded({"lr": 0.3}, seed=1)
    assert client.get_run(from_dict).data.params == {
        "lr": "0.01",
        "optimizer.name": "adam",
        "optimizer.betas": "[0.9, 0.99]",
    }
    assert client.get_run(from_dataclass).data.params == {"lr": "0.2", "layers": "4"}
    assert client.get_run(with_others).data.params == {"config.lr": "0.3", "seed": "1"}


def test_methods_are_tracked_without_self_or_cls(client, experiment):
    class Trainer:
        def __init__(self, scale):
            self.scale = scale

        @track(experiment=experiment)
        def fit(self, lr):
            return {"scaled": lr * self.scale, "run": current_run().run_id}

        @track(experiment=experiment)
        @classmethod
        def default(cls, scale=2):
            return cls(scale), current_run().run_id

    result = Trainer(10).fit(0.5)
    assert result["scaled"] == 5
    assert client.get_run(result["run"]).data.params == {"lr": "0.5"}
    trainer, run_id = Trainer.default()
    assert isinstance(trainer, Trainer) and trainer.scale == 2
    assert client.get_run(run_id).data.params == {"scale": "2"}


def test_nested_calls_are_child_runs_and_mlflow_logs_to_them(client, experiment):
    ids: dict[str, list[str]] = {"outer": [], "inner": []}

    @track(experiment=experiment)
    def inner(i):
        ids["inner"].append(current_run().run_id)
        mlflow.log_metric("via_mlflow", i)  # mlflow's fluent API sees the tracked run
        return {"i": i}

    @track(experiment=experiment)
    def outer():
        ids["outer"].append(current_run().run_id)
        inner(1)
        inner(2)
        assert current_run().run_id == ids["outer"][0]
        return "ok"

    assert outer() == "ok"
    assert mlflow.active_run() is None
    (outer_id,) = ids["outer"]
    for i, run_id in enumerate(ids["inner"], start=1):
        run = client.get_run(run_id)
        assert run.data.tags[PARENT] == outer_id
        assert run.data.metrics["via_mlflow"] == i and run.info.status == "FINISHED"
    assert "via_mlflow" not in client.get_run(outer_id).data.metrics
    assert len(experiment_runs(client, experiment)) == 3


def test_nesting_follows_runs_started_with_mlflow(client, experiment):
    ids = {}

    @track  # no experiment: a nested run goes to its parent's
    def leaf():
        ids["leaf"] = current_run().run_id

    @track(experiment=experiment)
    def outer():
        ids["outer"] = current_run().run_id
        with mlflow.start_run(nested=True) as own:
            ids["own"] = own.info.run_id
            leaf()

    experiment_id = client.create_experiment(unique("pytest-mlflow-parent"))
    with mlflow.start_run(experiment_id=experiment_id) as top:
        leaf()
        top_leaf = ids["leaf"]
        outer()
    assert client.get_run(top_leaf).data.tags[PARENT] == top.info.run_id
    assert client.get_run(top_leaf).info.experiment_id == experiment_id
    assert client.get_run(ids["outer"]).data.tags[PARENT] == top.info.run_id
    assert client.get_run(ids["own"]).data.tags[PARENT] == ids["outer"]
    assert client.get_run(ids["leaf"]).data.tags[PARENT] == ids["own"]


def test_concurrent_coroutines_nest_under_their_own_parent(client, experiment):
    @track(experiment=experiment)
    async def child(i):
        await asyncio.sleep(0.02 * (3 - i))  # finish in reverse order
        current_run().log({"i": i})
        return {"child": i}

    @track(experiment=experiment)
    async def parent():
        results = await asyncio.gather(*(child(i) for i in range(3)))
        return {"children": len(results), "run": current_run().run_id}

    result = asyncio.run(parent())
    assert result["children"] == 3
    children = [r for r in experiment_runs(client, experiment) if r.info.run_id != result["run"]]
    assert len(children) == 3
    for run in children:
        assert run.data.tags[PARENT] == result["run"] and run.info.status == "FINISHED"
        assert run.data.metrics["i"] == float(run.data.params["i"]) == run.data.metrics["child"]


def test_generators_are_runs_and_yield_back_the_callers_context(client, experiment):
    seen = {}

    @track(experiment=experiment)
    def batches(n):
        seen["generator"] = current_run().run_id
        for i in range(n):
            current_run().log({"batch": i}, step=i)
            yield i
        return {"batches": n}

    @track(experiment=experiment)
    def consume():
        seen["outer"] = current_run().run_id
        out = []
        for item in batches(3):
            out.append(item)
            seen.setdefault("between_items", current_run().run_id)
        return out

    assert consume() == [0, 1, 2]
    assert seen["between_items"] == seen["outer"]
    run = client.get_run(seen["generator"])
    assert run.data.tags[PARENT] == seen["outer"] and run.info.status == "FINISHED"
    assert run.data.metrics["batches"] == 3
    assert history(client, seen["generator"], "batch") == [(0, 0.0), (1, 1.0), (2, 2.0)]


def test_a_generator_closed_early_finishes_and_one_that_raises_fails(client, experiment):
    ids = []

    @track(experiment=experiment)
    def numbers():
        ids.append(current_run().run_id)
        yield 1
        yield 2
        raise LookupError("no third")

    early = numbers()
    assert next(early) == 1
    early.close()
    with pytest.raises(LookupError):
        list(numbers())
    assert client.get_run(ids[0]).info.status == "FINISHED"
    assert client.get_run(ids[1]).info.status == "FAILED"


def test_async_generators_are_runs(client, experiment):
    @track(experiment=experiment)
    async def stream(n):
        for i in range(n):
            await asyncio.sleep(0)
            current_run().log({"token": i}, step=i)
            yield i

    async def collect():
        return [i async for i in stream(3)]

    assert asyncio.run(collect()) == [0, 1, 2]
    (run,) = experiment_runs(client, experiment)
    assert run.info.status == "FINISHED" and run.data.params == {"n": "3"}
    assert history(client, run.info.run_id, "token") == [(0, 0.0), (1, 1.0), (2, 2.0)]


def test_a_generator_starts_its_run_at_its_first_step(client, experiment):
    """Never iterated, or closed before its first step: no run (nor even the experiment)."""

    @track(experiment=experiment)
    def numbers():
        yield 1

    @track(experiment=experiment)
    async def stream():
        yield 1

    async def close_unstarted():
        await stream().aclose()

    numbers()
    numbers().close()
    stream()
    asyncio.run(close_unstarted())
    assert client.get_experiment_by_name(experiment) is None
    assert list(numbers()) == [1]
    (run,) = experiment_runs(client, experiment)
    assert run.info.status == "FINISHED"


def test_values_sent_and_exceptions_thrown_in_reach_the_inner_generator(client, experiment):
    ids = []

    @track(experiment=experiment)
    def running_total():
        ids.append(current_run().run_id)
        total = 0
        while True:
            try:
                value = yield total
            except ValueError:
                current_run().log({"refused": 1})
                continue
            if value is None:
                return {"total": total}
            total += value

    gen = running_total()
    assert next(gen) == 0
    assert gen.send(2) == 2
    assert gen.throw(ValueError("not a number")) == 2
    assert gen.send(3) == 5
    with pytest.raises(StopIteration) as stopped:
        gen.send(None)
    assert stopped.value.value == {"total": 5}

    @track(experiment=experiment)
    async def echo():
        ids.append(current_run().run_id)
        received = None
        while True:
            try:
                received = yield received
            except KeyError as err:
                received = f"caught {err.args[0]}"

    async def talk():
        agen = echo()
        heard = [await agen.asend(None), await agen.asend("a"), await agen.athrow(KeyError("k"))]
        with pytest.raises(RuntimeError):
            await agen.athrow(RuntimeError("stop"))
        return heard

    assert asyncio.run(talk()) == [None, "a", "caught k"]
    total, echoed = (client.get_run(run_id) for run_id in ids)
    assert total.info.status == "FINISHED" and total.data.metrics["total"] == 5
    assert total.data.metrics["refused"] == 1
    assert echoed.info.status == "FAILED"
    assert echoed.data.tags[MLTRACK_TAGS["errorMessage"]] == "RuntimeError: stop"


def test_a_failure_marks_the_run_failed_and_reraises_the_same_exception(client, experiment, tmp_path):
    ids = []
    error = ValueError("bad batch 17")

    @track(experiment=experiment)
    def step():
        ids.append(current_run().run_id)
        raise error

    with pytest.raises(ValueError) as raised:
        step()
    assert raised.value is error
    run = client.get_run(ids[0])
    assert run.info.status == "FAILED"
    assert run.data.tags[MLTRACK_TAGS["errorMessage"]] == "ValueError: bad batch 17"
    stack = run.data.tags[MLTRACK_TAGS["errorStack"]]
    assert stack.startswith("Traceback") and "raise error" in stack and stack.endswith("ValueError: bad batch 17\n")
    full = read_artifact(client, ids[0], MLTRACK_ARTIFACTS["error"], tmp_path).decode()
    assert full == stack


def test_a_long_traceback_is_cut_visibly_and_kept_whole_as_an_artifact(client, experiment, tmp_path):
    ids = []
    message = "x" * 10_000

    @track(experiment=experiment)
    def step():
        ids.append(current_run().run_id)
        raise RuntimeError(message)

    with pytest.raises(RuntimeError):
        step()
    tags = client.get_run(ids[0]).data.tags
    assert len(tags[MLTRACK_TAGS["errorMessage"]]) == 8000
    assert tags[MLTRACK_TAGS["errorMessage"]].endswith("... [cut: 10014 characters, the first 7952 kept]")
    stack = tags[MLTRACK_TAGS["errorStack"]]
    assert len(stack) == 8000 and stack.startswith("[cut: the first")
    assert MLTRACK_ARTIFACTS["error"] in stack.splitlines()[0]
    full = read_artifact(client, ids[0], MLTRACK_ARTIFACTS["error"], tmp_path).decode()
    assert full.startswith("Traceback") and f"RuntimeError: {message}" in full and full.endswith(stack[-7000:])


def test_an_interrupt_leaves_a_killed_run(client, experiment):
    ids = []

    @track(experiment=experiment)
    def step():
        ids.append(current_run().run_id)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        step()
    assert client.get_run(ids[0]).info.status == "KILLED"


def test_artifacts_params_and_tags_from_inside(client, experiment, tmp_path):
    source = tmp_path / "source"
    source.mkdir()
    (source / "table.csv").write_text("a,b\n1,2\n")
    ids = []

    @track(experiment=experiment)
    def work():
        run = current_run()
        ids.append(run.run_id)
        run.log_artifact(source / "table.csv")
        run.log_artifact(source / "table.csv", "tables/renamed.csv")
        run.log_artifact(b"\x00\x01\x02", "raw/bytes.bin")
        run.log_text("# Notes\n", "notes/readme.md")
        run.log_json({"when": dt.date(2026, 1, 2), "values": (1, 2)}, "data/info.json")
        run.log_params({"model": {"depth": 3}})
        run.set_tags({"stage": "dev"})

    work()
    run_id = ids[0]
    out = tmp_path / "out"
    out.mkdir()
    assert read_artifact(client, run_id, "table.csv", out) == b"a,b\n1,2\n"
    assert read_artifact(client, run_id, "tables/renamed.csv", out) == b"a,b\n1,2\n"
    assert read_artifact(client, run_id, "raw/bytes.bin", out) == b"\x00\x01\x02"
    assert read_artifact(client, run_id, "notes/readme.md", out) == b"# Notes\n"
    assert read_json_artifact(client, run_id, "data/info.json", out) == {"when": "2026-01-02", "values": [1, 2]}
    run = client.get_run(run_id)
    assert run.data.params == {"model.depth": "3"} and run.data.tags["stage"] == "dev"


@pytest.mark.tracking_failure_expected
def test_refused_logging_warns_once_and_the_function_goes_on(client, experiment, recwarn):
    ids = []

    @track(experiment=experiment)
    def work():
        run = current_run()
        ids.append(run.run_id)
        run.log_params({"lr": 0.1})
        run.log_params({"lr": 0.2})  # MLflow params are immutable: refused
        run.log_text("nope", "../outside.txt")  # not a path inside the run
        run.log({"fine": 1.0})
        return "done"

    assert work() == "done"
    messages = [str(w.message) for w in recwarn if issubclass(w.category, MltrackWarning)]
    assert len(messages) == 1 and "logging params failed" in messages[0]
    run = client.get_run(ids[0])
    assert run.info.status == "FINISHED" and run.data.params == {"lr": "0.1"} and run.data.metrics["fine"] == 1.0
    assert "outside.txt" not in {f.path for f in client.list_artifacts(ids[0])}


def test_current_run_outside_a_tracked_function_logs_nothing():
    run = current_run()
    assert run.run_id is None and not run.active
    assert run.log({"x": 1}) is None and run.log_text("t", "t.txt") is None
