#!/usr/bin/env python3
"""Propagation benchmark for the live feed (issue #18).

Five regional nodes and a mirror, each its own `sopro-node serve` process with default
settings (syncInterval 10 s), on 127.0.0.1. An editor publishes an entry at region A over
HTTP (POST /v1/publish); the time until GET /v1/entries/enterprise/<id> answers 200 at the
mirror is one sample. Two topologies:

  chain  A -> B -> C -> mirror (D and E peer with A only)
  mesh   every region peers with every other; the mirror pulls from all five

Then idle cost: the bytes one peer link carries in both directions during a quiet minute,
counted by a TCP relay placed between B and A (B's peer entry for A points at the relay).

Run from the repository root after a release build:

    swift build -c release --product sopro-node && python3 Benchmarks/propagation.py

Every loop is bounded: 50 publishes per topology, each waits at most 30 s; processes are ended
by their PIDs. Uses only the Python standard library.
"""
import json, os, re, shutil, socket, statistics, subprocess, sys, tempfile, threading, time, urllib.request, uuid

BINARY = os.path.abspath(os.environ.get("SOPRO_BINARY", ".build/release/sopro-node"))
RUNS = next((int(a) for a in sys.argv[1:] if a.isdigit()), 50)
REGIONS = ["AT11", "AT12", "AT13", "AT22", "HU22"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(*args, cwd):
    return subprocess.run([BINARY, *args], cwd=cwd, capture_output=True, text=True, check=True).stdout


class Relay(threading.Thread):
    """Forwards 127.0.0.1:port to target, counting bytes both ways."""

    def __init__(self, target_port):
        super().__init__(daemon=True)
        self.target = target_port
        self.server = socket.socket()
        self.server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(64)
        self.port = self.server.getsockname()[1]
        self.bytes = 0
        self.lock = threading.Lock()

    def pipe(self, a, b):
        try:
            while True:
                data = a.recv(65536)
                if not data:
                    break
                with self.lock:
                    self.bytes += len(data)
                b.sendall(data)
        except OSError:
            pass
        finally:
            for s in (a, b):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def run(self):
        while True:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.target))
            threading.Thread(target=self.pipe, args=(client, upstream), daemon=True).start()
            threading.Thread(target=self.pipe, args=(upstream, client), daemon=True).start()


def federation(folder, topology, relay_a_for_b=False):
    """Creates and starts the six nodes; returns (processes, ports, token of A, relay)."""
    ports = {name: free_port() for name in REGIONS + ["mirror"]}
    tokens, authors = {}, {}
    for region in REGIONS:
        out = run("init", "--name", region, "--region", region, "--port", str(ports[region]),
                  "--data-dir", region, cwd=folder)
        tokens[region] = re.search(r"^\s+(sopro_[0-9a-f]+)$", out, re.M).group(1)
        authors[region] = re.search(r"^\s+([0-9a-f]{64})$", out, re.M).group(1)
    run("init", "--name", "mirror", "--mirror", "--port", str(ports["mirror"]), "--data-dir", "mirror", cwd=folder)
    for node in REGIONS + ["mirror"]:
        for region in REGIONS:
            if region != node:
                run("trust", "add", authors[region], "--region", region, "--name", region, "--data-dir", node, cwd=folder)
    if topology == "chain":
        links = {"AT11": ["AT12", "AT22", "HU22"], "AT12": ["AT11", "AT13"], "AT13": ["AT12"],
                 "AT22": ["AT11"], "HU22": ["AT11"], "mirror": ["AT13"]}
    else:
        links = {r: [o for o in REGIONS if o != r] for r in REGIONS}
        links["mirror"] = list(REGIONS)
    relay = None
    if relay_a_for_b:
        relay = Relay(ports["AT11"])
        relay.start()
    for node, peers in links.items():
        for peer in peers:
            port = relay.port if (relay and node == "AT12" and peer == "AT11") else ports[peer]
            run("peers", "add", peer, f"http://127.0.0.1:{port}", "--author", authors[peer], "--data-dir", node,
                cwd=folder)
    processes = []
    for node in REGIONS + ["mirror"]:
        args = ["serve", "--data-dir", node] + (["--confirm-own-head"] if node != "mirror" else [])
        processes.append(subprocess.Popen([BINARY, *args], cwd=folder, stdout=subprocess.DEVNULL,
                                          stderr=subprocess.DEVNULL))
    for node in REGIONS + ["mirror"]:
        for _ in range(200):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{ports[node]}/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.05)
    return processes, ports, tokens["AT11"], relay


def entry(n):
    return {"kind": "enterprise", "id": str(uuid.uuid4()), "name": {"de": f"Ausbreitung {n}"},
            "legalForm": "GmbH", "socialModel": "work-integration", "labourMarket": "second",
            "targetGroups": ["long-term-unemployed"], "region": "AT11",
            "address": {"street": "Hauptstraße 1", "postalCode": "7000", "locality": "Eisenstadt", "country": "AT"},
            "contact": {"email": "office@example.at"}, "sectors": ["16.23"], "description": {"de": "Ein Betrieb."}}


def publish(port, token, document):
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/v1/publish", data=json.dumps({"entries": [document]}).encode(),
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"}, method="POST")
    urllib.request.urlopen(request, timeout=30).read()


def visible(port, entry_id):
    try:
        return urllib.request.urlopen(f"http://127.0.0.1:{port}/v1/entries/enterprise/{entry_id}", timeout=5).status == 200
    except OSError:
        return False


def measure(topology):
    folder = tempfile.mkdtemp(prefix=f"sopro-propagation-{topology}-")
    processes, ports, token, _ = federation(folder, topology)
    try:
        time.sleep(3)  # first rounds and feed subscriptions
        samples = []
        for n in range(RUNS):
            document = entry(n)
            start = time.monotonic()
            publish(ports["AT11"], token, document)
            deadline = start + 30
            while not visible(ports["mirror"], document["id"]) and time.monotonic() < deadline:
                time.sleep(0.002)
            samples.append((time.monotonic() - start) * 1000)
            time.sleep(0.2)
        return samples
    finally:
        for p in processes:
            p.terminate()
        for p in processes:
            p.wait(timeout=30)
        shutil.rmtree(folder, ignore_errors=True)


def idle_bytes(minutes=2):
    folder = tempfile.mkdtemp(prefix="sopro-idle-")
    processes, ports, token, relay = federation(folder, "chain", relay_a_for_b=True)
    try:
        publish(ports["AT11"], token, entry(0))
        time.sleep(20)  # settle: rounds, feeds connected, federation documents cached
        start = relay.bytes
        time.sleep(60 * minutes)
        return (relay.bytes - start) / minutes
    finally:
        for p in processes:
            p.terminate()
        for p in processes:
            p.wait(timeout=30)
        shutil.rmtree(folder, ignore_errors=True)


def summary(name, samples):
    ordered = sorted(samples)
    p = lambda q: ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]
    print(f"{name}: {len(samples)} publishes, p50 {p(0.5):.0f} ms, p90 {p(0.9):.0f} ms, p99 {p(0.99):.0f} ms, "
          f"max {ordered[-1]:.0f} ms")


if __name__ == "__main__":
    if not os.path.exists(BINARY):
        sys.exit(f"{BINARY} is missing: swift build -c release --product sopro-node")
    summary("chain A -> B -> C -> mirror", measure("chain"))
    summary("full mesh", measure("mesh"))
    if "--no-idle" not in sys.argv:
        print(f"idle link B <-> A: {idle_bytes():.0f} bytes per minute, both directions")
