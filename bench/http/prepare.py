#!/usr/bin/env python3
"""Creates and fills the benchmark tables on a DynamoDB endpoint (dynarock-server or Dynoxide).

  prepare.py ENDPOINT [ITEMS]

Table "bench" (pk S): ITEMS items of about 200 bytes, keys k000000.. (GetItem/PutItem).
Table "bench_q" (pk S, sk N): ITEMS/10 partitions p0000.. of 10 items each (Query returning
10 items). Prints "query=yes" or "query=no" (whether the endpoint answers Query).
Standard library only; one keep-alive connection; loopback only.
"""
import http.client
import json
import sys
import time
import urllib.parse

AUTH = ("AWS4-HMAC-SHA256 Credential=bench/20260101/us-east-1/dynamodb/aws4_request, "
        "SignedHeaders=host;x-amz-date, Signature=" + "0" * 64)


class Endpoint:
    def __init__(self, url):
        u = urllib.parse.urlparse(url)
        assert u.hostname in ("127.0.0.1", "localhost", "::1"), "loopback endpoints only"
        self.conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30)

    def call(self, op, body):
        self.conn.request("POST", "/", body=json.dumps(body), headers={
            "Content-Type": "application/x-amz-json-1.0",
            "X-Amz-Target": "DynamoDB_20120810." + op,
            "X-Amz-Date": "20260101T000000Z", "Authorization": AUTH})
        res = self.conn.getresponse()
        return res.status, res.read()


def must(result, what):
    status, body = result
    if status != 200:
        sys.exit(f"prepare.py: {what} failed: {status} {body[:300]!r}")
    return body


def main():
    url = sys.argv[1]
    items = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    ep = Endpoint(url)
    must(ep.call("CreateTable", {
        "TableName": "bench", "BillingMode": "PAY_PER_REQUEST",
        "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
        "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}]}), "CreateTable bench")
    must(ep.call("CreateTable", {
        "TableName": "bench_q", "BillingMode": "PAY_PER_REQUEST",
        "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"},
                                 {"AttributeName": "sk", "AttributeType": "N"}],
        "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"},
                      {"AttributeName": "sk", "KeyType": "RANGE"}]}), "CreateTable bench_q")
    for t in ("bench", "bench_q"):  # both servers create ACTIVE tables; wait anyway
        for _ in range(100):
            desc = json.loads(must(ep.call("DescribeTable", {"TableName": t}), "DescribeTable"))
            if desc["Table"]["TableStatus"] == "ACTIVE":
                break
            time.sleep(0.1)
    pad = "x" * 150
    for i in range(items):
        must(ep.call("PutItem", {"TableName": "bench", "Item": {
            "pk": {"S": f"k{i:06d}"}, "v": {"S": pad}, "n": {"N": str(i)}}}), "PutItem")
    for p in range(max(1, items // 10)):
        for s in range(10):
            must(ep.call("PutItem", {"TableName": "bench_q", "Item": {
                "pk": {"S": f"p{p:04d}"}, "sk": {"N": str(s)}, "v": {"S": pad[:100]}}}),
                "PutItem bench_q")
    status, body = ep.call("Query", {
        "TableName": "bench_q", "KeyConditionExpression": "pk = :p",
        "ExpressionAttributeValues": {":p": {"S": "p0000"}}})
    query_ok = status == 200 and json.loads(body).get("Count") == 10
    print("query=" + ("yes" if query_ok else "no"))


if __name__ == "__main__":
    main()
