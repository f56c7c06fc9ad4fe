#!/usr/bin/env bash
# Several instances behind a reverse proxy: three `worklane serve` processes on one
# fresh database (and one shared data directory, standing in for an object store)
# behind nginx (Debian's package, run as a plain process with its config, pid, logs
# and temporary files under target/multi-instance/, no system service touched),
# then scripts/multi_instance_check.py checks through the proxy and around it:
# a client sees no difference (and search and job edits reach every instance),
# background jobs run exactly once, WebSocket messages
# cross instances, rate limits hold across instances, an instance dying mid-traffic,
# and throughput through the proxy vs one instance. Prints PASS/FAIL lines with the
# figures (also in target/multi-instance/results.json) and exits non-zero on a FAIL.
# Everything it started (instances, nginx, the database) is removed on exit.
#
#   DATABASE_URL=postgres://.../worklane scripts/multi-instance.sh
#
# Variables: WORKLANE_BIN (default target/debug/worklane), MULTI_PORT (nginx's port;
# the instances take the next three, and nginx over instance 1 alone, the throughput
# baseline, the one after; default 18310),
# MULTI_DB (database name, default worklane_multi_instance), MULTI_INSTANCES (3).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

: "${DATABASE_URL:?DATABASE_URL must point at the PostgreSQL cluster (scripts/db.sh url)}"
bin="${WORKLANE_BIN:-$root/target/debug/worklane}"
proxy_port="${MULTI_PORT:-18310}"
instances="${MULTI_INSTANCES:-3}"
db_name="${MULTI_DB:-worklane_multi_instance}"
work="$root/target/multi-instance"
admin_url="$(sed -E 's#^(postgres(ql)?://[^/]*)/[^?]*#\1/postgres#' <<< "$DATABASE_URL")"
db_url="$(sed -E "s#^(postgres(ql)?://[^/]*)/[^?]*#\1/$db_name#" <<< "$DATABASE_URL")"

[ -x "$bin" ] || { echo "no server binary at $bin (cargo build -p worklane-api --bin worklane, or set WORKLANE_BIN)"; exit 1; }

nginx_bin="$(command -v nginx || true)"
[ -z "$nginx_bin" ] && [ -x /usr/sbin/nginx ] && nginx_bin=/usr/sbin/nginx
if [ -z "$nginx_bin" ]; then
  echo "==> installing nginx (apt)"
  SUDO=$( [ "$(id -u)" = 0 ] || echo sudo )
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nginx > /dev/null
  nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"
fi

# Leftovers of a run that was killed before it could clean up hold the ports.
for pidfile in "$work"/instance-*.pid "$work/nginx/nginx.pid"; do
  [ -f "$pidfile" ] || continue
  pid="$(cat "$pidfile" 2> /dev/null || true)"
  if [ -n "$pid" ] && grep -qaE "worklane|nginx" "/proc/$pid/cmdline" 2> /dev/null; then
    kill "$pid" 2> /dev/null || true
  fi
done
rm -rf "$work"
mkdir -p "$work/nginx/tmp" "$work/files" "$work/fixtures"

cleanup() {
  local status=$?
  for pidfile in "$work"/instance-*.pid "$work/nginx/nginx.pid"; do
    [ -f "$pidfile" ] || continue
    pid="$(cat "$pidfile" 2> /dev/null || true)"
    [ -n "$pid" ] && kill "$pid" 2> /dev/null || true
  done
  # Give them a moment to go (graceful), then make sure.
  for pidfile in "$work"/instance-*.pid "$work/nginx/nginx.pid"; do
    [ -f "$pidfile" ] || continue
    pid="$(cat "$pidfile" 2> /dev/null || true)"
    [ -z "$pid" ] && continue
    for _ in $(seq 1 50); do kill -0 "$pid" 2> /dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2> /dev/null || true
  done
  psql "$admin_url" -qc "DROP DATABASE IF EXISTS $db_name WITH (FORCE)" > /dev/null 2>&1 || true
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "==> fresh database $db_name, migrated once"
psql "$admin_url" -qc "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $db_name WITH (FORCE)" \
  -c "CREATE DATABASE $db_name" > /dev/null
DATABASE_URL="$db_url" WORKLANE_ENV=test "$bin" migrate > /dev/null
DATABASE_URL="$db_url" WORKLANE_ENV=test "$bin" seed > /dev/null

# One secret for all instances: a token minted by one is checked by the others.
secret="multi-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
# Every instance runs with the same configuration; only the address differs.
# Rate limits stay on (the defaults), with sign-ups per address made small so the
# check can spend them; the per-user message flood limit (a policy, not a per-address
# limit) is raised for the WebSocket latency run of 200 messages from one person.
static_line=""
[ -f "$root/frontend/dist/index.html" ] && static_line="export WORKLANE_STATIC_DIR='$root/frontend/dist'"
cat > "$work/instance.sh" << EOF
#!/usr/bin/env bash
# Runs instance N in the foreground (exec: its pid is the server's).
n="\$1"
export WORKLANE_ENV=test
export DATABASE_URL='$db_url'
export WORKLANE_ADDR="127.0.0.1:\$(( $proxy_port + n ))"
export WORKLANE_PUBLIC_URL='http://127.0.0.1:$proxy_port'
export WORKLANE_JWT_SECRET='$secret'
export WORKLANE_DATA_DIR='$work/files'
export WORKLANE_SEARCH_DIR=memory
export WORKLANE_TRUST_PROXY_HEADERS=true
export WORKLANE_RATE_LIMITS='signup_per_ip=5/1h'
export WORKLANE_MESSAGES_PER_MINUTE=100000
export WORKLANE_SECURITY_PERIOD_DAYS=0
export WORKLANE_WITHDRAWAL_METHOD_WAIT_DAYS=0
export WORKLANE_WEBHOOKS_ALLOW_PRIVATE=true
export WORKLANE_WORKER_POLL_MS=200
export WORKLANE_DB_POOL_SIZE=8
export RUST_LOG=info,actix_server=warn,diesel=warn
export NO_COLOR=1
$static_line
exec '$bin' serve
EOF
chmod +x "$work/instance.sh"

# Starts instance N in the background, its pid in instance-N.pid (the check script
# calls this again to bring a killed instance back).
cat > "$work/start-instance.sh" << EOF
#!/usr/bin/env bash
n="\$1"
nohup '$work/instance.sh' "\$n" >> '$work/instance-'"\$n"'.log' 2>&1 < /dev/null &
echo \$! > '$work/instance-'"\$n"'.pid'
EOF
chmod +x "$work/start-instance.sh"

wait_healthy() { # url pidfile log
  for _ in $(seq 1 300); do
    curl -fs "$1/health" > /dev/null 2>&1 && return 0
    kill -0 "$(cat "$2")" 2> /dev/null || { echo "process died:"; tail -30 "$3"; return 1; }
    sleep 0.1
  done
  echo "not healthy after 30 s: $1"; tail -30 "$3"; return 1
}

echo "==> $instances instances on ports $((proxy_port + 1))-$((proxy_port + instances))"
for n in $(seq 1 "$instances"); do "$work/start-instance.sh" "$n"; done
for n in $(seq 1 "$instances"); do
  wait_healthy "http://127.0.0.1:$((proxy_port + n))" "$work/instance-$n.pid" "$work/instance-$n.log"
done

# nginx: one worker (so round-robin is one global rotation), everything under
# target/, WebSocket upgrade for /api/v1/ws, the client's address in X-Forwarded-For
# (set, not appended: the server takes the first address it is given, so a client's
# own X-Forwarded-For or Forwarded header must never reach it).
upstreams=""
for n in $(seq 1 "$instances"); do
  upstreams+="    server 127.0.0.1:$((proxy_port + n)) max_fails=1 fail_timeout=2s;"$'\n'
done
# A location with any proxy_set_header of its own inherits none from the server
# block, so each location gets the whole set.
headers='      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $remote_addr;
      proxy_set_header Forwarded "";
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_set_header X-Request-Id $request_id;'
single_port=$((proxy_port + instances + 1))
server_block() { # port upstream
  cat << BLOCK
  server {
    listen 127.0.0.1:$1;

    proxy_http_version 1.1;
    # Idempotent requests go to the next instance when one fails (nginx never
    # resends a request that reached an instance, unless it is idempotent).
    proxy_next_upstream error timeout http_502 http_503 http_504;
    proxy_next_upstream_tries 3;
    proxy_connect_timeout 2s;
    # Which instance answered (for these checks; a production proxy need not say).
    add_header X-Worklane-Upstream \$upstream_addr always;

    location = /api/v1/ws {
      proxy_pass http://$2;
$headers
      proxy_set_header Upgrade \$http_upgrade;
      proxy_set_header Connection \$connection_upgrade;
      # The server pings every 30 s.
      proxy_read_timeout 120s;
    }

    location / {
      proxy_pass http://$2;
$headers
      proxy_set_header Connection "";
    }
  }
BLOCK
}
user_line=""
[ "$(id -u)" = 0 ] && user_line="user root;"
cat > "$work/nginx/nginx.conf" << EOF
# Generated by scripts/multi-instance.sh; see docs/deployment.md.
$user_line
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 1024; }
http {
  # \$uri, not \$request: the WebSocket's access token is in its query string.
  log_format upstream '\$remote_addr \$request_method \$uri \$status upstream=\$upstream_addr '
                      'upstream_status=\$upstream_status \${request_time}s';
  access_log $work/nginx/access.log upstream buffer=32k flush=1s;
  client_body_temp_path $work/nginx/tmp/body;
  proxy_temp_path $work/nginx/tmp/proxy;
  fastcgi_temp_path $work/nginx/tmp/fastcgi;
  uwsgi_temp_path $work/nginx/tmp/uwsgi;
  scgi_temp_path $work/nginx/tmp/scgi;
  # Attachments are up to 25 MB; multipart adds a little.
  client_max_body_size 30m;

  map \$http_upgrade \$connection_upgrade {
    default upgrade;
    ''      '';
  }

  upstream worklane {
$upstreams    keepalive 32;
  }
$(server_block "$proxy_port" worklane)

  # The same proxy over instance 1 alone: the throughput check's baseline for
  # what the proxy hop itself costs.
  upstream worklane_one {
    server 127.0.0.1:$((proxy_port + 1));
    keepalive 32;
  }
$(server_block "$single_port" worklane_one)
}
EOF
echo "==> nginx on 127.0.0.1:$proxy_port (config: target/multi-instance/nginx/nginx.conf)"
"$nginx_bin" -t -q -p "$work/nginx" -e "$work/nginx/error.log" -c "$work/nginx/nginx.conf"
"$nginx_bin" -p "$work/nginx" -e "$work/nginx/error.log" -c "$work/nginx/nginx.conf"
for _ in $(seq 1 100); do
  [ -s "$work/nginx/nginx.pid" ] && curl -fs "http://127.0.0.1:$proxy_port/health" > /dev/null 2>&1 && break
  sleep 0.1
done
curl -fs "http://127.0.0.1:$proxy_port/health" > /dev/null || { echo "nginx is not answering:"; cat "$work/nginx/error.log"; exit 1; }

ports=""
for n in $(seq 1 "$instances"); do ports+="${ports:+,}$((proxy_port + n))"; done
MULTI_WORK="$work" MULTI_BIN="$bin" MULTI_DB_URL="$db_url" MULTI_SECRET="$secret" \
MULTI_PROXY_PORT="$proxy_port" MULTI_INSTANCE_PORTS="$ports" MULTI_SINGLE_PROXY_PORT="$single_port" \
  python3 "$root/scripts/multi_instance_check.py"
