#!/usr/bin/env bash
# Prints a Part Inventory CSV of ROWS new items (default 100000) for the acme sample catalog: a
# file long enough to watch ./intake's progress line (docs/export.md shows the run). Not a test,
# and not part of ./test: an import this size takes a minute or more.
#   scripts/large-inventory.sh 100000 > /tmp/large.csv
#   ./intake import /tmp/large.csv --key acme/part-inventory/large.csv
set -euo pipefail
rows=${1:-100000}
[[ $rows =~ ^[0-9]+$ ]] || { echo "usage: $0 [ROWS]" >&2; exit 2; }
echo "part_number,revision,serial_number,lot_number,quantity,location,supplier,BatchID,Inspected"
# A third each: serial-tracked boards (one unique serial per row), lot-tracked brackets, untracked screws.
awk -v rows="$rows" 'BEGIN {
  for (i = 1; i <= rows; i++) {
    if (i % 3 == 1)      printf "PCB-410,A,PCB-L%07d,,1,Receiving,Orbital Electronics,LG-%07d,yes\n", i, i
    else if (i % 3 == 2) printf "BRKT-220,C,,LOT-L%05d,%d,Stockroom B,Nordic Composites,LG-%07d,no\n", int(i / 100), i % 40 + 1, i
    else                 printf "FST-M3-10,A,,,%d,Stockroom A,Pacific Fasteners,LG-%07d,\n", i % 500 + 1, i
  }
}'
