#!/usr/bin/env bash
# Registry drift: replace the site's copy of IANA's HTTP Status Code Registry with FILE (a freshly
# downloaded http-status-codes-1.csv), and describe what changed for a pull request.
#
#   .github/scripts/registry-drift.sh FILE [OUT_DIR]
#
# Runs `httpref registry update FILE` in ROOT (default: the current directory), which refuses a
# file that is not the registry, replaces content/iana-status-codes.csv, lists the changes and
# runs `httpref check`. Writes into OUT_DIR (default: target/registry-drift):
#   update.log    everything httpref printed
#   pr-title.txt  one line, when the registry changed
#   pr-body.md    the pull request description, when the registry changed: the changes and
#                 `check`'s findings (the entries that now disagree with the registry)
#
# Exit status: 0 the registry is unchanged (nothing to propose), 10 it changed (open a pull
# request with the updated copy), anything else an error (the download is not the registry, or
# httpref could not run). The weekly workflow .github/workflows/registry-drift.yml runs this;
# tests/it/registry.rs runs it against local CSV fixtures.
#
# Environment: HTTPREF, the command that runs httpref (default: cargo run --release --quiet --);
# ROOT, the site root.
set -uo pipefail

if [[ $# -lt 1 || $# -gt 2 ]]; then
  echo "usage: $0 FILE [OUT_DIR]" >&2
  exit 2
fi
file=$1
root=${ROOT:-.}
out=${2:-$root/target/registry-drift}
read -r -a httpref <<<"${HTTPREF:-cargo run --release --quiet --}"

if [[ ! -f $file ]]; then
  echo "error: $file: no such file" >&2
  exit 2
fi
mkdir -p "$out"
rm -f "$out/pr-title.txt" "$out/pr-body.md"

# httpref's exit status is check's: 1 is expected when the registry changed under some entries.
NO_COLOR=1 "${httpref[@]}" registry update "$file" --root "$root" >"$out/update.log" 2>&1
status=$?
cat "$out/update.log"

if ! grep -q '^Registry copy updated' "$out/update.log"; then
  echo "error: httpref did not update the registry copy (exit status $status); see above" >&2
  exit 2
fi
if grep -q '^Registry copy updated: no changes\.' "$out/update.log"; then
  echo "registry-drift: unchanged"
  exit 0
fi

# The change lines are the indented lines after the "Registry copy updated, N change(s):" line.
changes=$(sed -n '/^Registry copy updated, /,/^[^ ]/{/^  /p}' "$out/update.log" | sed 's/^  //')
count=$(printf '%s\n' "$changes" | grep -c .)
findings=$(sed '/^Registry copy updated/,/^[^ ]/{/^Registry copy updated/d;/^  /d}' "$out/update.log")
# A pull request description holds at most 65,536 characters; keep well clear of it.
limit=50000
if (( ${#findings} > limit )); then
  findings="${findings:0:limit}
… (cut here; run \`httpref check\` on the branch for the rest)"
fi

today=$(date -u +%Y-%m-%d)
printf 'Registry: IANA status code registry changed (%s change%s, %s)\n' \
  "$count" "$([[ $count == 1 ]] && echo "" || echo s)" "$today" >"$out/pr-title.txt"

{
  echo "IANA's [HTTP Status Code Registry](https://www.iana.org/assignments/http-status-codes/http-status-codes.xhtml) no longer matches \`content/iana-status-codes.csv\`. This pull request was opened by the weekly registry-drift workflow, which downloaded \`http-status-codes-1.csv\` on $today and ran \`httpref registry update\` on it."
  echo
  echo "## What changed in the registry"
  echo
  printf '%s\n' "$changes" | sed 's/^/- /'
  echo
  echo "## What \`httpref check\` says now"
  echo
  if (( status == 0 )); then
    echo "No problems: every entry still agrees with the registry."
  else
    echo "These entries disagree with the new registry copy. Fix them on this branch before merging (add entries for new codes, rename changed ones and keep the old name in \`former_names\`, update \`status\`, \`expires\` and the defining reference):"
    echo
    echo '````text'
    printf '%s\n' "$findings"
    echo '````'
  fi
  echo
  echo "This branch changes only the registry copy; the entries are for a person to update, with the specification in hand (see CONTRIBUTING.md, \"When IANA changes the registry\"). Pull requests opened by a workflow do not start other workflows, so push a commit (or close and reopen the pull request) to run the tests."
} >"$out/pr-body.md"

echo "registry-drift: changed ($count change(s)); wrote $out/pr-title.txt and $out/pr-body.md"
exit 10
