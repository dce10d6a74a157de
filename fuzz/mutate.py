#!/usr/bin/env python3
"""A long mutation run against the release program (not part of `cargo test`).

Mutates the corpus (treaties/, examples/*.scenario, the treaty.toml fixtures, and the
catalogue of bad inputs under tests/fixtures/errors/) with a fixed seed, as tests/it/mutation.rs
does, and runs `treaty check`, `analyze`, `run` and `fmt --check`
on each input. Every run must exit 0, 1 or 2, print no panic, and finish within the time
limit. Failures are kept under the output folder, each with the command that failed.

Usage: cargo build --release && python3 fuzz/mutate.py [--inputs 20000] [--seed 1] [--out DIR]
"""
import argparse, os, random, re, shutil, subprocess, sys, tempfile, time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PANIC = re.compile(r"thread '[^'\n]*' panicked at|panicked at [^\n]*:\d+:\d+")
ODD = ["\0", "\ufeff", "\u202e", "\u200b", "\ufffd", "e\u0301", "\U0001f600", "\U0010ffff",
       "\r", "\r\n", "\t", "\\", '"', "#", "(", ")", "{", "}", "[", "]", ",", "%", "/", ".",
       "9" * 41, "18446744073709551616", "340282366920938463463374607431768211456", "0", "-1",
       "0/0", "1/0", "101%", "2009-13-45", "party", "body", "decides", "consensus",
       "excluding", "article", "treaty", "scenario", "vote", "expect", "attend all",
       "# treaty: allow(", "# TREATY: allow(x) junk", "[lints]", "= \"deny\"", "'''"]


def mutate(rng, data, corpus):
    data = bytearray(data)
    for _ in range(1 + rng.randrange(4)):
        k = rng.randrange(9)
        at = rng.randrange(len(data) + 1)
        if k == 0 and data:
            i = rng.randrange(len(data))
            data[i] ^= 1 << rng.randrange(8)
        elif k == 1:
            del data[at:]
        elif k == 2:
            other = rng.choice(corpus)
            start = rng.randrange(len(other) + 1)
            data[at:at] = other[start:start + rng.randrange(400)]
        elif k == 3:
            del data[at:at + rng.randrange(200)]
        elif k == 4:
            run = bytes(data[at:at + 1 + rng.randrange(60)])
            data[at:at] = run * rng.randrange(3000)
        elif k == 5:
            d = rng.randrange(300)
            data[at:at] = b"(" * d + b"consensus" + b")" * d
        elif k in (6, 7):
            data[at:at] = rng.choice(ODD).encode()
        else:
            digits = [i for i in range(len(data)) if 48 <= data[i] <= 57]
            if digits:
                i = rng.choice(digits)
                data[i:i + 1] = b"9" * (1 + rng.randrange(80))
    return bytes(data)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--inputs", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=5.0)
    ap.add_argument("--binary", default=str(ROOT / "target/release/treaty"))
    ap.add_argument("--out", default=None, help="where to keep failing inputs")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    errors = ROOT / "tests/fixtures/errors"
    treaties = sorted((ROOT / "treaties").rglob("*.treaty")) + sorted(errors.glob("*.treaty"))
    scenarios = sorted((ROOT / "examples").glob("*.scenario")) + sorted((errors / "scenarios").glob("*.scenario"))
    configs = sorted((ROOT / "tests/fixtures").rglob("treaty.toml"))
    corpus = [p.read_bytes() for p in treaties + scenarios + configs]
    work = Path(tempfile.mkdtemp(prefix="treaty-mutate-"))
    out = Path(args.out) if args.out else work / "failures"
    out.mkdir(parents=True, exist_ok=True)
    # The treaties beside the mutated files, so that imports, baselines and the scenarios'
    # treaty lines resolve.
    shutil.copytree(ROOT / "treaties", work / "treaties")
    (work / "examples").mkdir()
    # What the catalogue's scenarios name (`treaty "support/council.treaty"`).
    shutil.copytree(errors / "scenarios/support", work / "examples/support")
    (work / "cfg").mkdir()
    (work / "cfg/t.treaty").write_text('party A "A"\nparty B "B"\nparties A, B\nbody b { decides x by consensus }\n')
    counts = {"inputs": 0, "runs": 0, "exit0": 0, "exit1": 0, "exit2": 0, "failures": 0}
    commands_run = {}
    times = []
    slowest = (0.0, "")
    started = time.time()
    for n in range(args.inputs):
        kind = rng.random()
        if kind < 0.6:
            source = rng.choice(treaties)
            path = work / "treaties" / f"mutant-{n % 8}.treaty"
            path.write_bytes(mutate(rng, source.read_bytes(), corpus))
            commands = [["check", str(path), "--format", rng.choice(["json", "human", "plain", "sarif", "github"])],
                        ["analyze", str(path)]]
            if rng.random() < 0.2:
                commands.append(["fmt", "--check", str(path)])
        elif kind < 0.9:
            source = rng.choice(scenarios)
            path = work / "examples" / f"mutant-{n % 8}.scenario"
            path.write_bytes(mutate(rng, source.read_bytes(), corpus))
            commands = [["run", str(path), "--trace"]]
            if rng.random() < 0.5:
                commands.append(["run", str(path), "--format", "json"])
        else:
            source = rng.choice(configs)
            path = work / "cfg" / "treaty.toml"
            path.write_bytes(mutate(rng, source.read_bytes(), corpus))
            commands = [["check", str(work / "cfg/t.treaty"), "--format", "json"]]
        counts["inputs"] += 1
        for cmd in commands:
            counts["runs"] += 1
            t0 = time.time()
            try:
                p = subprocess.run([args.binary] + cmd, capture_output=True, timeout=args.timeout)
                took = time.time() - t0
                code, err = p.returncode, p.stderr.decode("utf-8", "replace")
            except subprocess.TimeoutExpired:
                took, code, err = args.timeout, None, "timed out"
            times.append(took)
            key = cmd[0] + (" --format " + cmd[cmd.index("--format") + 1] if "--format" in cmd else "")
            commands_run[key] = commands_run.get(key, 0) + 1
            if took > slowest[0]:
                slowest = (took, " ".join(cmd))
            # Rust's own words on a panic (not merely "panicked", which a snippet of a
            # mutated file may quote).
            bad = code not in (0, 1, 2) or PANIC.search(err) is not None or "RUST_BACKTRACE" in err
            if code in (0, 1, 2):
                counts[f"exit{code}"] += 1
            if bad:
                counts["failures"] += 1
                keep = out / f"failure-{counts['failures']}{path.suffix}"
                shutil.copy(path, keep)
                (out / f"failure-{counts['failures']}.txt").write_text(
                    f"command: treaty {' '.join(cmd)}\nexit: {code}\n{err[-2000:]}\n")
                print(f"FAILURE {keep}: exit {code}: {err.strip()[-300:]}", flush=True)
        if (n + 1) % 1000 == 0:
            print(f"{n + 1} inputs, {counts['runs']} runs, {counts['failures']} failures, "
                  f"{time.time() - started:.0f} s", flush=True)
    times.sort()
    median = times[len(times) // 2] if times else 0.0
    p99 = times[min(len(times) - 1, len(times) * 99 // 100)] if times else 0.0
    print("summary:", counts, f"slowest run {slowest[0]:.2f} s ({slowest[1]})",
          f"in {time.time() - started:.0f} s; failures kept in {out}")
    print(f"run times: median {median * 1000:.1f} ms, 99th percentile {p99 * 1000:.1f} ms, "
          f"max {slowest[0] * 1000:.1f} ms")
    print("commands:", dict(sorted(commands_run.items())))
    shutil.rmtree(work / "treaties", ignore_errors=True)
    return 1 if counts["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
