"""track(): a run per call of a function, built on the official MLflow client."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import functools
import inspect
import os
import traceback
from time import perf_counter
from typing import Any, Callable, Iterator, Mapping, Sequence, TypeVar, overload

from . import _values as values
from ._safe import attempt, logger
from .environment import git_tags, process_tags
from .llm import usage_of
from .models import find_estimator, is_sklearn_estimator
from .params import call_params, signature_of
from .run import NO_RUN, Run, _current, now_ms
from .spec import MLFLOW_TAGS, MLTRACK_ARTIFACTS, MLTRACK_METRICS, MLTRACK_TAGS

F = TypeVar("F", bound=Callable[..., Any])

_NO_RESULT = object()


@dataclasses.dataclass(frozen=True)
class TrackOptions:
    experiment: str | None = None
    run_name: str | None = None
    tags: Mapping[str, Any] = dataclasses.field(default_factory=dict)
    params: tuple[str, ...] | None = None
    capture_inputs: bool = True
    capture_outputs: bool = True
    log_model: bool = False
    training_data: str | None = None
    register_as: str | None = None
    model_alias: str | None = None


@overload
def track(fn: F, /, **options: Any) -> F: ...
@overload
def track(fn: None = None, /, **options: Any) -> Callable[[F], F]: ...


def track(
    fn: Callable[..., Any] | None = None,
    /,
    *,
    experiment: str | None = None,
    run_name: str | None = None,
    tags: Mapping[str, Any] | None = None,
    params: Sequence[str] | None = None,
    capture_inputs: bool = True,
    capture_outputs: bool = True,
    log_model: bool = False,
    training_data: str | None = None,
    register_as: str | None = None,
    model_alias: str | None = None,
) -> Any:
    """Runs each call of `fn` as an MLflow run. Use as `@track`, `@track(...)` or `track(fn, ...)`.

    - `experiment`: experiment name, created if missing. Default: the parent run's experiment for a
      nested call, else MLflow's active experiment (`mlflow.set_experiment`, `MLFLOW_EXPERIMENT_NAME`).
    - `run_name`, `tags`: the run's name (MLflow makes one up when None) and extra tags.
    - `params`: names of the arguments logged as params (default: all of them, with defaults).
      `capture_inputs=False` logs none; `capture_outputs=False` keeps the return value out.
    - `log_model=True`: a returned scikit-learn estimator (or one in a returned dict or tuple) is
      logged with `mlflow.sklearn.log_model`; `training_data` names the argument holding the
      training data, whose first rows become the input example and give the signature;
      `register_as` registers the model as a new version of that registered model (it implies
      `log_model`) and `model_alias` points an alias at the version.

    Sync functions, generators, `async def` coroutines and async generators keep their kind,
    signature and name. A tracked call inside another is a nested run; so is one inside
    `mlflow.start_run()`. Tracking never raises into the caller; the function's own exceptions
    propagate unchanged after the run is marked FAILED.
    """
    if training_data is not None and not isinstance(training_data, str):
        raise TypeError("training_data is the name of the argument holding the training data")
    if model_alias is not None and register_as is None:
        raise TypeError("model_alias needs register_as: an alias points at a registered model version")
    options = TrackOptions(
        experiment=experiment,
        run_name=run_name,
        tags=dict(tags or {}),
        params=tuple(params) if params is not None else None,
        capture_inputs=capture_inputs,
        capture_outputs=capture_outputs,
        log_model=log_model or register_as is not None,
        training_data=training_data,
        register_as=register_as,
        model_alias=model_alias,
    )
    if fn is None:
        return lambda f: _wrap(f, options)
    return _wrap(fn, options)


def _wrap(fn: Any, options: TrackOptions) -> Any:
    if isinstance(fn, (staticmethod, classmethod)):
        return type(fn)(_wrap(fn.__func__, options))
    if not callable(fn):
        raise TypeError(f"track() needs a function, got {type(fn).__name__}")
    signature = signature_of(fn)

    def call(args: tuple[Any, ...], kwargs: dict[str, Any]) -> _TrackedCall:
        return _TrackedCall(fn, signature, options, args, kwargs)

    if inspect.isasyncgenfunction(fn):

        async def async_gen_wrapper(*args: Any, **kwargs: Any) -> Any:
            tracked = call(args, kwargs)
            await _off_loop(tracked.start)
            relay = _Relay(tracked.run)
            try:
                inner = fn(*args, **kwargs)
                while True:
                    try:
                        with relay.current_run():
                            item = await relay.step(inner.asend, inner.athrow)
                    except StopAsyncIteration:
                        break
                    try:
                        relay.sent((yield item))
                    except GeneratorExit:
                        await inner.aclose()
                        await _off_loop(tracked.end)
                        raise
                    except BaseException as thrown:
                        relay.thrown(thrown)
            except GeneratorExit:
                raise
            except BaseException as err:
                await _off_loop(tracked.end, error=err)
                raise
            await _off_loop(tracked.end)

        return functools.wraps(fn)(async_gen_wrapper)

    if inspect.iscoroutinefunction(fn):

        async def async_wrapper(*args: Any, **kwargs: Any) -> Any:
            tracked = call(args, kwargs)
            await _off_loop(tracked.start)
            token = _current.set(tracked.run)
            try:
                result = await fn(*args, **kwargs)
            except BaseException as err:
                await _off_loop(tracked.end, error=err)
                raise
            finally:
                _current.reset(token)
            await _off_loop(tracked.end, result=result)
            return result

        return functools.wraps(fn)(async_wrapper)

    if inspect.isgeneratorfunction(fn):

        def gen_wrapper(*args: Any, **kwargs: Any) -> Any:
            tracked = call(args, kwargs)
            tracked.start()
            relay = _Relay(tracked.run)
            try:
                inner = fn(*args, **kwargs)
                while True:
                    try:
                        with relay.current_run():
                            item = relay.step(inner.send, inner.throw)
                    except StopIteration as stop:
                        result = stop.value
                        break
                    try:
                        relay.sent((yield item))
                    except GeneratorExit:
                        inner.close()
                        tracked.end()
                        raise
                    except BaseException as thrown:
                        relay.thrown(thrown)
            except GeneratorExit:
                raise
            except BaseException as err:
                tracked.end(error=err)
                raise
            tracked.end(result=result)
            return result

        return functools.wraps(fn)(gen_wrapper)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        tracked = call(args, kwargs)
        tracked.start()
        token = _current.set(tracked.run)
        tracked.push_to_mlflow()
        try:
            result = fn(*args, **kwargs)
        except BaseException as err:
            tracked.end(error=err)
            raise
        finally:
            _current.reset(token)
        tracked.end(result=result)
        return result

    return functools.wraps(fn)(wrapper)


class _Relay:
    """What a tracked generator's wrapper hands between its consumer and the inner generator, the
    same for sync and async generators: the value sent or the exception thrown in by the consumer
    goes to the inner generator at its next step, which runs with the call's run as current run.
    The two wrappers keep only what one awaits and the other calls (the steps, closing the inner
    generator and ending the run): a body that yields cannot be shared between the two kinds."""

    def __init__(self, run: Run):
        self._run = run
        self._to_send: Any = None
        self._to_throw: BaseException | None = None

    @contextlib.contextmanager
    def current_run(self) -> Iterator[None]:
        token = _current.set(self._run)
        try:
            yield
        finally:
            _current.reset(token)

    def step(self, send: Callable[[Any], Any], throw: Callable[[BaseException], Any]) -> Any:
        """`send(value)`, or `throw(exception)` when the consumer threw one in last; for an async
        generator (`asend`, `athrow`) the awaitable, which the wrapper awaits inside `current_run()`."""
        if self._to_throw is None:
            return send(self._to_send)
        error, self._to_throw = self._to_throw, None
        return throw(error)

    def sent(self, value: Any) -> None:
        self._to_send = value

    def thrown(self, error: BaseException) -> None:
        self._to_send, self._to_throw = None, error


async def _off_loop(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Runs a blocking MLflow exchange in a worker thread (with this context), so a slow or absent
    server does not stall the event loop; in this thread when no worker can be had."""
    try:
        return await asyncio.to_thread(fn, *args, **kwargs)
    except RuntimeError:  # the loop's executor is shut down
        return fn(*args, **kwargs)


def _mlflow_active_run() -> Any:
    """The run on top of mlflow's own active-run stack (thread-local), if any."""
    try:
        import mlflow

        return mlflow.active_run()
    except Exception:
        return None


def _parent() -> tuple[str, str] | None:
    """(run id, experiment id) of the run a new tracked call nests under: the innermost tracked
    run of this context, unless a run was put on mlflow's stack after it started."""
    ours = _current.get()
    top = _mlflow_active_run()
    top_id = top.info.run_id if top is not None else None
    if ours is not None and ours.active:
        if top_id is None or top_id in (ours.run_id, ours.mlflow_run_before):
            return ours.run_id, ours.experiment_id  # type: ignore[return-value]
    if top is not None:
        return top.info.run_id, top.info.experiment_id
    return None


def _status_for(error: BaseException) -> str:
    if isinstance(error, (KeyboardInterrupt, asyncio.CancelledError)):
        return "KILLED"
    if isinstance(error, GeneratorExit) or (isinstance(error, SystemExit) and error.code in (None, 0)):
        return "FINISHED"
    return "FAILED"


def _function_name(fn: Callable[..., Any]) -> str:
    name = getattr(fn, "__qualname__", None) or type(fn).__qualname__
    module = getattr(fn, "__module__", None)
    return f"{module}.{name}" if module else name


def _source_dir(fn: Callable[..., Any]) -> str:
    try:
        source = inspect.getsourcefile(inspect.unwrap(fn))
    except TypeError:
        source = None
    return os.path.dirname(os.path.abspath(source)) if source else os.getcwd()


class _TrackedCall:
    """One call of a tracked function: its run from start to end. No method raises."""

    def __init__(
        self,
        fn: Callable[..., Any],
        signature: inspect.Signature | None,
        options: TrackOptions,
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
    ):
        self.fn, self.signature, self.options = fn, signature, options
        self.args, self.kwargs = args, kwargs
        # Read here, in the caller's thread: mlflow's active-run stack is thread-local.
        self.parent = attempt("finding the parent run", _parent)
        top = _mlflow_active_run()
        self.mlflow_run_before = top.info.run_id if top is not None else None
        self.run: Run = NO_RUN
        self.started = perf_counter()
        self.pushed = False
        self.ended = False

    def start(self) -> None:
        self.run = attempt("starting a run", self._create_run) or NO_RUN
        self.started = perf_counter()

    def _create_run(self) -> Run:
        from mlflow import MlflowClient

        client = MlflowClient()
        options = self.options
        if options.experiment:
            experiment_id = _experiment_id(client, options.experiment)
        elif self.parent is not None:
            experiment_id = self.parent[1]
        else:
            experiment_id = _default_experiment_id()
        tags = {
            **process_tags(),
            **git_tags(_source_dir(self.fn)),
            MLTRACK_TAGS["function"]: _function_name(self.fn),
            MLTRACK_TAGS["category"]: "ml",
        }
        if self.parent is not None:
            tags[MLFLOW_TAGS["parentRunId"]] = self.parent[0]
        tags.update({values.clean_key(k): values.tag_value(v) for k, v in options.tags.items()})
        created = client.create_run(experiment_id, start_time=now_ms(), tags=tags, run_name=options.run_name)
        run = Run(client, created.info.run_id, experiment_id)
        run.mlflow_run_before = self.mlflow_run_before
        if options.capture_inputs and self.signature is not None:
            params = attempt(
                "reading the arguments", call_params, self.signature, self.args, self.kwargs, options.params
            )
            if params:
                run.log_params(params)
        return run

    def push_to_mlflow(self) -> None:
        """Puts the run on mlflow's active-run stack for the call, so `mlflow.log_*` and
        `mlflow.start_run(nested=True)` inside a sync function use it."""
        if not self.run.active:
            return
        try:
            import mlflow

            mlflow.start_run(run_id=self.run.run_id, nested=True)
            self.pushed = True
        except Exception as err:  # e.g. mlflow.set_experiment() chose another experiment
            logger.debug("mltrack: run %s not put on mlflow's active-run stack: %s", self.run.run_id, err)

    def end(self, result: Any = _NO_RESULT, error: BaseException | None = None) -> None:
        if self.ended:
            return
        self.ended = True
        duration = perf_counter() - self.started
        run = self.run
        if not run.active:
            return
        status = "FINISHED"
        if error is not None:
            status = _status_for(error)
            if status != "FINISHED":
                attempt("recording the error", self._record_error, run, error)
        elif result is not _NO_RESULT:
            attempt("logging the return value", self._record_result, run, result)
            if self.options.log_model:
                attempt("logging the model", self._log_model, run, result)
        run.log({MLTRACK_METRICS["durationSeconds"]: duration})
        attempt("ending the run", self._terminate, run, status)

    def _record_error(self, run: Run, error: BaseException) -> None:
        stack = "".join(traceback.format_exception(type(error), error, error.__traceback__))
        message = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
        artifact = MLTRACK_ARTIFACTS["error"]
        run.set_tags(
            {
                MLTRACK_TAGS["errorMessage"]: values.truncate(message, values.MAX_TAG_VALUE_LENGTH),
                MLTRACK_TAGS["errorStack"]: values.truncate_head(
                    stack, values.MAX_TAG_VALUE_LENGTH, f"the artifact {artifact}"
                ),
            }
        )
        run.log_text(stack, artifact)

    def _record_result(self, run: Run, result: Any) -> None:
        usage = usage_of(result)
        if usage is not None:
            run._log_llm_usage(usage)
        if not self.options.capture_outputs or result is None:
            return
        outputs = MLTRACK_ARTIFACTS["outputs"]
        mapping = values.as_mapping(result)
        if usage is not None:
            run.log_json(mapping if mapping is not None else result, outputs)
        elif mapping is not None:
            kept = {k: v for k, v in mapping.items() if not (self.options.log_model and is_sklearn_estimator(v))}
            metrics, rest = values.split_numeric(kept)
            if metrics:
                run.log(metrics)
            if rest:
                run.log_json(rest, outputs)
        elif isinstance(result, (str, int, float, bool, list, tuple)):
            if isinstance(result, tuple) and self.options.log_model:
                result = [item for item in result if not is_sklearn_estimator(item)]
            run.log_json(result, outputs)

    def _log_model(self, run: Run, result: Any) -> None:
        model = find_estimator(result)
        if model is None:
            raise TypeError(f"log_model=True, but {type(result).__name__} is not a scikit-learn estimator")
        training_data = None
        if self.options.training_data is not None and self.signature is not None:
            bound = self.signature.bind(*self.args, **self.kwargs)
            if self.options.training_data not in bound.arguments:
                raise TypeError(f"training_data={self.options.training_data!r} is not an argument of this call")
            training_data = bound.arguments[self.options.training_data]
        run.log_model(
            model,
            training_data=training_data,
            register_as=self.options.register_as,
            alias=self.options.model_alias,
        )

    def _terminate(self, run: Run, status: str) -> None:
        if self.pushed:
            import mlflow

            top = mlflow.active_run()
            if top is not None and top.info.run_id == run.run_id:
                # mlflow.end_run pops the run off mlflow's stack, and clears MLFLOW_RUN_ID on the way.
                saved = os.environ.get("MLFLOW_RUN_ID")
                try:
                    mlflow.end_run(status)
                finally:
                    if saved is not None:
                        os.environ["MLFLOW_RUN_ID"] = saved
                return
        run._client.set_terminated(run.run_id, status, end_time=now_ms())


def _experiment_id(client: Any, name: str) -> str:
    from mlflow.exceptions import MlflowException

    experiment = client.get_experiment_by_name(name)
    if experiment is not None:
        return experiment.experiment_id
    try:
        return client.create_experiment(name)
    except MlflowException as err:
        if err.error_code != "RESOURCE_ALREADY_EXISTS":  # another process created it meanwhile
            raise
        return client.get_experiment_by_name(name).experiment_id


def _default_experiment_id() -> str:
    # MLflow's own choice: mlflow.set_experiment(), MLFLOW_EXPERIMENT_NAME/ID, else Default ("0").
    from mlflow.tracking.fluent import _get_experiment_id

    return _get_experiment_id() or "0"
