#!/usr/bin/env python3
"""Measures the broker's own overhead per migration: N concurrent cold migrations between two mock providers.

Usage: bench/migrations.py [--migrations 100] [--concurrency 8] [--port 3103]
Needs: broker/target/quarkus-app/quarkus-run.jar (./mvnw -B -pl broker -am package -DskipTests), PostgreSQL on
127.0.0.1:5432 (trust), psql. Uses a fresh database skyfed_bench. Prints Markdown for docs/benchmarks.md.

Mock providers answer in microseconds and their 8 MiB disks move in memory, so a job's duration is almost all
broker: claiming, checkpointing every step in PostgreSQL, heartbeats, hashing and converting the disk.
"""
import argparse, concurrent.futures, json, os, re, statistics, subprocess, sys, time, urllib.request
from datetime import datetime

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JAR = os.path.join(ROOT, "broker/target/quarkus-app/quarkus-run.jar")

def call(base, method, path, body=None, headers=None, form=None):
    data = json.dumps(body).encode() if body is not None else form
    request = urllib.request.Request(base + path, data=data, method=method, headers=headers or {})
    if body is not None:
        request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request, timeout=60) as response:
        text = response.read().decode()
        return json.loads(text) if text.startswith("{") or text.startswith("[") else text

def instant(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()

def pct(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]

def cpu_seconds(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

def main():
    args = argparse.ArgumentParser()
    args.add_argument("--migrations", type=int, default=100)
    args.add_argument("--concurrency", type=int, default=8)
    args.add_argument("--port", type=int, default=3103)
    opts = args.parse_args()
    if not os.path.isfile(JAR):
        sys.exit(f"{JAR} missing: run ./mvnw -B -pl broker -am package -DskipTests")
    psql = ["psql", "-q", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-c"]
    subprocess.run(psql + ["drop database if exists skyfed_bench with (force)"], check=True)
    subprocess.run(psql + ["create database skyfed_bench"], check=True)
    props = {"quarkus.http.port": opts.port, "skyfed.database.name": "skyfed_bench", "skyfed.replica.name": "bench",
             "skyfed.secrets.master-key": "c2t5ZmVkLXRlc3QtbWFzdGVyLWtleS0zMi1ieXRlcyE=",
             "skyfed.jobs.concurrency": opts.concurrency, "skyfed.jobs.poll-interval": "100ms",
             "quarkus.log.level": "WARN"}
    for site, location in (("onprem", "on-premise"), ("cloud", "public")):
        for key, value in (("driver", "mock"), ("location", location), ("user", "mockuser"),
                           ("secret", "mockpassword")):
            props[f"skyfed.providers.{site}.{key}"] = value
    log = open(os.path.join(ROOT, "broker/target/bench-migrations.log"), "w")
    broker = subprocess.Popen(["java", "-Xmx1g"] + [f"-D{k}={v}" for k, v in props.items()] + ["-jar", JAR],
                              stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{opts.port}"
    try:
        for _ in range(600):
            try:
                if urllib.request.urlopen(base + "/q/health/ready", timeout=2).status == 200:
                    break
            except Exception:
                time.sleep(0.2)
        auth = {"Authorization": "Basic bW9ja3VzZXI6bW9ja3Bhc3N3b3Jk", "X-Deltacloud-Provider": "onprem",
                "Accept": "application/json"}
        workloads = []
        for n in range(opts.migrations):
            created = call(base, "POST", "/api/instances", headers=auth, form=b"image_id=img1")
            instance = re.search(r'"id"\s*:\s*"(inst\d+)"', json.dumps(created)).group(1)
            workloads.append(call(base, "POST", "/v1/workloads",
                                  {"name": f"bench-{n}", "provider": "onprem", "instanceId": instance})["id"])
        cpu_before = cpu_seconds(broker.pid)
        start = time.time()
        def submit(workload):
            t = time.time()
            job = call(base, "POST", "/v1/migrations", {"workload": workload, "target": "cloud", "mode": "cold"})
            return job["id"], time.time() - t
        with concurrent.futures.ThreadPoolExecutor(opts.migrations) as pool:
            submitted = list(pool.map(submit, workloads))
        jobs = [j for j, _ in submitted]
        pending = set(jobs)
        while pending:
            for job in list(pending):
                if call(base, "GET", f"/v1/jobs/{job}")["state"] in ("SUCCEEDED", "FAILED", "CANCELLED"):
                    pending.discard(job)
            time.sleep(0.2)
        wall = time.time() - start
        cpu = cpu_seconds(broker.pid) - cpu_before
        views = [call(base, "GET", f"/v1/jobs/{job}") for job in jobs]
    finally:
        broker.terminate()
        broker.wait(30)
    failed = [v for v in views if v["state"] != "SUCCEEDED"]
    run = [instant(v["finishedAt"]) - instant(v["startedAt"]) for v in views]
    queued = [instant(v["startedAt"]) - instant(v["createdAt"]) for v in views]
    transfer = [instant(s["finishedAt"]) - instant(s["startedAt"]) for v in views for s in v["steps"]
                if s["name"] == "transfer-disk"]
    overhead = [r - t for r, t in zip(run, transfer)]
    ms = lambda seconds: f"{seconds * 1000:.0f} ms"
    print(f"| migrations | slots | failed | wall time | throughput | broker CPU per migration |")
    print(f"|---|---|---|---|---|---|")
    print(f"| {opts.migrations} | {opts.concurrency} | {len(failed)} | {wall:.1f} s | {opts.migrations / wall:.2f}/s "
          f"| {ms(cpu / opts.migrations)} |")
    print()
    print("| per migration | p50 | p90 | max |")
    print("|---|---|---|---|")
    for name, values in (("submit (POST /v1/migrations)", [s for _, s in submitted]),
                         ("queued before a slot took it", queued), ("running (claim to outcome)", run),
                         ("of which transfer-disk (8 MiB, hash + import)", transfer),
                         ("of which the other five steps (broker overhead)", overhead)):
        print(f"| {name} | {ms(pct(values, 50))} | {ms(pct(values, 90))} | {ms(max(values))} |")
    print(f"\nload average at the end: {os.getloadavg()[0]:.1f}")
    sys.exit(1 if failed else 0)

if __name__ == "__main__":
    main()
