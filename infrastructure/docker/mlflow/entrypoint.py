"""Starts MLflow for a team: PostgreSQL backend store, S3 (or MinIO) artifacts, the basic-auth app.

The MLflow image's entrypoint (infrastructure/docker/mlflow/Dockerfile), used by docker-compose.yml
and by the AWS stack (infrastructure/lib). Everything comes from the environment:

  MLFLOW_DB_HOST, MLFLOW_DB_PORT (5432), MLFLOW_DB_NAME, MLFLOW_DB_USER, MLFLOW_DB_PASSWORD,
  MLFLOW_DB_SSLMODE (prefer; RDS: require)
      the PostgreSQL database of runs and models; MLflow's users and grants go to a second database,
      MLFLOW_AUTH_DB_NAME (default <MLFLOW_DB_NAME>_auth), created here when missing
  MLFLOW_ARTIFACTS_DESTINATION   e.g. s3://mlflow/artifacts (MLflow proxies artifact traffic)
  MLFLOW_ADMIN_USERNAME (admin), MLFLOW_ADMIN_PASSWORD
      the admin created on first start (MLTrack signs in to MLflow as this user)
  MLFLOW_FLASK_SERVER_SECRET_KEY the auth app's CSRF key
  MLFLOW_ALLOWED_HOSTS           Host headers MLflow answers (its DNS-rebinding guard)
  MLFLOW_DEFAULT_PERMISSION (READ), MLFLOW_HOST (0.0.0.0), MLFLOW_PORT (5000), MLFLOW_WORKERS (2)
  MLFLOW_CREATE_BUCKET           "true": create the artifact bucket when missing (MinIO in compose)
  MLFLOW_S3_ENDPOINT_URL, AWS_*  read by MLflow's and boto3's own S3 client

Values reach MLflow as argument-list entries and as an ini file written here, never through a shell.
Run `entrypoint.py --print-config` to check the settings without starting anything.
"""

from __future__ import annotations

import os
import sys
import tempfile
from urllib.parse import quote, urlparse

REQUIRED = (
    "MLFLOW_DB_HOST",
    "MLFLOW_DB_NAME",
    "MLFLOW_DB_USER",
    "MLFLOW_DB_PASSWORD",
    "MLFLOW_ARTIFACTS_DESTINATION",
    "MLFLOW_ADMIN_PASSWORD",
    "MLFLOW_FLASK_SERVER_SECRET_KEY",
    "MLFLOW_ALLOWED_HOSTS",
)
PERMISSIONS = ("READ", "USE", "EDIT", "MANAGE", "NO_PERMISSIONS")
SSL_MODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")


class ConfigError(Exception):
    pass


def read_config(env: dict[str, str]) -> dict[str, str]:
    """The settings, checked: every problem is named at once."""
    problems = [f"{name} is not set" for name in REQUIRED if not env.get(name, "").strip()]
    config = {name: env.get(name, "").strip() for name in REQUIRED}
    config["MLFLOW_DB_PORT"] = env.get("MLFLOW_DB_PORT", "").strip() or "5432"
    config["MLFLOW_AUTH_DB_NAME"] = env.get("MLFLOW_AUTH_DB_NAME", "").strip() or f"{config['MLFLOW_DB_NAME']}_auth"
    config["MLFLOW_ADMIN_USERNAME"] = env.get("MLFLOW_ADMIN_USERNAME", "").strip() or "admin"
    config["MLFLOW_DEFAULT_PERMISSION"] = env.get("MLFLOW_DEFAULT_PERMISSION", "").strip() or "READ"
    config["MLFLOW_DB_SSLMODE"] = env.get("MLFLOW_DB_SSLMODE", "").strip() or "prefer"
    config["MLFLOW_HOST"] = env.get("MLFLOW_HOST", "").strip() or "0.0.0.0"
    config["MLFLOW_PORT"] = env.get("MLFLOW_PORT", "").strip() or "5000"
    config["MLFLOW_WORKERS"] = env.get("MLFLOW_WORKERS", "").strip() or "2"
    config["MLFLOW_CREATE_BUCKET"] = env.get("MLFLOW_CREATE_BUCKET", "").strip().lower() or "false"

    for name in ("MLFLOW_DB_PORT", "MLFLOW_PORT", "MLFLOW_WORKERS"):
        if not config[name].isdigit() or not 0 < int(config[name]) < 65536:
            problems.append(f"{name} must be a number (got {config[name]!r})")
    if config["MLFLOW_DB_SSLMODE"] not in SSL_MODES:
        problems.append(f"MLFLOW_DB_SSLMODE must be one of {', '.join(SSL_MODES)}")
    if config["MLFLOW_DEFAULT_PERMISSION"] not in PERMISSIONS:
        problems.append(f"MLFLOW_DEFAULT_PERMISSION must be one of {', '.join(PERMISSIONS)}")
    if config["MLFLOW_CREATE_BUCKET"] not in ("true", "false"):
        problems.append("MLFLOW_CREATE_BUCKET must be true or false")
    password = config["MLFLOW_ADMIN_PASSWORD"]
    if password and (len(password) < 12 or password == "password1234"):
        problems.append("MLFLOW_ADMIN_PASSWORD must have at least 12 characters (MLflow refuses shorter ones)")
    destination = config["MLFLOW_ARTIFACTS_DESTINATION"]
    if destination and urlparse(destination).scheme not in ("s3", "file", "gs", "wasbs"):
        problems.append("MLFLOW_ARTIFACTS_DESTINATION must be a URI such as s3://bucket/artifacts")
    for name, value in config.items():
        if "\n" in value or "\r" in value:
            problems.append(f"{name} must be on one line")
    if problems:
        raise ConfigError("MLflow cannot start:\n  - " + "\n  - ".join(problems))
    return config


def database_uri(config: dict[str, str], database: str) -> str:
    user = quote(config["MLFLOW_DB_USER"], safe="")
    password = quote(config["MLFLOW_DB_PASSWORD"], safe="")
    host = config["MLFLOW_DB_HOST"]
    # SQLAlchemy 2.1 defaults to psycopg 3; the image carries psycopg2 (scripts/requirements).
    return f"postgresql+psycopg2://{user}:{password}@{host}:{config['MLFLOW_DB_PORT']}/{quote(database, safe='')}?sslmode={config['MLFLOW_DB_SSLMODE']}"


def ensure_auth_database(config: dict[str, str]) -> None:
    """MLflow's auth app keeps its own migrations, so its tables live in a database of their own."""
    import psycopg2
    from psycopg2 import sql

    connection = psycopg2.connect(
        host=config["MLFLOW_DB_HOST"],
        port=int(config["MLFLOW_DB_PORT"]),
        dbname=config["MLFLOW_DB_NAME"],
        user=config["MLFLOW_DB_USER"],
        password=config["MLFLOW_DB_PASSWORD"],
        sslmode=config["MLFLOW_DB_SSLMODE"],
        connect_timeout=10,
    )
    try:
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", (config["MLFLOW_AUTH_DB_NAME"],))
            if cursor.fetchone() is None:
                cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(config["MLFLOW_AUTH_DB_NAME"])))
                print(f"Created database {config['MLFLOW_AUTH_DB_NAME']} for MLflow's users and grants.", flush=True)
    finally:
        connection.close()


def ensure_bucket(config: dict[str, str]) -> None:
    import boto3
    from botocore.exceptions import ClientError

    bucket = urlparse(config["MLFLOW_ARTIFACTS_DESTINATION"]).netloc
    s3 = boto3.client("s3", endpoint_url=os.environ.get("MLFLOW_S3_ENDPOINT_URL") or None)
    try:
        s3.head_bucket(Bucket=bucket)
    except ClientError as err:
        if err.response.get("Error", {}).get("Code") not in ("404", "NoSuchBucket"):
            raise
        s3.create_bucket(Bucket=bucket)
        print(f"Created bucket {bucket}.", flush=True)


def write_auth_config(config: dict[str, str], folder: str) -> str:
    values = {
        "default_permission": config["MLFLOW_DEFAULT_PERMISSION"],
        "database_uri": database_uri(config, config["MLFLOW_AUTH_DB_NAME"]),
        "admin_username": config["MLFLOW_ADMIN_USERNAME"],
        "admin_password": config["MLFLOW_ADMIN_PASSWORD"],
        "authorization_function": "mlflow.server.auth:authenticate_request_basic_auth",
    }
    # configparser expands `%`: the escaped password and URI must reach MLflow unchanged.
    text = "[mlflow]\n" + "".join(f"{key} = {value.replace('%', '%%')}\n" for key, value in values.items())
    fd, path = tempfile.mkstemp(prefix="basic_auth-", suffix=".ini", dir=folder)
    with os.fdopen(fd, "w", encoding="utf-8") as file:
        file.write(text)
    return path


def server_args(config: dict[str, str]) -> list[str]:
    return [
        "server",
        "--backend-store-uri",
        database_uri(config, config["MLFLOW_DB_NAME"]),
        "--artifacts-destination",
        config["MLFLOW_ARTIFACTS_DESTINATION"],
        "--serve-artifacts",
        "--app-name",
        "basic-auth",
        "--host",
        config["MLFLOW_HOST"],
        "--port",
        config["MLFLOW_PORT"],
        "--workers",
        config["MLFLOW_WORKERS"],
        "--allowed-hosts",
        config["MLFLOW_ALLOWED_HOSTS"],
    ]


def main(argv: list[str]) -> int:
    try:
        config = read_config(dict(os.environ))
    except ConfigError as err:
        print(err, file=sys.stderr)
        return 2
    if "--print-config" in argv:
        hidden = ("MLFLOW_DB_PASSWORD", "MLFLOW_ADMIN_PASSWORD", "MLFLOW_FLASK_SERVER_SECRET_KEY")
        for name, value in sorted(config.items()):
            print(f"{name}={'(set)' if name in hidden else value}")
        return 0
    ensure_auth_database(config)
    if config["MLFLOW_CREATE_BUCKET"] == "true":
        ensure_bucket(config)
    mlflow = os.path.join(os.path.dirname(sys.executable), "mlflow")
    env = dict(os.environ)
    env["MLFLOW_AUTH_CONFIG_PATH"] = write_auth_config(config, tempfile.gettempdir())
    # MLflow's GenAI job runners (huey) are not used by MLTrack and cost a minute of CPU per start.
    env.setdefault("MLFLOW_SERVER_ENABLE_JOB_EXECUTION", "false")
    env.setdefault("MLFLOW_DISABLE_TELEMETRY", "true")
    # The admin comes from the ini file; these would override it.
    env.pop("MLFLOW_AUTH_ADMIN_USERNAME", None)
    env.pop("MLFLOW_AUTH_ADMIN_PASSWORD", None)
    os.execve(mlflow, [mlflow, *server_args(config)], env)
    return 1  # not reached


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
