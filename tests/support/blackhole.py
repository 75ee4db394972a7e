"""A loopback port that never completes a TCP handshake: a listener whose accept queue is full.

Prints the port, then holds it until stdin closes. Stands in for an MLflow host that is down
behind a firewall (packets dropped, not refused), which only a connect timeout can detect.
"""
import socket
import sys

listener = socket.socket()
listener.bind(("127.0.0.1", 0))
listener.listen(0)
port = listener.getsockname()[1]
fillers = []
for _ in range(8):
    filler = socket.socket()
    filler.setblocking(False)
    filler.connect_ex(("127.0.0.1", port))
    fillers.append(filler)
print(port, flush=True)
sys.stdin.read()
