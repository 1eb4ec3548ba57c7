#!/usr/bin/env python3
"""boto3 (botocore) against dynarock-server: a table's whole life through the real SDK.

Why: the SDKs are what users point at dynarock. botocore signs with SigV4, checks x-amz-crc32
(a mismatch would surface as retried ChecksumErrors), parses errors from `__type`, and runs
its waiters on DescribeTable; these tests fail if any of that is off.

Run by ctest through with_server.sh, which sets DYNAROCK_ENDPOINT. With
DYNAROCK_ACCESS_KEY_ID/DYNAROCK_SECRET_ACCESS_KEY set (the server then verifies signatures),
the SigV4 cases run too. Exit 77 (ctest: skipped) when boto3 is not installed.
"""
import http.client
import json
import unittest
import urllib.parse
from decimal import Decimal

# dynarock_client exits 77 (ctest: skipped) when boto3 is not installed; import it first.
from dynarock_client import ENDPOINT, SERVER_KEY, SERVER_SECRET, make_client, make_resource
import botocore.exceptions


def raw_post(target, body, content_type="application/x-amz-json-1.0", auth=True):
    """POSTs without an SDK: for requests no SDK would send."""
    url = urllib.parse.urlparse(ENDPOINT)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
    headers = {"Content-Type": content_type}
    if target is not None:
        headers["X-Amz-Target"] = target
    if auth:
        headers["X-Amz-Date"] = "20260101T000000Z"
        headers["Authorization"] = (
            "AWS4-HMAC-SHA256 Credential=dummy/20260101/us-east-1/dynamodb/aws4_request, "
            "SignedHeaders=host;x-amz-date, Signature=" + "0" * 64)
    conn.request("POST", "/", body=body, headers=headers)
    res = conn.getresponse()
    data = res.read()
    conn.close()
    return res.status, data


class TableLifeCycle(unittest.TestCase):
    """Why: every operation that exists now, in the order an application uses them."""

    def setUp(self):
        self.client = make_client()
        self.table = "boto3_life_" + self.id().rsplit(".", 1)[-1]

    def test_table_life_cycle(self):
        c = self.client
        created = c.create_table(
            TableName=self.table,
            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                  {"AttributeName": "sk", "AttributeType": "N"}],
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"},
                       {"AttributeName": "sk", "KeyType": "RANGE"}],
            BillingMode="PAY_PER_REQUEST")
        self.assertEqual(created["TableDescription"]["TableName"], self.table)
        c.get_waiter("table_exists").wait(TableName=self.table,
                                          WaiterConfig={"Delay": 1, "MaxAttempts": 20})

        described = c.describe_table(TableName=self.table)["Table"]
        self.assertEqual(described["TableStatus"], "ACTIVE")
        self.assertEqual(described["KeySchema"],
                         [{"AttributeName": "pk", "KeyType": "HASH"},
                          {"AttributeName": "sk", "KeyType": "RANGE"}])
        self.assertIn(self.table, c.list_tables()["TableNames"])

        item = {"pk": {"S": "user#1"}, "sk": {"N": "1"}, "name": {"S": "Ada"},
                "tags": {"SS": ["a", "b"]}, "blob": {"B": b"\x00\x01"},
                "nested": {"M": {"l": {"L": [{"N": "1.5"}, {"BOOL": True}, {"NULL": True}]}}}}
        c.put_item(TableName=self.table, Item=item)
        got = c.get_item(TableName=self.table, Key={"pk": {"S": "user#1"}, "sk": {"N": "1"}},
                         ConsistentRead=True)
        self.assertEqual(got["Item"], item)

        # A conditional put on an existing key fails with botocore's modelled exception, and
        # ReturnValuesOnConditionCheckFailure=ALL_OLD puts the old item in the error body.
        key = {"pk": {"S": "user#1"}, "sk": {"N": "1"}}
        with self.assertRaises(c.exceptions.ConditionalCheckFailedException) as failed:
            c.put_item(TableName=self.table, Item={**key, "name": {"S": "Bob"}},
                       ConditionExpression="attribute_not_exists(pk)",
                       ReturnValuesOnConditionCheckFailure="ALL_OLD")
        self.assertEqual(failed.exception.response["Item"], item)
        self.assertEqual(c.get_item(TableName=self.table, Key=key)["Item"], item)
        c.put_item(TableName=self.table, Item={**key, "sk": {"N": "2"}, "v": {"N": "1"}},
                   ConditionExpression="attribute_not_exists(pk)")

        # UpdateItem with each ReturnValues option.
        key2 = {"pk": {"S": "user#1"}, "sk": {"N": "2"}}
        # Each call adds one: v goes 1 -> 2 (NONE), 2 -> 3, 3 -> 4, 4 -> 5, 5 -> 6.
        expected = {
            "NONE": None,
            "ALL_OLD": {**key2, "v": {"N": "2"}},
            "UPDATED_OLD": {"v": {"N": "3"}},
            "ALL_NEW": {**key2, "v": {"N": "5"}},
            "UPDATED_NEW": {"v": {"N": "6"}},
        }
        for rv, attrs in expected.items():
            out = c.update_item(TableName=self.table, Key=key2, UpdateExpression="SET v = v + :one",
                                ConditionExpression="attribute_exists(v)",
                                ExpressionAttributeValues={":one": {"N": "1"}}, ReturnValues=rv)
            if attrs is None:
                self.assertNotIn("Attributes", out)
            else:
                self.assertEqual(out["Attributes"], attrs, rv)
        with self.assertRaises(c.exceptions.ConditionalCheckFailedException):
            c.update_item(TableName=self.table, Key=key2, UpdateExpression="SET v = :z",
                          ConditionExpression="v = :z", ExpressionAttributeValues={":z": {"N": "0"}})
        c.delete_item(TableName=self.table, Key=key2)

        deleted = c.delete_item(TableName=self.table,
                                Key={"pk": {"S": "user#1"}, "sk": {"N": "1"}},
                                ReturnValues="ALL_OLD")
        self.assertEqual(deleted["Attributes"], item)
        self.assertNotIn("Item", c.get_item(TableName=self.table,
                                            Key={"pk": {"S": "user#1"}, "sk": {"N": "1"}}))
        # Query and Scan through botocore's paginators: every item once, Query in sort order.
        for i in range(25):
            c.put_item(TableName=self.table,
                       Item={"pk": {"S": "p#" + str(i % 2)}, "sk": {"N": str(i)},
                             "pad": {"S": "x" * 100}})
        pages = c.get_paginator("query").paginate(
            TableName=self.table, KeyConditionExpression="pk = :p",
            ExpressionAttributeValues={":p": {"S": "p#0"}}, PaginationConfig={"PageSize": 4})
        sks = [int(it["sk"]["N"]) for page in pages for it in page["Items"]]
        self.assertEqual(sks, list(range(0, 25, 2)))
        pages = c.get_paginator("scan").paginate(TableName=self.table,
                                                 PaginationConfig={"PageSize": 3})
        seen = sorted(int(it["sk"]["N"]) for page in pages for it in page["Items"])
        self.assertEqual(seen, list(range(25)))
        # The legacy KeyConditions and ScanFilter (low-level client), with paging.
        legacy = c.query(TableName=self.table, Limit=2, KeyConditions={
            "pk": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "p#1"}]},
            "sk": {"ComparisonOperator": "BETWEEN",
                   "AttributeValueList": [{"N": "3"}, {"N": "9"}]}})
        self.assertEqual([int(it["sk"]["N"]) for it in legacy["Items"]], [3, 5])
        self.assertIn("LastEvaluatedKey", legacy)
        scanned = c.scan(TableName=self.table, ScanFilter={
            "sk": {"ComparisonOperator": "GE", "AttributeValueList": [{"N": "20"}]}})
        self.assertEqual(sorted(int(it["sk"]["N"]) for it in scanned["Items"]),
                         [20, 21, 22, 23, 24])
        self.assertEqual(scanned["ScannedCount"], 25)

        c.delete_table(TableName=self.table)
        c.get_waiter("table_not_exists").wait(TableName=self.table,
                                              WaiterConfig={"Delay": 1, "MaxAttempts": 20})
        self.assertNotIn(self.table, c.list_tables()["TableNames"])

    def test_resource_api(self):
        """Why: boto3's resource layer serialises Python values (Decimal, sets, bytes)."""
        ddb = make_resource()
        table = ddb.create_table(
            TableName=self.table,
            AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
            KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
            BillingMode="PAY_PER_REQUEST")
        table.wait_until_exists()
        table.put_item(Item={"id": "x", "price": Decimal("19.99"), "qty": 3, "ok": False,
                             "tags": {"red", "blue"}})
        self.assertEqual(table.get_item(Key={"id": "x"})["Item"],
                         {"id": "x", "price": Decimal("19.99"), "qty": Decimal(3), "ok": False,
                          "tags": {"red", "blue"}})
        table.delete()
        table.wait_until_not_exists()


class Errors(unittest.TestCase):
    """Why: applications catch botocore's modelled exceptions by class and by error code."""

    def setUp(self):
        self.client = make_client()

    def test_missing_table_raises_modelled_exception(self):
        with self.assertRaises(self.client.exceptions.ResourceNotFoundException) as ctx:
            self.client.get_item(TableName="no_such_table", Key={"pk": {"S": "a"}})
        self.assertEqual(ctx.exception.response["ResponseMetadata"]["HTTPStatusCode"], 400)

    def test_invalid_request_raises_validation_exception(self):
        # KeySchema names an attribute that AttributeDefinitions lacks.
        with self.assertRaises(botocore.exceptions.ClientError) as ctx:
            self.client.create_table(
                TableName="bad_schema",
                AttributeDefinitions=[{"AttributeName": "a", "AttributeType": "S"}],
                KeySchema=[{"AttributeName": "b", "KeyType": "HASH"}],
                BillingMode="PAY_PER_REQUEST")
        self.assertEqual(ctx.exception.response["Error"]["Code"], "ValidationException")
        self.assertTrue(ctx.exception.response["Error"]["Message"])

    def test_unknown_operation(self):
        # botocore has no call for an unknown operation: rewrite the target of a real one
        # before it is signed.
        def retarget(request, **kwargs):
            request.headers.replace_header("X-Amz-Target", "DynamoDB_20120810.NoSuchOperation")
        self.client.meta.events.register("before-sign.dynamodb.ListTables", retarget)
        with self.assertRaises(botocore.exceptions.ClientError) as ctx:
            self.client.list_tables()
        self.assertEqual(ctx.exception.response["Error"]["Code"], "UnknownOperationException")

    @unittest.skipIf(SERVER_KEY, "raw requests carry a dummy signature")
    def test_malformed_json_body(self):
        status, body = raw_post("DynamoDB_20120810.ListTables", b"{not json")
        self.assertEqual(status, 400)
        self.assertTrue(json.loads(body)["__type"].endswith("#SerializationException"), body)

    def test_missing_authentication(self):
        status, body = raw_post("DynamoDB_20120810.ListTables", b"{}", auth=False)
        self.assertEqual(status, 400)
        self.assertEqual(json.loads(body), {
            "__type": "com.amazon.coral.service#MissingAuthenticationTokenException",
            "message": "Request is missing Authentication Token"})


@unittest.skipUnless(SERVER_KEY, "the server runs without credentials")
class SignatureVerification(unittest.TestCase):
    """Why: with --access-key/--secret-key, botocore's real signatures must pass and others not."""

    def test_right_credentials_pass(self):
        self.assertIn("TableNames", make_client().list_tables())

    def test_wrong_secret_is_refused(self):
        with self.assertRaises(botocore.exceptions.ClientError) as ctx:
            make_client(secret=SERVER_SECRET + "x").list_tables()
        self.assertEqual(ctx.exception.response["Error"]["Code"], "InvalidSignatureException")

    def test_paths_that_need_encoding_pass(self):
        # botocore signs the path URI-encoded a second time ("+" -> "%2B", "%20" -> "%2520"),
        # after dropping dot segments; the server once signed it as sent and refused these.
        for path in ("/a+b", "/a%20b/", "/x/./y/../%7Euser", "/caf%C3%A9"):
            with self.subTest(path=path):
                self.assertIn("TableNames", make_client(path=path).list_tables())

    def test_unknown_key_is_refused(self):
        with self.assertRaises(botocore.exceptions.ClientError) as ctx:
            make_client(key="AKIDSOMEONEELSE").list_tables()
        self.assertEqual(ctx.exception.response["Error"]["Code"], "UnrecognizedClientException")


if __name__ == "__main__":
    unittest.main(verbosity=2)
