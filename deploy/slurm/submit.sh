#!/usr/bin/env bash
# Queues an N-shard faxtract run and the report that waits for all of it:
#   ARCHIVE=/data/fax-archive RECORDS=/shared/faxtract/2025 [LINES=...] deploy/slurm/submit.sh 8 [report args...]
# `afterok` on an array job waits for every task and runs only if all of them succeeded.
set -euo pipefail
n=${1:?usage: submit.sh N [faxtract report arguments...]}
shift
here=$(cd "$(dirname "$0")" && pwd)
array=$(sbatch --parsable --array="0-$((n - 1))" --export=ALL "$here/faxtract-array.sbatch")
array=${array%%;*}   # --parsable prints "jobid[;cluster]"
report=$(sbatch --parsable --dependency="afterok:$array" --export="ALL,SHARDS=$n" "$here/faxtract-report.sbatch" "$@")
echo "queued shards as job $array (tasks 0-$((n - 1))), report as job ${report%%;*}"
