#!/usr/bin/env bash
# Times the IMF Board of Governors' 85% rule (treaties/imf-articles.treaty: at least 85% of the
# total votes, 190 members, each member's share in hundredths of a percent) in the Python
# package power-bdd (Bolus's BDD method) beside the whole `treaty analyze` process on the same
# game, and checks that both give the same Banzhaf and Shapley-Shubik indices. power-bdd is
# given ten minutes; past them the script says it did not finish.
#
# Usage: benches/power_bdd_imf.sh     (needs python3 with venv and network access to PyPI)
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install -q power_bdd

cargo build -q --release

cp treaties/parties/imf-members.treaty "$work/parties.treaty"
target/release/treaty analyze treaties/imf-articles.treaty --body board_of_governors \
  --format json > "$work/treaty.json"

# The whole process, started afresh each time (both of the Board's rules, JSON out).
python3 - "$work" <<'PY'
import statistics, subprocess, sys, time
work = sys.argv[1]
command = ["target/release/treaty", "analyze", "treaties/imf-articles.treaty",
           "--body", "board_of_governors", "--format", "json"]
times = []
for _ in range(5):
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
    times.append(time.perf_counter() - start)
open(f"{work}/treaty_seconds", "w").write(str(statistics.median(times)))
PY

cat > "$work/power_bdd_imf.py" <<'PY'
import json, re, sys, time
from power_bdd.bdd import BDD, WeightedGame

work = sys.argv[1]
text = open(f"{work}/parties.treaty").read()
votes = [int(v) for v in re.findall(r"with votes (\d+)", text)]
quota = -(-85 * sum(votes) // 100)
start = time.perf_counter()
game = BDD(WeightedGame(quota, list(votes)))
banzhaf, shapley = game.calc_banzhaf(), game.calc_shapley()
seconds = time.perf_counter() - start
json.dump({"seconds": seconds, "banzhaf": banzhaf, "shapley": shapley},
          open(f"{work}/power_bdd.json", "w"))
PY

if timeout 600 "$work/venv/bin/python" "$work/power_bdd_imf.py" "$work" > /dev/null; then
  status=finished
else
  status=timeout
fi

python3 - "$work" "$status" <<'PY'
import json, sys
work, status = sys.argv[1], sys.argv[2]
treaty_seconds = float(open(f"{work}/treaty_seconds").read())
print(f"treaty analyze (whole process, the Board's two rules, median of 5): {treaty_seconds * 1e3:.0f} ms")
if status != "finished":
    print("power-bdd (in-process, the 85% rule): did not finish in 10 minutes")
    sys.exit(0)
theirs = json.load(open(f"{work}/power_bdd.json"))
report = json.load(open(f"{work}/treaty.json"))
parties = report["reports"][0]["bodies"][0]["decisions"][0]["parties"]
ours_b = [p["banzhaf"]["value"] for p in parties]
ours_s = [p["shapley_shubik"]["value"] for p in parties]
diff = max(max(abs(a - b) for a, b in zip(ours_b, theirs["banzhaf"])),
           max(abs(a - b) for a, b in zip(ours_s, theirs["shapley"])))
print(f"power-bdd (in-process, the 85% rule, one run): {theirs['seconds']:.1f} s")
print(f"largest difference between the two tools' indices: {diff:.3g}")
if diff > 1e-9:
    sys.exit("the two tools disagree")
PY
