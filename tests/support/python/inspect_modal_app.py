"""Imports MLTrack's generated Modal app with the real `modal` package, offline, and describes it.

Usage: inspect_modal_app.py <app.py> [<model dir> <host> <port>]

Every outbound connection and DNS lookup is refused and recorded before `modal` is imported, so the
output shows whether importing the app needed the network. Prints one JSON line:
  {"modal_version", "app_name", "functions", "web_endpoints", "webhook": {...}, "function": {...},
   "network_attempts": [...], "serve_argv": [...]}
`serve_argv` is the template's own serving command for <model dir> on <host>:<port> (when given).
"""
import importlib.util
import json
import socket
import sys
import warnings

attempts = []


def _refuse(kind):
    def refuse(*args, **kwargs):
        attempts.append({"call": kind, "args": repr(args)[:200]})
        raise OSError(f"network refused by inspect_modal_app.py ({kind})")

    return refuse


socket.socket.connect = _refuse("connect")
socket.socket.connect_ex = _refuse("connect_ex")
socket.create_connection = _refuse("create_connection")
socket.getaddrinfo = _refuse("getaddrinfo")

import modal  # noqa: E402  (after the guards)
from modal._utils.async_utils import synchronizer  # noqa: E402
from modal_proto import api_pb2  # noqa: E402

app_file = sys.argv[1]
spec = importlib.util.spec_from_file_location("mltrack_modal_app", app_file)
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)

app = module.app
# Deprecated in modal 1.7 (MLTrack pins 1.6): when they go, this script and the pin move together.
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    functions = app.registered_functions
    web_endpoints = app.registered_web_endpoints
# The public objects wrap modal's implementation objects, which hold the locally built definition.
fn = synchronizer._translate_in(functions["serve"]) if "serve" in functions else None
webhook = getattr(fn, "_webhook_config", None)
info = getattr(fn, "_function_info", None)

out = {
    "modal_version": modal.__version__,
    "app_name": app.name,
    "is_app": isinstance(app, modal.App),
    "functions": sorted(functions),
    "web_endpoints": sorted(web_endpoints),
    "webhook": None
    if webhook is None
    else {
        "type": api_pb2.WebhookType.Name(webhook.type),
        "web_server_port": webhook.web_server_port,
        "web_server_startup_timeout": webhook.web_server_startup_timeout,
        "requested_suffix": webhook.requested_suffix,
        "requires_proxy_auth": webhook.requires_proxy_auth,
    },
    "function": None
    if info is None
    else {
        "cpu": getattr(info, "cpu", None),
        "memory_mib": getattr(info, "memory_mib", None),
        "gpus": [list(g) for g in (getattr(info, "gpus", None) or [])],
        "timeout": getattr(info, "timeout", None),
    },
    "image_is_image": isinstance(module.image, modal.Image),
    "network_attempts": attempts,
}
if len(sys.argv) >= 5:
    out["serve_argv"] = module.serve_argv(sys.argv[2], sys.argv[3], int(sys.argv[4]))
print(json.dumps(out))
