// The AWS SDK for JavaScript v3 against dynarock-server: transactions and batches.
//
// Why: the JS SDK turns a TransactionCanceledException body into an exception whose
// CancellationReasons applications inspect, and lib-dynamodb's batch commands are driven by
// retry loops on UnprocessedItems/UnprocessedKeys.
// Run by ctest through with_server.sh (DYNAROCK_ENDPOINT) as `node js_sdk_transactions_test.mjs`.
// Exit 77 (ctest: skipped) when the packages are missing (`npm ci` in tests/clients).
import assert from 'node:assert/strict';
import { test } from 'node:test';

// dynarock_client.mjs exits 77 (ctest: skipped) when the SDK packages are missing.
import { ddb, lib, makeClient } from './dynarock_client.mjs';

const { CreateTableCommand, TransactionCanceledException } = ddb;
const {
  DynamoDBDocumentClient, PutCommand, GetCommand, TransactWriteCommand, TransactGetCommand,
  BatchWriteCommand, BatchGetCommand,
} = lib;

async function createTable(client, TableName) {
  await client.send(new CreateTableCommand({
    TableName,
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    BillingMode: 'PAY_PER_REQUEST',
  }));
}

function transfer(TableName, from, to, amount) {
  return new TransactWriteCommand({
    TransactItems: [
      { Update: { TableName, Key: { pk: from }, UpdateExpression: 'SET balance = balance - :a',
                  ConditionExpression: 'balance >= :a', ExpressionAttributeValues: { ':a': amount },
                  ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } },
      { Update: { TableName, Key: { pk: to }, UpdateExpression: 'SET balance = balance + :a',
                  ExpressionAttributeValues: { ':a': amount } } },
    ],
  });
}

test('a transaction commits; a failed condition cancels it', async () => {
  const client = makeClient();
  const doc = DynamoDBDocumentClient.from(client);
  const TableName = 'js_tx_accounts';
  await createTable(client, TableName);
  await doc.send(new PutCommand({ TableName, Item: { pk: 'alice', balance: 100 } }));
  await doc.send(new PutCommand({ TableName, Item: { pk: 'bob', balance: 5 } }));

  await doc.send(transfer(TableName, 'alice', 'bob', 30));
  const got = await doc.send(new TransactGetCommand({
    TransactItems: [{ Get: { TableName, Key: { pk: 'alice' } } },
                    { Get: { TableName, Key: { pk: 'bob' } } },
                    { Get: { TableName, Key: { pk: 'nobody' } } }],
  }));
  assert.deepEqual(got.Responses.map((r) => r.Item?.balance), [70, 35, undefined]);

  await assert.rejects(doc.send(transfer(TableName, 'bob', 'alice', 50)), (e) => {
    assert.ok(e instanceof TransactionCanceledException, `got ${e.name}`);
    assert.deepEqual(e.CancellationReasons.map((r) => r.Code), ['ConditionalCheckFailed', 'None']);
    assert.equal(e.CancellationReasons[0].Message, 'The conditional request failed');
    assert.deepEqual(e.CancellationReasons[0].Item, { pk: { S: 'bob' }, balance: { N: '35' } });
    assert.match(e.message, /\[ConditionalCheckFailed, None\]/);
    return true;
  });
  const alice = await doc.send(new GetCommand({ TableName, Key: { pk: 'alice' } }));
  assert.equal(alice.Item.balance, 70);
});

test('batch write and batch get of more than 100 items', async () => {
  const client = makeClient();
  const doc = DynamoDBDocumentClient.from(client);
  const TableName = 'js_batch_items';
  await createTable(client, TableName);
  const items = Array.from({ length: 130 }, (_, i) => ({ pk: `item-${String(i).padStart(3, '0')}`, n: i }));
  for (let start = 0; start < items.length; start += 25) {
    let request = { [TableName]: items.slice(start, start + 25).map((Item) => ({ PutRequest: { Item } })) };
    for (let attempt = 0; attempt < 10 && Object.keys(request).length > 0; ++attempt) {
      const out = await doc.send(new BatchWriteCommand({ RequestItems: request }));
      assert.ok(out.UnprocessedItems, 'UnprocessedItems is always present');
      request = out.UnprocessedItems;
    }
    assert.deepEqual(request, {});
  }
  const found = new Map();
  for (let start = 0; start < items.length; start += 100) {
    let request = { [TableName]: { Keys: items.slice(start, start + 100).map(({ pk }) => ({ pk })) } };
    for (let attempt = 0; attempt < 10 && Object.keys(request).length > 0; ++attempt) {
      const out = await doc.send(new BatchGetCommand({ RequestItems: request }));
      for (const item of out.Responses[TableName] ?? []) found.set(item.pk, item);
      request = out.UnprocessedKeys ?? {};
    }
    assert.deepEqual(request, {});
  }
  assert.equal(found.size, 130);
  assert.equal(found.get('item-129').n, 129);
});
