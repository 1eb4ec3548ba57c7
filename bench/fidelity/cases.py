"""Fidelity cases: what DynamoDB is documented to answer. Used by compare.py.

Each case: id, source (where the expected answer is documented), optional setup (list of
(operation, body) that must succeed, or (operation, body, "may-fail") whose outcome is ignored), request (operation, body) and expect:
  status   HTTP status
  error    __type suffix after '#'
  message  exact message text (a list = any of these; used where the docs leave open whether
           the 2026 "1 validation error detected: " envelope applies)
  subset   JSON the response must contain (dict keys recursive, lists element-wise and ordered)
  absent   top-level members that must not be present
  equal    top-level members that must equal these values exactly (no extra keys)
"$T" / "$T2" in any string are replaced by table names unique to the case.
"reference §x" = ../shared/reference/dynamodb-api.md (next to this repository); "DG"/"API" = AWS Developer Guide / API Reference.
"""
import base64

ENV = "1 validation error detected: "


def table(pk="S", sk=None, name="$T", billing=None):
    """CreateTable setup step: key 'pk' of type pk, optional sort key 'sk' of type sk."""
    defs = [{"AttributeName": "pk", "AttributeType": pk}]
    keys = [{"AttributeName": "pk", "KeyType": "HASH"}]
    if sk:
        defs.append({"AttributeName": "sk", "AttributeType": sk})
        keys.append({"AttributeName": "sk", "KeyType": "RANGE"})
    body = {"TableName": name, "AttributeDefinitions": defs, "KeySchema": keys,
            "BillingMode": "PAY_PER_REQUEST"}
    if billing:
        body.update(billing)
    return ("CreateTable", body)


def put(item, name="$T"):
    return ("PutItem", {"TableName": name, "Item": item})


def S(v):
    return {"S": v}


def N(v):
    return {"N": v}


def B(raw):
    return {"B": base64.b64encode(raw).decode()}


def ok(subset=None, absent=(), equal=None):
    expect = {"status": 200, "absent": list(absent)}
    if subset is not None:
        expect["subset"] = subset
    if equal is not None:
        expect["equal"] = equal
    return expect


def err(error, message=None):
    expect = {"status": 400, "error": error}
    if message is not None:
        expect["message"] = message
    return expect


def validation(message):
    return err("ValidationException", message)


def either_envelope(core):
    """Bare or enveloped: the reference (§intro) cannot say which this message uses now."""
    return [core, ENV + core]


def get(key, **extra):
    return ("GetItem", dict({"TableName": "$T", "Key": key}, **extra))


def update(key, expr, values=None, names=None, **extra):
    body = {"TableName": "$T", "Key": key, "UpdateExpression": expr}
    if values is not None:
        body["ExpressionAttributeValues"] = values
    if names is not None:
        body["ExpressionAttributeNames"] = names
    body.update(extra)
    return ("UpdateItem", body)


def query(pk_value, **extra):
    return ("Query", dict({"TableName": "$T", "KeyConditionExpression": "pk = :p",
                           "ExpressionAttributeValues": {":p": S(pk_value)}}, **extra))


def sort_items(sk_type, values):
    """Setup: table (pk S, sk sk_type) and one item per sort key value under pk 'p'."""
    return [table("S", sk_type)] + [put({"pk": S("p"), "sk": {sk_type: v}}) for v in values]


def gsi_table(projection="ALL"):
    """CreateTable setup step: pk S with a GSI 'byg' on g (S)."""
    return ("CreateTable", {
        "TableName": "$T", "BillingMode": "PAY_PER_REQUEST",
        "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"},
                                 {"AttributeName": "g", "AttributeType": "S"}],
        "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
        "GlobalSecondaryIndexes": [{"IndexName": "byg",
                                    "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
                                    "Projection": {"ProjectionType": projection}}]})


def b64(raw):
    return base64.b64encode(raw).decode()


MAX_N = "9.9999999999999999999999999999999999999E+125"
DIGITS_38 = "12345678901234567890123456789012345678"
# item size = len("pk") + len("k") + len("d") + len(value)
SIZE_FILL = 409600 - 2 - 1 - 1
N_ORDER_IN = ["10", "-5", "2.5", "-0.1", "0", "100", "9", "-100"]
N_ORDER_OUT = ["-100", "-5", "-0.1", "0", "2.5", "9", "10", "100"]
B_ORDER_OUT = [b"\x00", b"\x01\x00", b"\x7f", b"\x80", b"\xff"]
S_ORDER_OUT = ["Z", "a", "\u00e4", "\uff5e", "\U0001f600"]  # UTF-8 order; UTF-16 would swap the last two

CASES = [
    # --- numbers -----------------------------------------------------------------------
    {"id": "num-38-digits-kept", "source": "reference §1.4; DG Data types (Number: 38 digits of precision)",
     "setup": [table(), put({"pk": S("k"), "n": N(DIGITS_38)})],
     "request": get({"pk": S("k")}), "expect": ok({"Item": {"n": N(DIGITS_38)}})},
    {"id": "num-39-digits", "source": "reference §1.2 (> 38 digits); DG Data types",
     "setup": [table()], "request": put({"pk": S("k"), "n": N(DIGITS_38 + "9")}),
     "expect": validation("Attempting to store more than 38 significant digits in a Number")},
    {"id": "num-39-digits-trailing-zeros", "source": "reference §1.4 (significant digits; trailing zeros are not significant)",
     "setup": [table(), put({"pk": S("k"), "n": N(DIGITS_38 + "000")})],
     "request": get({"pk": S("k")}), "expect": ok({"Item": {"n": N(DIGITS_38 + "000")}})},
    {"id": "num-normalize-zeros", "source": "reference §1.4 Normalisation [LIVE2, LIVE]",
     "setup": [table(), put({"pk": S("k"), "a": N("1.10"), "b": N("100.000"), "c": N("007"),
                            "d": N("+5"), "e": N(".5")})],
     "request": get({"pk": S("k")}),
     "expect": ok({"Item": {"a": N("1.1"), "b": N("100"), "c": N("7"), "d": N("5"), "e": N("0.5")}})},
    {"id": "num-negative-zero", "source": "reference §1.4 Normalisation (-0, 0.0, 0e5 -> 0)",
     "setup": [table(), put({"pk": S("k"), "a": N("-0"), "b": N("0.0"), "c": N("0e5")})],
     "request": get({"pk": S("k")}), "expect": ok({"Item": {"a": N("0"), "b": N("0"), "c": N("0")}})},
    {"id": "num-exponent-expanded", "source": "reference §1.4 Normalisation (exponents expanded)",
     "setup": [table(), put({"pk": S("k"), "a": N("1e3"), "b": N("1.23e-1"), "c": N("1e-20")})],
     "request": get({"pk": S("k")}),
     "expect": ok({"Item": {"a": N("1000"), "b": N("0.123"), "c": N("0.00000000000000000001")}})},
    {"id": "num-max-magnitude", "source": "reference §1.4; DG Data types (up to 9.99...E+125)",
     "setup": [table(), put({"pk": S("k"), "n": N(MAX_N)})],
     "request": get({"pk": S("k")}), "expect": ok({"Item": {"n": N("9" * 38 + "0" * 88)}})},
    {"id": "num-min-magnitude", "source": "reference §1.4; DG Data types (positive from 1E-130)",
     "setup": [table(), put({"pk": S("k"), "n": N("-1E-130")})],
     "request": get({"pk": S("k")}), "expect": ok({"Item": {"n": N("-0." + "0" * 129 + "1")}})},
    {"id": "num-overflow", "source": "reference §1.2 (too large)",
     "setup": [table()], "request": put({"pk": S("k"), "n": N("1E+126")}),
     "expect": validation("Number overflow. Attempting to store a number with magnitude larger than supported range")},
    {"id": "num-underflow", "source": "reference §1.2 (too small)",
     "setup": [table()], "request": put({"pk": S("k"), "n": N("1E-131")}),
     "expect": validation("Number underflow. Attempting to store a number with magnitude smaller than supported range")},
    {"id": "num-not-numeric", "source": "reference §1.2 (N not a number)",
     "setup": [table()], "request": put({"pk": S("k"), "n": N("abc")}),
     "expect": validation("The parameter cannot be converted to a numeric value: abc")},
    {"id": "num-key-equivalence", "source": "reference §1.4 (key values compare by numeric value, returned as 1000)",
     "setup": [table("N"), put({"pk": N("1000"), "v": S("x")})],
     "request": get({"pk": N("1E+3")}), "expect": ok(equal={"Item": {"pk": N("1000"), "v": S("x")}})},

    # --- sort key order ----------------------------------------------------------------
    {"id": "query-order-n", "source": "API Query ScanIndexForward (Number: numeric order)",
     "setup": sort_items("N", N_ORDER_IN),
     "request": query("p", ProjectionExpression="sk"),
     "expect": ok({"Items": [{"sk": N(v)} for v in N_ORDER_OUT]})},
    {"id": "query-order-n-desc", "source": "API Query ScanIndexForward=false (reverse order)",
     "setup": sort_items("N", N_ORDER_IN),
     "request": query("p", ProjectionExpression="sk", ScanIndexForward=False),
     "expect": ok({"Items": [{"sk": N(v)} for v in reversed(N_ORDER_OUT)]})},
    {"id": "query-order-b", "source": "API Query ScanIndexForward (Binary: bytes unsigned)",
     "setup": sort_items("B", [b64(v) for v in reversed(B_ORDER_OUT)]),
     "request": query("p", ProjectionExpression="sk"),
     "expect": ok({"Items": [{"sk": B(v)} for v in B_ORDER_OUT]})},
    {"id": "query-order-s-utf8", "source": "API Query ScanIndexForward (String: order of UTF-8 bytes)",
     "setup": sort_items("S", list(reversed(S_ORDER_OUT))),
     "request": query("p", ProjectionExpression="sk"),
     "expect": ok({"Items": [{"sk": S(v)} for v in S_ORDER_OUT]})},

    # --- item and key size -------------------------------------------------------------
    {"id": "item-size-400kb-exact", "source": "reference §1.6; DG Constraints (item size 400 KB incl. names)",
     "setup": [table()], "request": put({"pk": S("k"), "d": S("x" * SIZE_FILL)}), "expect": ok()},
    {"id": "item-size-400kb-plus-1", "source": "reference §1.6 (PutItem over limit)",
     "setup": [table()], "request": put({"pk": S("k"), "d": S("x" * (SIZE_FILL + 1))}),
     "expect": validation("Item size has exceeded the maximum allowed size")},
    {"id": "update-item-size-over", "source": "reference §1.6 (UpdateItem over limit)",
     "setup": [table(), put({"pk": S("k"), "a": S("x" * 300000)})],
     "request": update({"pk": S("k")}, "SET b = :v", {":v": S("y" * 200000)}),
     "expect": validation("Item size to update has exceeded the maximum allowed size")},
    {"id": "pk-2048-bytes", "source": "reference §1.7; DG Constraints (partition key 2048 bytes)",
     "setup": [table()], "request": put({"pk": S("k" * 2048)}), "expect": ok()},
    {"id": "pk-2049-bytes", "source": "reference §1.7 (partition key too long) [MOTO-V]",
     "setup": [table()], "request": put({"pk": S("k" * 2049)}),
     "expect": validation("One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes")},
    {"id": "sk-1025-bytes", "source": "reference §1.7; DG Constraints (sort key 1024 bytes)",
     "setup": [table("S", "S")], "request": put({"pk": S("k"), "sk": S("s" * 1025)}),
     "expect": validation("One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes")},
    {"id": "pk-binary-2048-decoded", "source": "reference §1.5 (limits count decoded bytes)",
     "setup": [table("B")], "request": put({"pk": B(b"\xab" * 2048)}), "expect": ok()},

    # --- empty values ------------------------------------------------------------------
    {"id": "empty-string-key-put", "source": "reference §1.3; DG Data types (empty key values rejected)",
     "setup": [table()], "request": put({"pk": S("")}),
     "expect": validation("One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: pk")},
    {"id": "empty-binary-key-put", "source": "reference §1.3",
     "setup": [table("B")], "request": put({"pk": {"B": ""}}),
     "expect": validation("One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty binary value. Key: pk")},
    {"id": "empty-string-key-get", "source": "reference §1.3 (same text on GetItem key lookups)",
     "setup": [table()], "request": get({"pk": S("")}),
     "expect": validation("One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: pk")},
    {"id": "empty-values-nonkey", "source": "reference §1.3; DG Data types (empty S/B allowed for non-key attributes)",
     "setup": [table(), put({"pk": S("k"), "s": S(""), "b": {"B": ""},
                            "l": {"L": [S("")]}, "ss": {"SS": [""]}})],
     "request": get({"pk": S("k")}),
     "expect": ok({"Item": {"s": S(""), "b": {"B": ""}, "l": {"L": [S("")]}, "ss": {"SS": [""]}}})},

    # --- key validation ----------------------------------------------------------------
    {"id": "put-key-type-mismatch", "source": "reference §4.0 Item validation",
     "setup": [table()], "request": put({"pk": N("1")}),
     "expect": validation("One or more parameter values were invalid: Type mismatch for key pk expected: S actual: N")},
    {"id": "put-missing-key", "source": "reference §4.0 Item validation",
     "setup": [table()], "request": put({"other": S("x")}),
     "expect": validation("One or more parameter values were invalid: Missing the key pk in the item")},
    {"id": "get-key-type-mismatch", "source": "reference §4.0 Key validation [LIVE]",
     "setup": [table()], "request": get({"pk": N("1")}),
     "expect": validation("The provided key element does not match the schema")},
    {"id": "get-key-extra-attribute", "source": "reference §4.0 Key validation [LIVE]",
     "setup": [table()], "request": get({"pk": S("k"), "x": S("y")}),
     "expect": validation("The provided key element does not match the schema")},

    # --- missing table -----------------------------------------------------------------
    {"id": "get-missing-table", "source": "reference §4.0 TableName (data plane) [LIVE]",
     "request": get({"pk": S("k")}),
     "expect": err("ResourceNotFoundException", "Requested resource not found")},
    {"id": "describe-missing-table", "source": "reference §4.0 TableName (DescribeTable)",
     "request": ("DescribeTable", {"TableName": "$T"}),
     "expect": err("ResourceNotFoundException", "Requested resource not found: Table: $T not found")},

    # --- conditions --------------------------------------------------------------------
    {"id": "condition-failed", "source": "reference §4.7, §8.6 [LIVE]",
     "setup": [table(), put({"pk": S("k")})],
     "request": ("PutItem", {"TableName": "$T", "Item": {"pk": S("k")},
                             "ConditionExpression": "attribute_not_exists(pk)"}),
     "expect": err("ConditionalCheckFailedException", "The conditional request failed")},
    {"id": "condition-failed-return-item", "source": "reference §4.0 ReturnValuesOnConditionCheckFailure [LIVE2]; API PutItem",
     "setup": [table(), put({"pk": S("k"), "a": N("1")})],
     "request": ("DeleteItem", {"TableName": "$T", "Key": {"pk": S("k")},
                                "ConditionExpression": "a = :two", "ExpressionAttributeValues": {":two": N("2")},
                                "ReturnValuesOnConditionCheckFailure": "ALL_OLD"}),
     "expect": dict(err("ConditionalCheckFailedException", "The conditional request failed"),
                    equal={"Item": {"pk": S("k"), "a": N("1")}})},

    # --- UpdateExpression errors -------------------------------------------------------
    {"id": "update-overlapping-paths", "source": "reference §3.6 (overlap; env) [MOTO-V]",
     "setup": [table()], "request": update({"pk": S("k")}, "SET a = :v REMOVE a", {":v": S("x")}),
     "expect": validation(ENV + "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a]")},
    {"id": "update-conflicting-paths", "source": "reference §3.6 (conflict) [DYNALITE]",
     "setup": [table()], "request": update({"pk": S("k")}, "SET a.c = :v, a[1] = :v", {":v": S("x")}),
     "expect": validation(either_envelope("Invalid UpdateExpression: Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [a, c], path two: [a, [1]]"))},
    {"id": "update-unknown-function", "source": "reference §3.6 (unknown function) [DYNALITE]",
     "setup": [table()], "request": update({"pk": S("k")}, "SET a = foo(:v)", {":v": S("x")}),
     "expect": validation(either_envelope("Invalid UpdateExpression: Invalid function name; function: foo"))},
    {"id": "update-if-not-exists-needs-path", "source": "reference §3.6 (if_not_exists first argument)",
     "setup": [table()], "request": update({"pk": S("k")}, "SET a = if_not_exists(:v, :v)", {":v": S("x")}),
     "expect": validation(either_envelope("Invalid UpdateExpression: Operator or function requires a document path; operator or function: if_not_exists"))},
    {"id": "update-undefined-value", "source": "reference §3.7 (value used, not defined) [LIVE]",
     "setup": [table()], "request": update({"pk": S("k")}, "SET a = :x"),
     "expect": validation(either_envelope("Invalid UpdateExpression: An expression attribute value used in expression is not defined; attribute value: :x"))},
    {"id": "update-undefined-name", "source": "reference §3.7 (name used, not defined) [LIVE]",
     "setup": [table()], "request": update({"pk": S("k")}, "SET #n = :v", {":v": S("x")}),
     "expect": validation(either_envelope("Invalid UpdateExpression: An expression attribute name used in the document path is not defined; attribute name: #n"))},
    {"id": "update-unused-value", "source": "reference §3.7 (unused EAV; env) [LIVE]",
     "setup": [table()], "request": update({"pk": S("k")}, "SET a = :v", {":v": S("x"), ":unused": S("y")}),
     "expect": validation(ENV + "Value provided in ExpressionAttributeValues unused in expressions: keys: {:unused}")},
    {"id": "update-unused-name", "source": "reference §3.7 (unused EAN; env) [LIVE][MOTO-V]",
     "setup": [table()], "request": update({"pk": S("k")}, "SET a = :v", {":v": S("x")}, {"#unused": "b"}),
     "expect": validation(ENV + "Value provided in ExpressionAttributeNames unused in expressions: keys: {#unused}")},
    {"id": "update-key-attribute", "source": "reference §3.6 (cannot update key; bare) [LIVE]",
     "setup": [table()], "request": update({"pk": S("k")}, "SET pk = :v", {":v": S("x")}),
     "expect": validation("One or more parameter values were invalid: Cannot update attribute pk. This attribute is part of the key")},
    {"id": "update-empty-expression", "source": "reference §3.6 (empty expression; env) [LIVE][MOTO-V]",
     "setup": [table()], "request": update({"pk": S("k")}, ""),
     "expect": validation(ENV + "Invalid UpdateExpression: The expression can not be empty;")},
    {"id": "update-clause-twice", "source": "reference §3.6 (each clause once; env) [MOTO-V]",
     "setup": [table()], "request": update({"pk": S("k")}, "SET a = :v SET b = :v", {":v": S("x")}),
     "expect": validation(ENV + "Invalid UpdateExpression: The \"SET\" section can only be used once in an update expression;")},
    {"id": "update-missing-operand", "source": "reference §3.6 (path value does not exist; bare)",
     "setup": [table(), put({"pk": S("k")})],
     "request": update({"pk": S("k")}, "SET a = b + :v", {":v": N("1")}),
     "expect": validation("The provided expression refers to an attribute that does not exist in the item")},

    {"id": "update-add-string-literal", "source": "reference §3.6 (ADD operand type) [DYNALITE]",
     "setup": [table()], "request": update({"pk": S("k")}, "ADD a :v", {":v": S("x")}),
     "expect": validation(either_envelope("Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: STRING"))},
    {"id": "update-add-decimal-exact", "source": "DG Data types (numbers are exact decimals); reference §1.4",
     "setup": [table(), put({"pk": S("k"), "n": N("0.1")})],
     "request": update({"pk": S("k")}, "ADD n :v", {":v": N("0.2")}, ReturnValues="UPDATED_NEW"),
     "expect": ok(equal={"Attributes": {"n": N("0.3")}})},
    {"id": "update-arithmetic-overflow", "source": "reference §1.4 (arithmetic results are checked) [LIVE2]",
     "setup": [table(), put({"pk": S("k"), "n": N("9e125")})],
     "request": update({"pk": S("k")}, "SET n = n + :v", {":v": N("9e125")}),
     "expect": validation("Number overflow. Attempting to store a number with magnitude larger than supported range")},
    {"id": "update-arithmetic-39-digits", "source": "reference §1.4 (1e50 + 1 needs 51 digits: reported as overflow) [LIVE2]",
     "setup": [table(), put({"pk": S("k"), "n": N("1e50")})],
     "request": update({"pk": S("k")}, "SET n = n + :v", {":v": N("1")}),
     "expect": validation("Number overflow. Attempting to store a number with magnitude larger than supported range")},
    {"id": "filter-size-alone", "source": "reference §3.3 (size() must be a comparison operand) [LIVE2][DYNALITE]",
     "setup": [table()], "request": ("Scan", {"TableName": "$T", "FilterExpression": "size(a)"}),
     "expect": validation("Invalid FilterExpression: The function is not allowed to be used this way in an expression; function: size")},
    {"id": "put-empty-string-set", "source": "reference §1.2 (empty SS; env) [LIVE]",
     "setup": [table()], "request": put({"pk": S("k"), "ss": {"SS": []}}),
     "expect": validation(ENV + "One or more parameter values were invalid: An string set  may not be empty")},
    {"id": "put-null-false", "source": "reference §1.2 (NULL false; env) [LIVE][DYNOXIDE]",
     "setup": [table()], "request": put({"pk": S("k"), "n": {"NULL": False}}),
     "expect": validation(ENV + "One or more parameter values were invalid: Null attribute value types must have the value of true")},

    # --- reserved words ----------------------------------------------------------------
    {"id": "reserved-word-projection", "source": "reference §3.1; DG Reserved words (STATUS)",
     "setup": [table()], "request": get({"pk": S("k")}, ProjectionExpression="Status"),
     "expect": validation("Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved keyword: Status")},
    {"id": "reserved-word-nested", "source": "reference §3.1 (every bare path component is checked)",
     "setup": [table()], "request": get({"pk": S("k")}, ProjectionExpression="a.data"),
     "expect": validation("Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved keyword: data")},
    {"id": "reserved-word-placeholder", "source": "DG Expression attribute names (placeholder for a reserved word)",
     "setup": [table(), put({"pk": S("k"), "status": S("on"), "x": S("y")})],
     "request": get({"pk": S("k")}, ProjectionExpression="#s", ExpressionAttributeNames={"#s": "status"}),
     "expect": ok(equal={"Item": {"status": S("on")}})},

    # --- ReturnValues ------------------------------------------------------------------
    {"id": "put-return-all-old", "source": "reference §4.0 ReturnValues (PutItem ALL_OLD)",
     "setup": [table(), put({"pk": S("k"), "a": S("old")})],
     "request": ("PutItem", {"TableName": "$T", "Item": {"pk": S("k"), "a": S("new")}, "ReturnValues": "ALL_OLD"}),
     "expect": ok(equal={"Attributes": {"pk": S("k"), "a": S("old")}})},
    {"id": "put-return-all-old-none", "source": "reference §4.0 ReturnValues (absent if none existed)",
     "setup": [table()],
     "request": ("PutItem", {"TableName": "$T", "Item": {"pk": S("k")}, "ReturnValues": "ALL_OLD"}),
     "expect": ok(absent=["Attributes"])},
    {"id": "put-return-values-invalid", "source": "reference §4.0 ReturnValues (PutItem; env)",
     "setup": [table()],
     "request": ("PutItem", {"TableName": "$T", "Item": {"pk": S("k")}, "ReturnValues": "ALL_NEW"}),
     "expect": validation(ENV + "ReturnValues can only be ALL_OLD or NONE")},
    {"id": "update-updated-new", "source": "reference §4.0 ReturnValues (UPDATED_NEW: only SET/ADDed)",
     "setup": [table(), put({"pk": S("k"), "a": S("1"), "c": N("5"), "z": S("keep")})],
     "request": update({"pk": S("k")}, "SET a = :v ADD c :one", {":v": S("2"), ":one": N("1")},
                       ReturnValues="UPDATED_NEW"),
     "expect": ok(equal={"Attributes": {"a": S("2"), "c": N("6")}})},
    {"id": "update-updated-old", "source": "reference §4.0 ReturnValues (UPDATED_OLD: touched attrs that existed)",
     "setup": [table(), put({"pk": S("k"), "a": S("1"), "z": S("keep")})],
     "request": update({"pk": S("k")}, "SET a = :v, b = :v", {":v": S("2")}, ReturnValues="UPDATED_OLD"),
     "expect": ok(equal={"Attributes": {"a": S("1")}})},
    {"id": "update-updated-new-nested", "source": "reference §4.0 ReturnValues (nested fragment) [LIVE2][DYNOXIDE]",
     "setup": [table(), put({"pk": S("k"), "m": {"M": {"x": N("1"), "y": N("2")}}})],
     "request": update({"pk": S("k")}, "SET m.x = :v", {":v": N("9")}, ReturnValues="UPDATED_NEW"),
     "expect": ok(equal={"Attributes": {"m": {"M": {"x": N("9")}}}})},
    {"id": "update-all-new-upsert", "source": "reference §3.6 (SET on an absent item creates it); API UpdateItem ALL_NEW",
     "setup": [table()],
     "request": update({"pk": S("k")}, "SET a = :v", {":v": N("1.50")}, ReturnValues="ALL_NEW"),
     "expect": ok(equal={"Attributes": {"pk": S("k"), "a": N("1.5")}})},
    {"id": "delete-return-all-old", "source": "reference §4.0 ReturnValues (DeleteItem ALL_OLD)",
     "setup": [table(), put({"pk": S("k"), "a": N("3")})],
     "request": ("DeleteItem", {"TableName": "$T", "Key": {"pk": S("k")}, "ReturnValues": "ALL_OLD"}),
     "expect": ok(equal={"Attributes": {"pk": S("k"), "a": N("3")}})},

    # --- pagination --------------------------------------------------------------------
    {"id": "query-limit-lek", "source": "reference §4.11; API Query LastEvaluatedKey",
     "setup": sort_items("N", ["1", "2", "3", "4", "5"]),
     "request": query("p", Limit=2),
     "expect": ok({"Count": 2, "ScannedCount": 2, "LastEvaluatedKey": {"pk": S("p"), "sk": N("2")}})},
    {"id": "query-limit-equals-rest", "source": "reference §4.11 (LEK whenever Limit stopped the page) [DYNALITE][DG]",
     "setup": sort_items("N", ["1", "2", "3"]),
     "request": query("p", Limit=3),
     "expect": ok({"Count": 3, "LastEvaluatedKey": {"pk": S("p"), "sk": N("3")}})},
    {"id": "query-exhausted-no-lek", "source": "reference §4.11 (absent when the range is exhausted)",
     "setup": sort_items("N", ["1", "2", "3"]),
     "request": query("p", Limit=10), "expect": ok({"Count": 3}, absent=["LastEvaluatedKey"])},
    {"id": "query-exclusive-start-key", "source": "reference §2 (resumes strictly after ExclusiveStartKey, need not exist)",
     "setup": sort_items("N", ["1", "2", "3", "4"]),
     "request": query("p", ExclusiveStartKey={"pk": S("p"), "sk": N("2.5")}, ProjectionExpression="sk"),
     "expect": ok({"Items": [{"sk": N("3")}, {"sk": N("4")}], "Count": 2})},
    {"id": "query-limit-counts-before-filter", "source": "reference §4.11 (Limit counts evaluated items; Count after filter); DG Query"
     " (Limit and FilterExpression)",
     "setup": [table("S", "N"), put({"pk": S("p"), "sk": N("1"), "f": S("no")}),
               put({"pk": S("p"), "sk": N("2"), "f": S("yes")}), put({"pk": S("p"), "sk": N("3"), "f": S("yes")})],
     "request": query("p", Limit=2, FilterExpression="f = :y",
                      ExpressionAttributeValues={":p": S("p"), ":y": S("yes")}),
     "expect": ok({"Count": 1, "ScannedCount": 2, "LastEvaluatedKey": {"pk": S("p"), "sk": N("2")}})},
    {"id": "query-desc-limit-lek", "source": "API Query (ScanIndexForward=false; LastEvaluatedKey = last evaluated item)",
     "setup": sort_items("N", ["1", "2", "3", "4"]),
     "request": query("p", Limit=2, ScanIndexForward=False),
     "expect": ok({"Count": 2, "LastEvaluatedKey": {"pk": S("p"), "sk": N("3")}})},
    {"id": "query-filter-on-key", "source": "reference §3.4 (FilterExpression may not use key attributes) [API][DYNALITE]",
     "setup": [table("S", "N")],
     "request": query("p", FilterExpression="sk > :z", ExpressionAttributeValues={":p": S("p"), ":z": N("0")}),
     "expect": validation("Filter Expression can only contain non-primary key attributes: Primary key attribute: sk")},
    {"id": "query-missing-partition-key", "source": "reference §3.4 (missed key schema element) [LIVE][MOTO-V]",
     "setup": [table("S", "N")],
     "request": ("Query", {"TableName": "$T", "KeyConditionExpression": "sk = :v",
                           "ExpressionAttributeValues": {":v": N("1")}}),
     "expect": validation("Query condition missed key schema element: pk")},
    {"id": "scan-limit-zero", "source": "reference §0 verified example (Scan limit 0) [LIVE]",
     "setup": [table()], "request": ("Scan", {"TableName": "$T", "Limit": 0}),
     "expect": validation(ENV + "Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1")},

    {"id": "query-limit-zero", "source": "reference §0 verified examples, Query quirk [LIVE]",
     "setup": [table()], "request": query("p", Limit=0),
     "expect": validation(ENV + "Value at 'Limit' failed to satisfy constraint: Member must have value greater than or equal to 1")},
    {"id": "scan-select-enum-order", "source": "reference §0 constraint texts: Select order [LIVE]",
     "setup": [table()], "request": ("Scan", {"TableName": "$T", "Select": "SOME"}),
     "expect": validation(ENV + "Value 'SOME' at 'select' failed to satisfy constraint: Member must satisfy enum value set: [SPECIFIC_ATTRIBUTES, COUNT, ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES]")},

    # --- ExpressionAttributeNames / ExpressionAttributeValues ----------------------------
    {"id": "scan-empty-eav", "source": "reference §3.7 ({} EAV) [MOTO-V]",
     "setup": [table()],
     "request": ("Scan", {"TableName": "$T", "FilterExpression": "a = b", "ExpressionAttributeValues": {}}),
     "expect": validation("ExpressionAttributeValues must not be empty")},
    {"id": "query-empty-ean", "source": "reference §3.7 ({} EAN) [MOTO-V]",
     "setup": [table()], "request": query("p", ExpressionAttributeNames={}),
     "expect": validation("ExpressionAttributeNames must not be empty")},
    {"id": "update-empty-eav", "source": "reference §3.7 ({} EAV, env on UpdateItem) [MOTO-V]",
     "setup": [table()], "request": update({"pk": S("a")}, "SET a = b", values={}),
     "expect": validation(ENV + "ExpressionAttributeValues must not be empty")},
    {"id": "scan-eav-empty-set", "source": "reference §1.2 (values in EAV carry the wrapper)",
     "setup": [table()],
     "request": ("Scan", {"TableName": "$T", "FilterExpression": "a = :v",
                          "ExpressionAttributeValues": {":v": {"SS": []}}}),
     "expect": validation("ExpressionAttributeValues contains invalid value: One or more parameter values were invalid: An string set  may not be empty for key :v")},

    # --- batch operations --------------------------------------------------------------
    {"id": "batch-write-duplicate-keys", "source": "reference §4.14 [LIVE]",
     "setup": [table()],
     "request": ("BatchWriteItem", {"RequestItems": {"$T": [
         {"PutRequest": {"Item": {"pk": S("k"), "a": S("1")}}},
         {"PutRequest": {"Item": {"pk": S("k"), "a": S("2")}}}]}}),
     "expect": validation("Provided list of item keys contains duplicates")},
    {"id": "batch-get-duplicate-keys", "source": "reference §4.13 [LIVE]",
     "setup": [table()],
     "request": ("BatchGetItem", {"RequestItems": {"$T": {"Keys": [{"pk": S("k")}, {"pk": S("k")}]}}}),
     "expect": validation("Provided list of item keys contains duplicates")},
    {"id": "batch-get-101-keys", "source": "reference §4.13 (> 100 keys in one table) [LIVE]; DG Constraints",
     "setup": [table()],
     "request": ("BatchGetItem", {"RequestItems": {"$T": {"Keys": [{"pk": S(f"k{i}")} for i in range(101)]}}}),
     "expect": validation(ENV + "Value at 'RequestItems.$T.member.Keys' failed to satisfy constraint: Member must have length less than or equal to 100")},
    {"id": "batch-get-101-keys-two-tables", "source": "reference §4.13 (> 100 keys in total) [API][MOTO]; DG Constraints",
     "setup": [table(), table(name="$T2")],
     "request": ("BatchGetItem", {"RequestItems": {
         "$T": {"Keys": [{"pk": S(f"k{i}")} for i in range(51)]},
         "$T2": {"Keys": [{"pk": S(f"k{i}")} for i in range(50)]}}}),
     # API_BatchGetItem quotes the text once with and once without a final period.
     "expect": validation(["Too many items requested for the BatchGetItem call",
                           "Too many items requested for the BatchGetItem call."])},
    {"id": "batch-write-missing-table", "source": "reference §4.14 (whole batch rejected if any table is missing)",
     "setup": [table()],
     "request": ("BatchWriteItem", {"RequestItems": {
         "$T": [{"PutRequest": {"Item": {"pk": S("a")}}}],
         "$T2": [{"PutRequest": {"Item": {"pk": S("a")}}}]}}),
     "expect": err("ResourceNotFoundException", "Requested resource not found")},
    {"id": "batch-get-empty", "source": "reference §0 / §4.13 (empty RequestItems) [LIVE]",
     "request": ("BatchGetItem", {"RequestItems": {}}),
     "expect": validation("The requestItems parameter is required for BatchGetItem")},
    {"id": "batch-get-missing-table", "source": "reference §4.13 (unknown table) [LIVE]",
     "request": ("BatchGetItem", {"RequestItems": {"$T": {"Keys": [{"pk": S("k")}]}}}),
     "expect": err("ResourceNotFoundException", "Requested resource not found")},
    {"id": "batch-get-unprocessed-empty", "source": "reference §4.13 (UnprocessedKeys present as {}; missing keys absent)",
     "setup": [table(), put({"pk": S("a")})],
     "request": ("BatchGetItem", {"RequestItems": {"$T": {"Keys": [{"pk": S("a")}, {"pk": S("b")}]}}}),
     "expect": ok(equal={"Responses": {"$T": [{"pk": S("a")}]}, "UnprocessedKeys": {}})},

    # --- transactions ------------------------------------------------------------------
    {"id": "transact-cancellation-reasons", "source": "reference §4.15 (TransactionCanceledException body) [rusoto fixture][LIVE2]",
     "setup": [table(), put({"pk": S("b"), "v": N("1")})],
     "request": ("TransactWriteItems", {"TransactItems": [
         {"Put": {"TableName": "$T", "Item": {"pk": S("a")}}},
         {"ConditionCheck": {"TableName": "$T", "Key": {"pk": S("b")}, "ConditionExpression": "v = :two",
                             "ExpressionAttributeValues": {":two": N("2")}}},
         {"Put": {"TableName": "$T", "Item": {"pk": S("c")}}}]}),
     "expect": dict(err("TransactionCanceledException",
                        "Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed, None]"),
                    equal={"CancellationReasons": [{"Code": "None"},
                                                    {"Code": "ConditionalCheckFailed", "Message": "The conditional request failed"},
                                                    {"Code": "None"}]})},
    {"id": "transact-nothing-written", "source": "DG transaction-apis (all-or-nothing)",
     "setup": [table(), put({"pk": S("b"), "v": N("1")}),
               ("TransactWriteItems", {"TransactItems": [
                   {"Put": {"TableName": "$T", "Item": {"pk": S("new")}}},
                   {"ConditionCheck": {"TableName": "$T", "Key": {"pk": S("b")}, "ConditionExpression": "v = :two",
                                       "ExpressionAttributeValues": {":two": N("2")}}}]}, "may-fail")],
     "request": ("Scan", {"TableName": "$T", "Select": "COUNT"}), "expect": ok({"Count": 1})},
    {"id": "transact-reason-returns-item", "source": "reference §4.0 ReturnValuesOnConditionCheckFailure (item in the reason) [LIVE2]",
     "setup": [table(), put({"pk": S("b"), "v": N("1")})],
     "request": ("TransactWriteItems", {"TransactItems": [
         {"Update": {"TableName": "$T", "Key": {"pk": S("b")}, "UpdateExpression": "SET v = :two",
                     "ConditionExpression": "v = :two", "ExpressionAttributeValues": {":two": N("2")},
                     "ReturnValuesOnConditionCheckFailure": "ALL_OLD"}}]}),
     "expect": dict(err("TransactionCanceledException",
                        "Transaction cancelled, please refer cancellation reasons for specific reasons [ConditionalCheckFailed]"),
                    equal={"CancellationReasons": [{"Code": "ConditionalCheckFailed", "Message": "The conditional request failed",
                                                    "Item": {"pk": S("b"), "v": N("1")}}]})},
    {"id": "transact-same-item-twice", "source": "reference §4.15 (one action per item) [LIVE]",
     "setup": [table()],
     "request": ("TransactWriteItems", {"TransactItems": [
         {"Put": {"TableName": "$T", "Item": {"pk": S("a")}}},
         {"Delete": {"TableName": "$T", "Key": {"pk": S("a")}}}]}),
     "expect": validation("Transaction request cannot include multiple operations on one item")},

    # --- wire protocol -----------------------------------------------------------------
    {"id": "unknown-operation", "source": "reference §8.1 step 3, §8.6 (no message)",
     "request": ("DynamoDB_20120810.NoSuchOperation", {}),
     "expect": dict(err("UnknownOperationException"), absent=["message", "Message"])},
    {"id": "serialization-n-as-number", "source": "reference §1.1, §8.4 ({\"N\": 123}) [LIVE2]",
     "setup": [table()], "request": put({"pk": S("k"), "n": {"N": 123}}),
     "expect": err("SerializationException")},
    {"id": "serialization-tablename-number", "source": "reference §8.4 (string expected, got number) [DYNALITE]",
     "request": ("DescribeTable", {"TableName": 123}),
     "expect": err("SerializationException", "NUMBER_VALUE cannot be converted to String")},
    {"id": "serialization-invalid-json", "source": "reference §8.1 step 2 (no message)",
     "request": ("ListTables", "{not json"),
     "expect": dict(err("SerializationException"), absent=["message", "Message"])},

    # --- ConsumedCapacity with indexes ----------------------------------------------------
    {"id": "put-capacity-indexes-gsi", "source": "DG GSI.html (a new item with the index key: one index write); reference §6 (INDEXES shape)",
     "setup": [gsi_table()],
     "request": ("PutItem", {"TableName": "$T", "Item": {"pk": S("a"), "g": S("x")},
                             "ReturnConsumedCapacity": "INDEXES"}),
     "expect": ok(subset={"ConsumedCapacity": {"TableName": "$T", "CapacityUnits": 2,
                                               "Table": {"CapacityUnits": 1},
                                               "GlobalSecondaryIndexes": {"byg": {"CapacityUnits": 1}}}})},
    {"id": "update-capacity-gsi-key-change", "source": "DG GSI.html (an index key change: two index writes)",
     "setup": [gsi_table(), put({"pk": S("a"), "g": S("x")})],
     "request": update({"pk": S("a")}, "SET g = :g", values={":g": S("y")}, ReturnConsumedCapacity="TOTAL"),
     "expect": ok(subset={"ConsumedCapacity": {"TableName": "$T", "CapacityUnits": 3}})},
    {"id": "query-gsi-capacity-on-index", "source": "reference §6 (index reads charged to the index, Table 0) [DYNALITE]",
     "setup": [gsi_table(), put({"pk": S("a"), "g": S("x")})],
     "request": ("Query", {"TableName": "$T", "IndexName": "byg", "KeyConditionExpression": "g = :g",
                           "ExpressionAttributeValues": {":g": S("x")}, "ReturnConsumedCapacity": "INDEXES"}),
     "expect": ok(subset={"ConsumedCapacity": {"CapacityUnits": 0.5, "Table": {"CapacityUnits": 0},
                                               "GlobalSecondaryIndexes": {"byg": {"CapacityUnits": 0.5}}}})},
    {"id": "put-gsi-key-too-long", "source": "real DynamoDB error reports (dynalite#35, wellcomecollection/platform#2285)",
     "setup": [gsi_table()],
     "request": ("PutItem", {"TableName": "$T", "Item": {"pk": S("a"), "g": S("g" * 2049)}}),
     "expect": validation("One or more parameter values were invalid: Size limit exceeded for Index Key g Actual Size: 2049 bytes Max Size: 2048 bytes IndexName: byg")},

    # --- CreateTable validation ---------------------------------------------------------
    {"id": "create-name-too-short", "source": "reference §0 verified example [LIVE]; DG Naming rules (3..255)",
     "request": table(name="ab"),
     "expect": validation(ENV + "Value 'ab' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3")},
    {"id": "create-bad-key-type", "source": "reference §0 verified example (KeyType enum) [LIVE]",
     "request": ("CreateTable", {"TableName": "$T", "BillingMode": "PAY_PER_REQUEST",
                                 "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
                                 "KeySchema": [{"AttributeName": "pk", "KeyType": "INVALID"}]}),
     "expect": validation(ENV + "Value 'INVALID' at 'keySchema.1.member.keyType' failed to satisfy constraint: Member must satisfy enum value set: [HASH, RANGE]")},
    {"id": "create-bad-attribute-type", "source": "reference §0 verified example (AttributeType enum) [LIVE]",
     "request": ("CreateTable", {"TableName": "$T", "BillingMode": "PAY_PER_REQUEST",
                                 "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "INVALID"}],
                                 "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}]}),
     "expect": validation(ENV + "Value 'INVALID' at 'attributeDefinitions.1.member.attributeType' failed to satisfy constraint: Member must satisfy enum value set: [B, N, S]")},
    {"id": "create-key-without-definition", "source": "reference §4.1 [LIVE] (Invalid KeySchema: Some index key attribute have no definition)",
     "request": ("CreateTable", {"TableName": "$T", "BillingMode": "PAY_PER_REQUEST",
                                 "AttributeDefinitions": [{"AttributeName": "other", "AttributeType": "S"}],
                                 "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}]}),
     "expect": validation(["Invalid KeySchema: Some index key attribute have no definition",
                           "One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [pk], AttributeDefinitions: [other]"])},
    {"id": "create-first-key-not-hash", "source": "reference §4.1 (first KeySchemaElement)",
     "request": ("CreateTable", {"TableName": "$T", "BillingMode": "PAY_PER_REQUEST",
                                 "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"},
                                                          {"AttributeName": "sk", "AttributeType": "S"}],
                                 "KeySchema": [{"AttributeName": "sk", "KeyType": "RANGE"},
                                               {"AttributeName": "pk", "KeyType": "HASH"}]}),
     "expect": validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type")},
    {"id": "create-missing-table-name", "source": "reference §0 (missing required TableName on CreateTable) [LIVE]",
     "request": ("CreateTable", {"BillingMode": "PAY_PER_REQUEST",
                                 "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
                                 "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}]}),
     "expect": validation("The parameter 'TableName' is required but was not present in the request")},
    {"id": "create-already-exists", "source": "reference §4.1 (ResourceInUseException) [MOTO][LIVE2]",
     "setup": [table()], "request": table(),
     "expect": err("ResourceInUseException", "Table already exists: $T")},
    {"id": "create-ppr-with-throughput", "source": "reference §4.1 (PAY_PER_REQUEST with ProvisionedThroughput)",
     "request": table(billing={"ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}}),
     "expect": validation("One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST")},
    {"id": "create-provisioned-no-throughput", "source": "reference §4.1 [MOTO-V]",
     "request": table(billing={"BillingMode": "PROVISIONED"}),
     "expect": validation("One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED")},
]
