#!/usr/bin/env python3
"""boto3 (botocore) against dynarock-server: transactions and batches through the real SDK.

Why: botocore parses TransactionCanceledException's CancellationReasons from the error body,
adds a ClientRequestToken to every TransactWriteItems call, and applications drive batches
through retry loops on UnprocessedItems/UnprocessedKeys; these tests fail if any of that does
not work against dynarock.

Run by ctest through with_server.sh, which sets DYNAROCK_ENDPOINT. Exit 77 (ctest: skipped)
when boto3 is not installed.
"""
import unittest

# dynarock_client exits 77 (ctest: skipped) when boto3 is not installed; import it first.
from dynarock_client import make_client, make_resource


def create_table(client, name):
    client.create_table(
        TableName=name,
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        BillingMode="PAY_PER_REQUEST")


def balance(client, table, pk):
    item = client.get_item(TableName=table, Key={"pk": {"S": pk}}, ConsistentRead=True)["Item"]
    return int(item["balance"]["N"])


class Transactions(unittest.TestCase):
    """Why: a transfer that commits, and one a condition cancels, as applications write them."""

    @classmethod
    def setUpClass(cls):
        cls.client = make_client()
        cls.table = "boto3_tx_accounts"
        create_table(cls.client, cls.table)

    def setUp(self):
        for pk, amount in (("alice", 100), ("bob", 5)):
            self.client.put_item(TableName=self.table,
                                 Item={"pk": {"S": pk}, "balance": {"N": str(amount)}})

    def transfer(self, source, target, amount, **extra):
        t = self.table
        return self.client.transact_write_items(TransactItems=[
            {"Update": {"TableName": t, "Key": {"pk": {"S": source}},
                        "UpdateExpression": "SET balance = balance - :a",
                        "ConditionExpression": "balance >= :a",
                        "ExpressionAttributeValues": {":a": {"N": str(amount)}},
                        "ReturnValuesOnConditionCheckFailure": "ALL_OLD"}},
            {"Update": {"TableName": t, "Key": {"pk": {"S": target}},
                        "UpdateExpression": "SET balance = balance + :a",
                        "ExpressionAttributeValues": {":a": {"N": str(amount)}}}},
        ], **extra)

    def test_transaction_succeeds(self):
        out = self.transfer("alice", "bob", 30, ReturnConsumedCapacity="TOTAL")
        self.assertEqual(out["ConsumedCapacity"][0]["TableName"], self.table)
        self.assertEqual(balance(self.client, self.table, "alice"), 70)
        self.assertEqual(balance(self.client, self.table, "bob"), 35)
        got = self.client.transact_get_items(TransactItems=[
            {"Get": {"TableName": self.table, "Key": {"pk": {"S": "alice"}}}},
            {"Get": {"TableName": self.table, "Key": {"pk": {"S": "nobody"}}}},
            {"Get": {"TableName": self.table, "Key": {"pk": {"S": "bob"}},
                     "ProjectionExpression": "balance"}},
        ])
        self.assertEqual(got["Responses"][0]["Item"]["balance"], {"N": "70"})
        self.assertNotIn("Item", got["Responses"][1])
        self.assertEqual(got["Responses"][2]["Item"], {"balance": {"N": "35"}})

    def test_condition_cancels_the_transaction(self):
        c = self.client
        with self.assertRaises(c.exceptions.TransactionCanceledException) as failed:
            self.transfer("bob", "alice", 50)
        error = failed.exception.response
        reasons = error["CancellationReasons"]
        self.assertEqual([r["Code"] for r in reasons], ["ConditionalCheckFailed", "None"])
        self.assertEqual(reasons[0]["Message"], "The conditional request failed")
        self.assertEqual(reasons[0]["Item"], {"pk": {"S": "bob"}, "balance": {"N": "5"}})
        self.assertIn("[ConditionalCheckFailed, None]", error["Error"]["Message"])
        self.assertEqual(balance(c, self.table, "alice"), 100)
        self.assertEqual(balance(c, self.table, "bob"), 5)

    def test_client_request_token_replay(self):
        self.transfer("alice", "bob", 10, ClientRequestToken="boto3-token-1")
        self.transfer("alice", "bob", 10, ClientRequestToken="boto3-token-1")  # not run again
        self.assertEqual(balance(self.client, self.table, "alice"), 90)
        with self.assertRaises(self.client.exceptions.IdempotentParameterMismatchException):
            self.transfer("alice", "bob", 11, ClientRequestToken="boto3-token-1")


class Batches(unittest.TestCase):
    """Why: loading and fetching more than one batch's worth of items through retry loops."""

    def test_batch_write_and_get_over_100_items(self):
        c = make_client()
        table = "boto3_batch_items"
        create_table(c, table)
        items = [{"pk": {"S": "item-%03d" % i}, "n": {"N": str(i)}} for i in range(130)]
        for start in range(0, len(items), 25):
            request = {table: [{"PutRequest": {"Item": item}} for item in items[start:start + 25]]}
            for _ in range(10):
                out = c.batch_write_item(RequestItems=request)
                self.assertIn("UnprocessedItems", out)
                request = out["UnprocessedItems"]
                if not request:
                    break
            self.assertEqual(request, {})

        found = {}
        keys = [{"pk": item["pk"]} for item in items]
        for start in range(0, len(keys), 100):
            request = {table: {"Keys": keys[start:start + 100], "ConsistentRead": True}}
            for _ in range(10):
                out = c.batch_get_item(RequestItems=request)
                for item in out["Responses"].get(table, []):
                    found[item["pk"]["S"]] = item
                request = out["UnprocessedKeys"]
                if not request:
                    break
            self.assertEqual(request, {})
        self.assertEqual(len(found), 130)
        self.assertEqual(found["item-129"]["n"], {"N": "129"})

        # The high-level batch_writer deletes them again in 25s.
        resource = make_resource()
        with resource.Table(table).batch_writer() as writer:
            for item in items:
                writer.delete_item(Key={"pk": item["pk"]["S"]})
        self.assertEqual(c.scan(TableName=table, Select="COUNT")["Count"], 0)


if __name__ == "__main__":
    unittest.main(verbosity=2)
