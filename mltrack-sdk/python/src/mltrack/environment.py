"""Where a run comes from: git commit, branch, remote and dirty flag, user, host, OS, Python."""

from __future__ import annotations

import functools
import getpass
import os
import platform
import socket
import subprocess
import sys
from urllib.parse import urlsplit, urlunsplit

from .spec import MLFLOW_TAGS, MLTRACK_TAGS

GIT_TIMEOUT_SECONDS = 5


def _git(directory: str, *args: str) -> str | None:
    """One git command's trimmed output, or None (no git, not a repository, timeout, error)."""
    try:
        done = subprocess.run(
            ["git", *args],
            cwd=directory,
            capture_output=True,
            text=True,
            timeout=GIT_TIMEOUT_SECONDS,
            check=False,
            # `git status` may refresh the index; it must not take the repository's lock for that.
            env={**os.environ, "GIT_OPTIONAL_LOCKS": "0", "GIT_TERMINAL_PROMPT": "0"},
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def redact_remote(url: str) -> str:
    """A remote URL without credentials (`https://user:token@host/repo` keeps `https://host/repo`)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if not parts.scheme or "@" not in parts.netloc:
        return url  # scp-like `git@host:org/repo.git` names a user, never a secret
    host = parts.netloc.rsplit("@", 1)[1]
    return urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))


@functools.lru_cache(maxsize=32)
def git_tags(directory: str) -> dict[str, str]:
    """MLflow's git tags and MLTrack's dirty flag for the repository holding `directory`, or {}."""
    commit = _git(directory, "rev-parse", "HEAD")
    if not commit:
        return {}
    tags = {MLFLOW_TAGS["gitCommit"]: commit}
    branch = _git(directory, "rev-parse", "--abbrev-ref", "HEAD")
    if branch and branch != "HEAD":  # HEAD: detached, no branch
        tags[MLFLOW_TAGS["gitBranch"]] = branch
    remote = _git(directory, "remote", "get-url", "origin")
    if remote:
        tags[MLFLOW_TAGS["gitRepoUrl"]] = redact_remote(remote)
    status = _git(directory, "status", "--porcelain", "--untracked-files=no")
    if status is not None:
        tags[MLTRACK_TAGS["gitDirty"]] = "true" if status else "false"
    return tags


def _source_type() -> str:
    return "NOTEBOOK" if "ipykernel" in sys.modules else "LOCAL"


@functools.lru_cache(maxsize=1)
def process_tags() -> dict[str, str]:
    """Tags that are the same for every run of this process."""
    tags = {
        MLFLOW_TAGS["sourceType"]: _source_type(),
        MLTRACK_TAGS["host"]: socket.gethostname(),
        MLTRACK_TAGS["os"]: platform.platform(),
        MLTRACK_TAGS["runtime"]: f"python {platform.python_version()}",
    }
    if sys.argv and sys.argv[0]:
        source = sys.argv[0]
        tags[MLFLOW_TAGS["sourceName"]] = os.path.abspath(source) if os.path.isfile(source) else source
    try:
        tags[MLFLOW_TAGS["user"]] = getpass.getuser()
    except Exception:  # no USER/LOGNAME and no passwd entry (some containers)
        pass
    return tags
