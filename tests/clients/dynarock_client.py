"""Shared setup of the boto3 client tests: the endpoint and credentials dynarock-server runs
with, and boto3 clients for them.

with_server.sh sets DYNAROCK_ENDPOINT; DYNAROCK_ACCESS_KEY_ID/DYNAROCK_SECRET_ACCESS_KEY are set
when the server verifies signatures (otherwise any credentials pass, "dummy" is used). Importing
this module exits 77 (ctest: skipped) when boto3 is not installed.
"""
import os
import sys

try:
    import boto3
    from botocore.config import Config
except ImportError:
    print("SKIP: boto3 is not installed (apt-get install python3-boto3)")
    sys.exit(77)

ENDPOINT = os.environ.get("DYNAROCK_ENDPOINT", "http://127.0.0.1:8000")
SERVER_KEY = os.environ.get("DYNAROCK_ACCESS_KEY_ID")
SERVER_SECRET = os.environ.get("DYNAROCK_SECRET_ACCESS_KEY")


def make_client(key=None, secret=None, path=""):
    """A DynamoDB client for the server; `key`/`secret` override the server's credentials;
    `path` is appended to the endpoint URL (DynamoDB ignores the path, but it is signed)."""
    return boto3.client(
        "dynamodb",
        endpoint_url=ENDPOINT + path,
        region_name="us-east-1",
        aws_access_key_id=key or SERVER_KEY or "dummy",
        aws_secret_access_key=secret or SERVER_SECRET or "dummy",
        config=Config(retries={"max_attempts": 1}),  # a retried error would hide a bug
    )


def make_resource():
    """boto3's resource layer (Table, batch_writer) for the server."""
    return boto3.resource("dynamodb", endpoint_url=ENDPOINT, region_name="us-east-1",
                          aws_access_key_id=SERVER_KEY or "dummy",
                          aws_secret_access_key=SERVER_SECRET or "dummy")
