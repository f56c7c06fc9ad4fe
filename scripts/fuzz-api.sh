#!/usr/bin/env bash
# The OpenAPI fuzz run (schemathesis) against a running server, as three people:
#   client      a verified client with a card (signed up here)
#   freelancer  a verified freelancer with a profile (signed up here)
#   admin       the demo admin (`seed --demo`)
# Each of the client and the freelancer gets a contract with a demo account (job ->
# proposal -> offer -> accepted: a funded milestone, a conversation), so both own
# objects, and the two share nothing. Each role gets its own runs over what that role
# can do: examples, coverage and fuzzing, then the stateful phase, which follows the
# OpenAPI links of openapi/links.json. The client and the freelancer are declared peers
# (schemathesis config `[auth.wfc] peers`, over a Web Fuzzing Commons auth document
# listing all three): the object_level_authorization check replays each one's reads of
# its own objects as the other and fails when the other gets the same object (and
# neither an anonymous request nor the other's own list gets it). The admin is no peer:
# admins read everyone's objects by design.
#
#   scripts/fuzz-api.sh BASE_URL            e.g. http://127.0.0.1:18080
#   SCHEMATHESIS_MAX_EXAMPLES=40            examples per operation (default 40: the three
#                                           roles take about 8 minutes on two cores)
#   SCHEMATHESIS_STATEFUL_EXAMPLES=120      stateful scenarios per run (default 3x the above)
#   FUZZ_ROLES="client freelancer admin"    the runs to do
#   FUZZ_SCHEMA=openapi/openapi.json        fuzz this file (with openapi/links.json merged
#                                           in) instead of the server's live document
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
base="${1:?usage: scripts/fuzz-api.sh BASE_URL}"
base="${base%/}"
st="$root/.venv/bin/schemathesis"
examples="${SCHEMATHESIS_MAX_EXAMPLES:-40}"
stateful_examples="${SCHEMATHESIS_STATEFUL_EXAMPLES:-$((examples * 3))}"
roles="${FUZZ_ROLES:-client freelancer admin}"
work="$(mktemp -d "${TMPDIR:-/tmp}/worklane-fuzz.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# The live document carries the links (merged at build time); a file gets them merged
# here the same way (scripts/fuzz_api.py merge-links, which also checks every link).
if [[ -n "${FUZZ_SCHEMA:-}" ]]; then
  python3 "$root/scripts/fuzz_api.py" merge-links "$FUZZ_SCHEMA" "$root/openapi/links.json" "$work/openapi.json"
  schema="$work/openapi.json"
else
  schema="$base/api/v1/openapi.json"
fi

python3 "$root/scripts/fuzz_api.py" accounts "$base" "$work"

checks=not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,negative_data_rejection

# Operations only a client does (403 for a freelancer)...
client_only=(
  create_job update_job publish_job close_job cancel_job my_jobs job_proposals suggested_talent
  invite job_invitations shortlist_proposal archive_proposal decline_proposal
  create_offer withdraw_offer fund_milestone approve_milestone request_changes add_milestone
  edit_milestone delete_milestone pay_bonus pause_contract resume_contract change_terms
  my_client_profile save_client_profile list_payment_methods add_payment_method
  remove_payment_method deposit
)
# ...and only a freelancer does (403 for a client).
freelancer_only=(
  submit_proposal withdraw_proposal my_proposals bid_range recommended_jobs accept_offer decline_offer
  submit_work log_time edit_time delete_time my_freelancer_profile save_freelancer_profile
  upload_photo my_connects buy_connects my_invitations accept_invitation decline_invitation
  list_withdrawal_methods add_withdrawal_method remove_withdrawal_method withdraw list_withdrawals
  upload_document
)

run() {
  local role="$1"
  shift
  local config="$work/$role.toml"
  {
    echo "[auth.wfc]"
    echo "path = \"$work/auth.json\""
    echo "user = \"$role\""
    [[ "$role" == admin ]] || echo 'peers = ["client", "freelancer"]'
    # The stateful phase follows the links of openapi/links.json only (none inferred), in
    # scenarios of up to 10 steps.
    echo "[phases.stateful]"
    echo "max-steps = 10"
    echo "[phases.stateful.inference]"
    echo "algorithms = []"
    echo "[phases.stateful.generation]"
    echo "max-examples = $stateful_examples"
  } > "$config"
  local started=$SECONDS
  # Never the dev clock (moving time on expires every token and offer), and never
  # signing its own session out (everywhere, or by id from GET /me/sessions): every later
  # operation would only see 401. The stateful phase runs on its own: after the other
  # phases in the same run it stops after a handful of scenarios.
  # One worker: with two, CPython 3.11's ast.parse (Hypothesis describing a filter)
  # sometimes fails across threads ("AST constructor recursion depth mismatch").
  local phases role_checks="$checks"
  [[ "$role" == admin ]] || role_checks+=",object_level_authorization"
  for phases in examples,coverage,fuzzing stateful; do
    echo "==> schemathesis as the $role: $phases"
    (cd "$work" && "$st" --config-file "$config" run "$schema" \
      --url "$base" \
      --phases "$phases" \
      --checks "$role_checks" \
      --max-examples "$examples" \
      --workers 1 \
      --seed 20261126 \
      --exclude-operation-id sign_out_everywhere \
      --exclude-operation-id revoke_session \
      --no-color \
      "$@")
  done
  echo "==> $role: $((SECONDS - started))s"
}

for role in $roles; do
  case "$role" in
    client)
      args=(--exclude-path-regex '^/api/v1/(admin|dev/clock)/')
      for op in "${freelancer_only[@]}"; do args+=(--exclude-operation-id "$op"); done
      run client "${args[@]}"
      ;;
    freelancer)
      # What anyone may call without signing in ran in the client's run.
      args=(--exclude-path-regex '^(/health|/api/v1/(admin/.*|dev/.*|auth/(login|logout|refresh|signup|verify-email)|categories|countries|fees/preview|skills|webhooks/event-types|ws|jobs/connects-cost|(clients|freelancers)(/.*)?))$')
      for op in "${client_only[@]}"; do args+=(--exclude-operation-id "$op"); done
      run freelancer "${args[@]}"
      ;;
    admin)
      run admin --include-path-regex '^/api/v1/admin/'
      ;;
    *)
      echo "unknown role $role" >&2
      exit 2
      ;;
  esac
done
echo "==> fuzz runs passed"
