#!/usr/bin/env bash
# Runs `kb eval` over the studied held-out knowledge sets (A–P; never Q, which is kept blind) and
# prints one table with the sums of answer-hits and abstentions over A–O, so a change to the method
# is judged on every set at once and not only on the one being studied.
# Usage: scripts/kb-heldout.sh [extra kb eval args]   (run from the repository root)
set -euo pipefail
F=tests/knowledge/fixtures
OUT=$(mktemp -d)
run() { # name, then kb eval args
  local name=$1; shift
  npx tsx src/cli.ts kb eval "$@" > "$OUT/$name" 2>&1 || echo "FAILED" >> "$OUT/$name"
}
run A $F/heldout-a.jsonl --corpus content/knowledge --corpus ../shared/corpus/seeds "$@" &
run B $F/heldout-b.jsonl --corpus ../shared/corpus/centre "$@" &
wait
for s in c d e f g h i j k l m n o p; do
  S=$(echo $s | tr a-z A-Z)
  run $S $F/heldout-$s.jsonl --corpus $F/heldout-$s "$@" &
  # Two at a time (the machine's cores are shared).
  while [ "$(jobs -rp | wc -l)" -ge 2 ]; do wait -n; done
done
wait
printf '%-4s %6s %6s %6s %6s %6s %6s %6s\n' set cases ans f@1 f@3 doc@1 hit abst
for s in A B C D E F G H I J K L M N O P; do
  f=$OUT/$s
  cases=$(grep -oP 'cases \K\d+' $f || echo -); ansb=$(grep -oP 'answerable \K\d+' $f || echo -)
  g() { grep -oP "^$1\s+\K[0-9.]+" $f || echo -; }
  printf '%-4s %6s %6s %6s %6s %6s %6s %6s\n' $s $cases $ansb $(g fact-hit@1) $(g fact-hit@3) $(g doc-hit@1) $(g answer-hit) $(g abstention)
done | tee $OUT/table
awk '$1!="P" && $1!="set" {h+=$7; a+=$8} END {printf "sum A–O: answer-hit %.2f  abstention %.2f  (total %.2f)\n", h, a, h+a}' $OUT/table
rm -rf "$OUT"
