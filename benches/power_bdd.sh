#!/usr/bin/env bash
# Times the EU Council's qualified majority (treaties/eu-council.treaty: 55% of members, at
# least 15, 65% of population, or fewer than 4 against) with raw populations in the Python
# package power-bdd (Bolus's BDD method, the fastest correct published tool) beside the whole
# `treaty analyze` process on the same game, and checks that both give the same Banzhaf and
# Shapley-Shubik indices.
#
# Usage: benches/power_bdd.sh     (needs python3 with venv and network access to PyPI)
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install -q power_bdd

cargo build -q --release

# power-bdd gets the same game, built from the bundled party list.
cp treaties/parties/eu-member-states.treaty "$work/parties.treaty"

target/release/treaty analyze treaties/eu-council.treaty --format json > "$work/treaty.json"

"$work/venv/bin/python" - "$work" <<'PY'
import json, re, statistics, subprocess, sys, time
from fractions import Fraction
from power_bdd.bdd import BDD, WeightedGame

work = sys.argv[1]
text = open(f"{work}/parties.treaty").read()
pops = [int(p.replace("_", "")) for p in re.findall(r"population (\d[\d_]*)", text)]
n = len(pops)
quota_members = max(15, -(-55 * n // 100))
quota_pop = -(-65 * sum(pops) // 100)

def analyse():
    members = BDD(WeightedGame(quota_members, [1] * n))
    population = BDD(WeightedGame(quota_pop, list(pops)))
    block = BDD(WeightedGame(n - 3, [1] * n))
    game = (members & population) | block
    return game.calc_banzhaf(), game.calc_shapley()

def median_seconds(runs, action):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)

banzhaf, shapley = analyse()
python_seconds = median_seconds(5, analyse)
# The whole process, started afresh each time (all three of the Council's rules, JSON out).
command = ["target/release/treaty", "analyze", "treaties/eu-council.treaty", "--format", "json"]
treaty_seconds = median_seconds(
    41, lambda: subprocess.run(command, stdout=subprocess.DEVNULL, check=True))

report = json.load(open(f"{work}/treaty.json"))
parties = report["reports"][0]["bodies"][0]["decisions"][0]["parties"]
ours_b = [p["banzhaf"]["value"] for p in parties]
ours_s = [p["shapley_shubik"]["value"] for p in parties]
diff = max(max(abs(a - b) for a, b in zip(ours_b, banzhaf)),
           max(abs(a - b) for a, b in zip(ours_s, shapley)))
print(f"power-bdd (in-process, one rule, median of 5):        {python_seconds * 1e3:.1f} ms")
print(f"treaty analyze (whole process, all rules, median of 41): {treaty_seconds * 1e3:.1f} ms")
print(f"ratio: {python_seconds / treaty_seconds:.1f}x")
print(f"largest difference between the two tools' indices: {diff:.3g}")
if diff > 1e-9:
    sys.exit("the two tools disagree")
PY
