#!/usr/bin/env python3
"""boto3 (botocore) against dynarock-server: secondary indexes through the real SDK.

Why: applications reach GSIs and LSIs through the SDK's Query paginator (which feeds
LastEvaluatedKey back as ExclusiveStartKey, so index keys must round-trip) and add indexes with
UpdateTable, then poll DescribeTable until the index is ACTIVE, as boto3 users do. These tests
fail if the wire shapes or the online backfill are off.

Run by ctest through with_server.sh, which sets DYNAROCK_ENDPOINT. Exit 77 (ctest: skipped)
when boto3 is not installed.
"""
import time
import unittest
import uuid

# dynarock_client exits 77 (ctest: skipped) when boto3 is not installed; import it first.
from dynarock_client import make_client
import botocore.exceptions


class IndexTest(unittest.TestCase):
    def setUp(self):
        self.client = make_client()
        self.table = "idx-" + uuid.uuid4().hex[:12]
        self.client.create_table(
            TableName=self.table,
            AttributeDefinitions=[
                {"AttributeName": "pk", "AttributeType": "S"},
                {"AttributeName": "sk", "AttributeType": "N"},
                {"AttributeName": "status", "AttributeType": "S"},
                {"AttributeName": "at", "AttributeType": "N"},
            ],
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"},
                       {"AttributeName": "sk", "KeyType": "RANGE"}],
            BillingMode="PAY_PER_REQUEST",
            GlobalSecondaryIndexes=[{
                "IndexName": "ByStatus",
                "KeySchema": [{"AttributeName": "status", "KeyType": "HASH"},
                              {"AttributeName": "at", "KeyType": "RANGE"}],
                "Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["note"]},
            }],
            LocalSecondaryIndexes=[{
                "IndexName": "ByAt",
                "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"},
                              {"AttributeName": "at", "KeyType": "RANGE"}],
                "Projection": {"ProjectionType": "KEYS_ONLY"},
            }],
        )
        self.client.get_waiter("table_exists").wait(TableName=self.table)
        # 60 items: pk c0..c2, sk 0..59, at = 1000 - sk, status open/done (every 4th: none).
        for i in range(60):
            item = {"pk": {"S": "c%d" % (i % 3)}, "sk": {"N": str(i)},
                    "at": {"N": str(1000 - i)}, "note": {"S": "n%d" % i},
                    "owner": {"S": "o%d" % (i % 5)}}
            if i % 4 != 0:
                item["status"] = {"S": "open" if i % 2 else "done"}
            self.client.put_item(TableName=self.table, Item=item)

    def tearDown(self):
        self.client.delete_table(TableName=self.table)

    def query_all(self, **kwargs):
        paginator = self.client.get_paginator("query")
        items = []
        pages = 0
        for page in paginator.paginate(TableName=self.table, **kwargs):
            items.extend(page["Items"])
            pages += 1
        return items, pages

    def test_gsi_query_with_paginator(self):
        items, pages = self.query_all(
            IndexName="ByStatus", KeyConditionExpression="#s = :s",
            ExpressionAttributeNames={"#s": "status"},
            ExpressionAttributeValues={":s": {"S": "open"}}, PaginationConfig={"PageSize": 7})
        # open: odd sk (never a multiple of 4) -> 30 items, in ascending `at` (descending sk).
        self.assertEqual(len(items), 30)
        self.assertGreater(pages, 4)
        sks = [int(item["sk"]["N"]) for item in items]
        self.assertEqual(sks, sorted(sks, reverse=True))
        self.assertEqual(set(items[0].keys()), {"pk", "sk", "status", "at", "note"})

    def test_lsi_query_with_paginator(self):
        items, pages = self.query_all(
            IndexName="ByAt", KeyConditionExpression="pk = :p",
            ExpressionAttributeValues={":p": {"S": "c1"}}, PaginationConfig={"PageSize": 6},
            ScanIndexForward=False)
        self.assertEqual(len(items), 20)
        self.assertGreater(pages, 3)
        sks = [int(item["sk"]["N"]) for item in items]
        self.assertEqual(sks, sorted(sks))  # descending `at` is ascending sk
        self.assertEqual(set(items[0].keys()), {"pk", "sk", "at"})
        # An LSI fetches unprojected attributes from the table.
        items, _ = self.query_all(
            IndexName="ByAt", KeyConditionExpression="pk = :p",
            ExpressionAttributeValues={":p": {"S": "c1"}}, Select="ALL_ATTRIBUTES")
        self.assertIn("owner", items[0])

    def test_index_errors(self):
        with self.assertRaises(botocore.exceptions.ClientError) as cm:
            self.client.query(TableName=self.table, IndexName="Nope",
                              KeyConditionExpression="pk = :p",
                              ExpressionAttributeValues={":p": {"S": "c1"}})
        self.assertEqual(cm.exception.response["Error"]["Code"], "ValidationException")
        self.assertEqual(cm.exception.response["Error"]["Message"],
                         "The table does not have the specified index: Nope")
        with self.assertRaises(botocore.exceptions.ClientError) as cm:
            self.client.scan(TableName=self.table, IndexName="ByStatus", ConsistentRead=True)
        self.assertEqual(cm.exception.response["Error"]["Message"],
                         "Consistent reads are not supported on global secondary indexes")

    def test_update_table_adds_a_gsi(self):
        answer = self.client.update_table(
            TableName=self.table,
            AttributeDefinitions=[{"AttributeName": "owner", "AttributeType": "S"}],
            GlobalSecondaryIndexUpdates=[{"Create": {
                "IndexName": "ByOwner",
                "KeySchema": [{"AttributeName": "owner", "KeyType": "HASH"}],
                "Projection": {"ProjectionType": "ALL"},
            }}])
        created = [g for g in answer["TableDescription"]["GlobalSecondaryIndexes"]
                   if g["IndexName"] == "ByOwner"]
        self.assertEqual(len(created), 1)
        self.assertIn(created[0]["IndexStatus"], ("CREATING", "ACTIVE"))
        deadline = time.time() + 120
        while True:
            table = self.client.describe_table(TableName=self.table)["Table"]
            status = [g["IndexStatus"] for g in table["GlobalSecondaryIndexes"]
                      if g["IndexName"] == "ByOwner"]
            if status == ["ACTIVE"]:
                break
            self.assertLess(time.time(), deadline, "the index never became ACTIVE")
            time.sleep(0.05)
        self.assertEqual(table["TableStatus"], "ACTIVE")
        items, _ = self.query_all(
            IndexName="ByOwner", KeyConditionExpression="#o = :o",
            ExpressionAttributeNames={"#o": "owner"},
            ExpressionAttributeValues={":o": {"S": "o3"}}, PaginationConfig={"PageSize": 5})
        self.assertEqual(sorted(int(item["sk"]["N"]) for item in items),
                         [i for i in range(60) if i % 5 == 3])
        self.assertIn("note", items[0])  # ALL projection
        # Delete it again.
        self.client.update_table(TableName=self.table, GlobalSecondaryIndexUpdates=[
            {"Delete": {"IndexName": "ByOwner"}}])
        deadline = time.time() + 120
        while True:
            table = self.client.describe_table(TableName=self.table)["Table"]
            names = [g["IndexName"] for g in table.get("GlobalSecondaryIndexes", [])]
            if "ByOwner" not in names:
                break
            self.assertLess(time.time(), deadline, "the index was never deleted")
            time.sleep(0.05)


if __name__ == "__main__":
    unittest.main(verbosity=2)
