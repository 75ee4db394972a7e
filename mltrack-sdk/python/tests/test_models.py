"""log_model and register_as with a real scikit-learn model, read back from MLflow's registry."""

import numpy as np
import pandas as pd
import pytest
from conftest import unique
from mltrack import MltrackWarning, current_run, track
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression


@pytest.fixture
def data():
    features, labels = make_classification(n_samples=200, n_features=4, random_state=0)
    return pd.DataFrame(features, columns=["f0", "f1", "f2", "f3"]), labels


@pytest.fixture(autouse=True)
def allow_loading_models(monkeypatch):
    # MLflow 3.18 refuses to unpickle models unless told the source is trusted: here, this test.
    monkeypatch.setenv("MLFLOW_ALLOW_MODEL_CODE_EXECUTION", "true")


def test_a_returned_model_is_logged_registered_and_aliased(client, experiment, data):
    import mlflow

    name = unique("churn")
    ids = []

    @track(experiment=experiment, log_model=True, training_data="X", register_as=name, model_alias="champion")
    def fit(X, y, C=1.0):
        ids.append(current_run().run_id)
        model = LogisticRegression(C=C).fit(X, y)
        return {"model": model, "train_accuracy": model.score(X, y)}

    X, y = data
    result = fit(X, y, C=0.5)
    run = client.get_run(ids[0])
    assert run.info.status == "FINISHED"
    assert run.data.params == {"C": "0.5"}  # the data frame and array are not params
    assert run.data.metrics["train_accuracy"] == pytest.approx(result["train_accuracy"])

    (version,) = client.search_model_versions(f"name = '{name}'")
    assert version.run_id == ids[0] and version.status == "READY"
    assert client.get_model_version_by_alias(name, "champion").version == version.version

    uri = f"models:/{name}@champion"
    loaded = mlflow.sklearn.load_model(uri)
    assert np.array_equal(loaded.predict(X), result["model"].predict(X))
    info = mlflow.models.get_model_info(uri)
    assert [spec.name for spec in info.signature.inputs.inputs] == ["f0", "f1", "f2", "f3"]
    assert info.signature.outputs is not None
    assert info.saved_input_example_info is not None


def test_log_model_from_inside_without_registering(client, experiment, data):
    import mlflow

    X, y = data

    @track(experiment=experiment)
    def fit():
        model = LogisticRegression().fit(X, y)
        info = current_run().log_model(model, training_data=X.to_numpy(), name="clf")
        return {"run": current_run().run_id, "model_uri": info.model_uri}

    result = fit()
    model = mlflow.sklearn.load_model(result["model_uri"])
    assert model.predict(X.to_numpy()[:3]).shape == (3,)
    logged = mlflow.search_logged_models(
        experiment_ids=[client.get_run(result["run"]).info.experiment_id], output_format="list"
    )
    assert [m.source_run_id for m in logged] == [result["run"]]


@pytest.mark.tracking_failure_expected
def test_log_model_without_an_estimator_warns_and_returns(client, experiment, recwarn):
    @track(experiment=experiment, log_model=True)
    def not_a_model():
        return {"accuracy": 0.5}

    assert not_a_model() == {"accuracy": 0.5}
    messages = [str(w.message) for w in recwarn if issubclass(w.category, MltrackWarning)]
    assert len(messages) == 1 and "not a scikit-learn estimator" in messages[0]
