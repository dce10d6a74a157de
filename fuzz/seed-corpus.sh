#!/usr/bin/env bash
# Fills fuzz/corpus/<target>/ with seeds from the repository: the treaties, examples and
# test fixtures. The corpora are not committed (fuzz/.gitignore); run this before the first
# `cargo fuzz run`, and again to add new fixtures.
#
# Usage: fuzz/seed-corpus.sh
set -euo pipefail
cd "$(dirname "$0")"
root=..
mkdir -p corpus/check corpus/scenario corpus/config corpus/analyze

# Clause files: every .treaty in the repository (treaties, party lists, rule and error
# fixtures, examples' support files), named by their path so that seeds do not collide.
find "$root/treaties" "$root/tests/fixtures" "$root/examples" -name '*.treaty' -print0 |
  while IFS= read -r -d '' f; do
    cp "$f" "corpus/check/$(echo "${f#"$root"/}" | tr '/' '_')"
  done

# Scenario scripts: the first byte picks the treaty they run against, so each script is
# seeded once per treaty (0: EST 2009, 1: North Atlantic, 2: OSCE rules, 3: UN Charter).
find "$root/examples" "$root/tests/fixtures" -name '*.scenario' -print0 |
  while IFS= read -r -d '' f; do
    name=$(echo "${f#"$root"/}" | tr '/' '_')
    for pick in 0 1 2 3; do
      { printf "\\x0$pick"; cat "$f"; } > "corpus/scenario/$pick-$name"
    done
  done

# Configuration files, and a few shapes of TOML beside them.
find "$root/tests/fixtures" -name 'treaty.toml' -print0 |
  while IFS= read -r -d '' f; do
    cp "$f" "corpus/config/$(echo "${f#"$root"/}" | tr '/' '_')"
  done
printf '[lints]\nplaceholder = "allow"\nvague-standard = "warn"\n' > corpus/config/levels.toml
printf '[lints]\n"single-party-veto" = { level = "deny" }\n' > corpus/config/table.toml
printf '[other]\nx = [1, 2.5, "three", 1979-05-27T07:32:00Z]\n' > corpus/config/other.toml

# The analysis target reads its bytes as choices: a few seeds of different lengths.
for seed in 1 2 3 4 5 6 7 8; do
  LC_ALL=C awk -v s="$seed" 'BEGIN { srand(s); for (i = 0; i < s * 16; i++) printf "%c", int(rand() * 256) }' \
    > "corpus/analyze/seed-$seed"
done

for t in check scenario config analyze; do
  echo "$t: $(ls corpus/$t | wc -l) seeds"
done
