#!/usr/bin/env bash
# Production smoke check (CI runs it after `npm test`, see .ci/run; locally: bash scripts/smoke-production.sh).
#
# Does what infra/README.md tells a deployment to do, in a copy of the tree, and starts the result:
#   1. copy the tree (the files git knows of, not node_modules/, dist/, .env, .data/) to a temp dir;
#   2. `npm ci`, `npm run build`, `npm prune --omit=dev`, then delete node_modules/yaml as well (a dev
#      dependency production once needed by mistake; issue 15);
#   3. start `dist/bot/main.js` with NODE_ENV=production, placeholder settings only (nothing reaches
#      Teams, Entra or Graph) and an in-memory Azurite; expect GET /healthz 200 and an unauthenticated
#      activity on POST /api/messages answered 401; stop it with SIGTERM and expect a clean exit;
#   4. the same start on Node 24 (production's Node, infra/main.bicep), a binary from the npm registry's
#      node-linux-<arch> package (no install scripts), cached in node_modules/.cache/halteam-node24;
#   5. the unit tests (`jest --selectProjects unit`) on Node 24, in this tree.
# Every check runs even when an earlier one failed; the exit code is 1 when any failed.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/halteam-smoke.XXXXXX")"
APP="$WORK/app"
NODE20="$(command -v node)"
started_at=$(date +%s%N)
step_started_at=$started_at
timings=()
pids=()
status=0

ms_since() { echo $((($(date +%s%N) - $1) / 1000000)); }
seconds() { printf '%d.%01d s' $(($1 / 1000)) $((($1 % 1000) / 100)); }

# A heading per step; the previous step's duration goes into the summary at the end.
current_step=""
step() {
  if [ -n "$current_step" ]; then timings+=("$(printf '%-58s %10s' "$current_step" "$(seconds "$(ms_since "$step_started_at")")")"); fi
  current_step="$1"
  step_started_at=$(date +%s%N)
  printf '\n==> [%s] %s\n' "$(seconds "$(ms_since "$started_at")")" "$1"
}
fail() {
  echo "SMOKE FAILED: $*" >&2
  status=1
}

cleanup() {
  for pid in "${pids[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'echo "SMOKE FAILED in step: $current_step" >&2' ERR
trap 'exit 130' INT TERM

free_port() {
  "$NODE20" -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})"
}

# http_status METHOD URL [JSON body]: prints the status code, or 000 when nothing answered.
http_status() {
  "$NODE20" -e '
    const [method, url, body] = process.argv.slice(1);
    fetch(url, { method, body, headers: body ? { "content-type": "application/json" } : {}, signal: AbortSignal.timeout(5000) })
      .then((r) => process.stdout.write(String(r.status)), () => process.stdout.write("000"));
  ' "$@"
}

wait_for_port() {
  local port=$1 deadline=$((SECONDS + 20))
  until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 0.2
  done
}

# check_start <node binary> <label>: starts the pruned build, checks /healthz and /api/messages, stops it.
check_start() {
  local node_bin=$1 label=$2 port log pid code deadline ok=1
  port=$(free_port)
  log="$WORK/bot-$label.log"
  echo "$label: $("$node_bin" --version) on port $port"
  (
    cd "$APP"
    # Only these settings: nothing from the caller's shell or a .env reaches the production start.
    exec env -i PATH="/usr/bin:/bin" HOME="$WORK" \
      NODE_ENV=production \
      PORT="$port" \
      LOG_LEVEL=info \
      STORAGE_CONNECTION_STRING="$STORAGE" \
      STORAGE_TABLE_PREFIX="smoke$label" \
      PUBLIC_BASE_URL=https://halteam.example.org \
      MICROSOFT_APP_ID=00000000-0000-0000-0000-0000000000b0 \
      MICROSOFT_APP_PASSWORD=placeholder-not-a-secret \
      MICROSOFT_APP_TENANT_ID=00000000-0000-0000-0000-0000000000e1 \
      GRAPH_TENANT_ID=00000000-0000-0000-0000-0000000000e1 \
      GRAPH_CLIENT_ID=00000000-0000-0000-0000-0000000000c1 \
      GRAPH_CLIENT_SECRET=placeholder-not-a-secret \
      BOT_ADMINS=00000000-0000-0000-0000-0000000000a1 \
      "$node_bin" dist/bot/main.js
  ) >"$log" 2>&1 &
  pid=$!
  pids+=("$pid")

  code=000
  deadline=$((SECONDS + 30))
  while [ "$SECONDS" -lt "$deadline" ] && kill -0 "$pid" 2>/dev/null; do
    code=$(http_status GET "http://127.0.0.1:$port/healthz")
    [ "$code" = 200 ] && break
    sleep 0.3
  done
  if [ "$code" = 200 ]; then
    echo "$label: GET /healthz 200 after $((SECONDS - deadline + 30)) s"
    code=$(http_status POST "http://127.0.0.1:$port/api/messages" \
      '{"type":"message","id":"smoke-1","channelId":"msteams","serviceUrl":"https://smba.trafficmanager.net/emea/","from":{"id":"29:someone"},"recipient":{"id":"28:bot"},"conversation":{"id":"a:smoke"},"text":"help"}')
    if [ "$code" = 401 ]; then
      echo "$label: POST /api/messages without a token 401"
    else
      fail "$label: POST /api/messages without a token answered $code, expected 401"
      ok=0
    fi
  elif kill -0 "$pid" 2>/dev/null; then
    fail "$label: GET /healthz did not answer 200 within 30 s (last: $code)"
    ok=0
  else
    fail "$label: the bot exited before GET /healthz answered 200"
    ok=0
  fi

  if kill -TERM "$pid" 2>/dev/null; then
    code=0
    wait "$pid" || code=$?
    if [ "$code" = 0 ]; then echo "$label: stopped cleanly on SIGTERM"; else
      fail "$label: exit code $code after SIGTERM"
      ok=0
    fi
  else
    wait "$pid" || true
    ok=0
  fi
  if grep -q "Cannot find module" "$log"; then
    fail "$label: a module is missing in the production install"
    ok=0
  fi
  if [ "$ok" = 0 ]; then
    echo "--- last lines of the $label log ---"
    tail -n 40 "$log"
    echo "---"
  fi
  [ "$ok" = 1 ]
}

step "Copy the tree to $APP"
mkdir -p "$APP"
# Tracked files plus new files not yet committed (so a working tree checks what its commit will);
# on CI's clean clone that is exactly the commit. Ignored files (node_modules, dist, .env, .data) stay out.
(
  cd "$ROOT"
  git ls-files -z --cached --others --exclude-standard |
    while IFS= read -r -d '' file; do
      case "$file" in node_modules | node_modules/* | dist | dist/*) continue ;; esac # even as symlinks
      if [ -e "$file" ] || [ -L "$file" ]; then printf '%s\0' "$file"; fi
    done |
    xargs -0 cp -a --parents -t "$APP"
)
echo "$(find "$APP" -type f | wc -l) files"

step "npm ci"
# --prefer-offline: the lockfile pins every version and its checksum, so npm's cache may answer
# without asking the registry whether a newer copy of the metadata exists.
(cd "$APP" && npm ci --prefer-offline --no-audit --no-fund --loglevel=error)

step "npm run build"
(cd "$APP" && npm run build --silent)

step "npm prune --omit=dev, then remove node_modules/yaml"
(cd "$APP" && npm prune --omit=dev --no-audit --no-fund --loglevel=error)
if [ -e "$APP/node_modules/yaml" ]; then
  echo "yaml was still installed after the prune (a production dependency needs it); removing it anyway"
else
  echo "yaml is not installed"
fi
rm -rf "$APP/node_modules/yaml"
echo "node_modules: $(du -sh "$APP/node_modules" | cut -f1), $(find "$APP/node_modules" -maxdepth 2 -name package.json | wc -l) packages at the top"

step "Start Azurite (table service, in memory)"
AZURITE_PORT=$(free_port)
mkdir -p "$WORK/azurite"
(
  cd "$WORK/azurite" # whatever Azurite writes stays in the temp dir
  exec "$ROOT/node_modules/.bin/azurite-table" --tableHost 127.0.0.1 --tablePort "$AZURITE_PORT" \
    --inMemoryPersistence --disableTelemetry --skipApiVersionCheck --silent
) >"$WORK/azurite.log" 2>&1 &
pids+=("$!")
wait_for_port "$AZURITE_PORT" || {
  cat "$WORK/azurite.log"
  echo "Azurite did not listen on port $AZURITE_PORT" >&2
  exit 1
}
STORAGE="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:$AZURITE_PORT/devstoreaccount1;"
echo "Azurite on 127.0.0.1:$AZURITE_PORT"

step "Start the production build on Node $("$NODE20" --version) (this machine)"
check_start "$NODE20" node20 || true

step "Node 24 from the npm registry (node-linux-<arch>, no install scripts)"
case "$(uname -m)" in
  x86_64 | amd64) arch=x64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *)
    echo "No node-linux package for $(uname -m)" >&2
    exit 1
    ;;
esac
NODE24_CACHE="$ROOT/node_modules/.cache/halteam-node24"
NODE24="$NODE24_CACHE/node_modules/node-linux-$arch/bin/node"
if [ -x "$NODE24" ] && "$NODE24" --version | grep -q '^v24\.'; then
  echo "cached: $NODE24 ($("$NODE24" --version))"
else
  rm -rf "$NODE24_CACHE"
  mkdir -p "$NODE24_CACHE"
  npm install --prefix "$NODE24_CACHE" --no-save --no-package-lock --ignore-scripts --no-audit --no-fund \
    --loglevel=error "node-linux-$arch@24"
  "$NODE24" --version | grep -q '^v24\.' || {
    echo "The downloaded binary is not Node 24" >&2
    exit 1
  }
  echo "installed: $NODE24 ($("$NODE24" --version))"
fi

step "Start the production build on Node $("$NODE24" --version)"
check_start "$NODE24" node24 || true

step "Unit tests on Node $("$NODE24" --version) (jest --selectProjects unit, in $ROOT)"
(cd "$ROOT" && "$NODE24" node_modules/.bin/jest --selectProjects unit) || fail "unit tests on Node 24"

step "Done"
printf '\nTimings\n'
printf '  %s\n' "${timings[@]}"
printf '  %-58s %10s\n' "total" "$(seconds "$(ms_since "$started_at")")"
if [ "$status" = 0 ]; then echo "Production smoke check passed."; else echo "Production smoke check FAILED (see above)."; fi
exit "$status"
