#!/usr/bin/env bash
# staffeval against the NumPy reference, side by side on identical files, in one sitting: generates
# the data sets with the reference's gen_data.py, times whole processes and the computations
# alone, checks that every pair of results agrees, and prints the ratio and peak memory of each
# workload (benchmarks/compare_reference.py says what is compared and how).
#
#   benchmarks/compare_reference.sh [--sizes S,M,L] [--runs N] [--repeats R] [--mc-samples S]
#
# Environment: STAFFEVAL_REFERENCE, the folder of the reference's scripts (default ../shared/perf
# next to the checkout); STAFFEVAL_PERF_DATA, where the data sets go (default build/perf-data; the
# 1M-unit file is 177 MB, generated once); results in build/perf-results.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
reference="${STAFFEVAL_REFERENCE:-$root/../shared/perf}"
if [ ! -f "$reference/ref_numpy.py" ] || [ ! -f "$reference/gen_data.py" ]; then
  echo "compare_reference.sh: no NumPy reference in $reference (set STAFFEVAL_REFERENCE)" >&2
  exit 2
fi
"$root/scripts/deps" --bench
if [ ! -x "$root/build/bin/staffeval" ] || [ ! -x "$root/build/bin/staffeval_reference_runner" ]; then
  "$root/scripts/build"
fi
cmake --build "$root/build" --target staffeval-cli staffeval_reference_runner -j "$(nproc)" >/dev/null
exec /usr/bin/python3 "$root/benchmarks/compare_reference.py" --reference "$reference" --build "$root/build" \
  --data "${STAFFEVAL_PERF_DATA:-$root/build/perf-data}" --out "$root/build/perf-results" "$@"
