#!/usr/bin/env bash
# The AWS CLI against dynarock-server: a table's whole life, as a user types it.
#
# Why: the CLI is how people poke at a DynamoDB endpoint; it signs with SigV4 (botocore),
# checks x-amz-crc32 and prints service errors as "(ErrorCode)".
# Run by ctest through with_server.sh (DYNAROCK_ENDPOINT). Exit 77 (skipped) without `aws` or `jq`.
set -u

if ! command -v aws >/dev/null 2>&1; then
  echo "SKIP: the AWS CLI is not installed (apt-get install awscli)"
  exit 77
fi

if ! command -v jq >/dev/null 2>&1; then
  echo "SKIP: jq is not installed (apt-get install jq)"
  exit 77
fi

endpoint="${DYNAROCK_ENDPOINT:?set by with_server.sh}"
# Dummy credentials, isolated from any user configuration.
export AWS_ACCESS_KEY_ID="${DYNAROCK_ACCESS_KEY_ID:-dummy}"
export AWS_SECRET_ACCESS_KEY="${DYNAROCK_SECRET_ACCESS_KEY:-dummy}"
export AWS_DEFAULT_REGION=us-east-1
export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
export AWS_EC2_METADATA_DISABLED=true AWS_PAGER="" AWS_MAX_ATTEMPTS=1

passed=0
failed=0
ok() { echo "ok - $1"; passed=$((passed + 1)); }
fail() { echo "not ok - $1"; failed=$((failed + 1)); }

ddb() { aws dynamodb --endpoint-url "$endpoint" --output json "$@"; }

# expect_eq NAME ACTUAL EXPECTED
expect_eq() {
  if [[ "$2" == "$3" ]]; then ok "$1"; else fail "$1: got '$2', want '$3'"; fi
}

# expect_error NAME CODE COMMAND...: the command fails (CLI v1: 255, v2: 254) with "(CODE)"
# on stderr.
expect_error() {
  local name="$1" code="$2"
  shift 2
  local err status
  err="$("$@" 2>&1 >/dev/null)"
  status=$?
  if [[ $status -ne 0 && "$err" == *"($code)"* ]]; then
    ok "$name"
  else
    fail "$name: exit $status, stderr: $err"
  fi
}

table=cli_life

out="$(ddb create-table --table-name "$table" \
  --attribute-definitions AttributeName=pk,AttributeType=S AttributeName=sk,AttributeType=N \
  --key-schema AttributeName=pk,KeyType=HASH AttributeName=sk,KeyType=RANGE \
  --billing-mode PAY_PER_REQUEST)"
expect_eq "create-table" "$(jq -r .TableDescription.TableName <<<"$out")" "$table"

if aws dynamodb wait table-exists --endpoint-url "$endpoint" --table-name "$table"; then
  ok "wait table-exists"
else
  fail "wait table-exists"
fi

out="$(ddb describe-table --table-name "$table")"
expect_eq "describe-table status" "$(jq -r .Table.TableStatus <<<"$out")" "ACTIVE"
expect_eq "describe-table key schema" "$(jq -c .Table.KeySchema <<<"$out")" \
  '[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}]'

out="$(ddb list-tables)"
expect_eq "list-tables" "$(jq -c '.TableNames | index("'"$table"'") != null' <<<"$out")" "true"

item='{"pk":{"S":"k1"},"sk":{"N":"42"},"msg":{"S":"hello"},"n":{"N":"-0.5"},"l":{"L":[{"BOOL":false},{"NULL":true}]}}'
ddb put-item --table-name "$table" --item "$item" >/dev/null && ok "put-item" || fail "put-item"

out="$(ddb get-item --table-name "$table" --key '{"pk":{"S":"k1"},"sk":{"N":"42"}}' --consistent-read)"
expect_eq "get-item returns the item" "$(jq -cS .Item <<<"$out")" "$(jq -cS . <<<"$item")"

expect_error "put-item with a failing condition" ConditionalCheckFailedException \
  ddb put-item --table-name "$table" --item '{"pk":{"S":"k1"},"sk":{"N":"42"}}' \
  --condition-expression "attribute_not_exists(pk)"
out="$(ddb update-item --table-name "$table" --key '{"pk":{"S":"k1"},"sk":{"N":"42"}}' \
  --update-expression "SET n = n + :d" --expression-attribute-values '{":d":{"N":"1"}}' \
  --return-values UPDATED_NEW)"
expect_eq "update-item UPDATED_NEW" "$(jq -c .Attributes <<<"$out")" '{"n":{"N":"0.5"}}'
ddb update-item --table-name "$table" --key '{"pk":{"S":"k1"},"sk":{"N":"42"}}' \
  --update-expression "SET n = :v" --expression-attribute-values '{":v":{"N":"-0.5"}}' >/dev/null
out="$(ddb delete-item --table-name "$table" --key '{"pk":{"S":"k1"},"sk":{"N":"42"}}' \
  --return-values ALL_OLD)"
expect_eq "delete-item returns the old item" "$(jq -cS .Attributes <<<"$out")" "$(jq -cS . <<<"$item")"
out="$(ddb get-item --table-name "$table" --key '{"pk":{"S":"k1"},"sk":{"N":"42"}}')"
# An empty answer ({}) prints nothing.
expect_eq "get-item after delete" "$(jq -c .Item <<<"${out:-{\}}")" "null"
# query and scan: the CLI follows LastEvaluatedKey itself (--page-size 2 forces several pages).
for i in 1 2 3 4 5; do
  ddb put-item --table-name "$table" --item '{"pk":{"S":"q"},"sk":{"N":"'"$i"'"}}' >/dev/null
done
out="$(ddb query --table-name "$table" --key-condition-expression "pk = :p" \
  --expression-attribute-values '{":p":{"S":"q"}}' --page-size 2 --no-scan-index-forward)"
expect_eq "query pages in sort order" "$(jq -c '[.Items[].sk.N]' <<<"$out")" '["5","4","3","2","1"]'
out="$(ddb scan --table-name "$table" --page-size 2)"
expect_eq "scan pages over every item" "$(jq -r .Count <<<"$out")" "5"

expect_error "get-item on a missing table" ResourceNotFoundException \
  ddb get-item --table-name no_such_table --key '{"pk":{"S":"a"}}'
expect_error "create-table with an undefined key attribute" ValidationException \
  ddb create-table --table-name bad_schema \
  --attribute-definitions AttributeName=a,AttributeType=S \
  --key-schema AttributeName=b,KeyType=HASH --billing-mode PAY_PER_REQUEST
# An operation the CLI knows but dynarock does not implement: answered as DynamoDB answers an
# unknown target. (Replace when ListBackups is implemented.)
expect_error "an operation dynarock does not know" UnknownOperationException \
  ddb list-backups

ddb delete-table --table-name "$table" >/dev/null && ok "delete-table" || fail "delete-table"
if aws dynamodb wait table-not-exists --endpoint-url "$endpoint" --table-name "$table"; then
  ok "wait table-not-exists"
else
  fail "wait table-not-exists"
fi
out="$(ddb list-tables)"
expect_eq "list-tables after delete" "$(jq -c '.TableNames | index("'"$table"'")' <<<"$out")" "null"

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
