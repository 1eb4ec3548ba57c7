// The AWS SDK for JavaScript v3 against dynarock-server: a table's whole life.
//
// Why: the JS SDK is the other main client; it signs with its own SigV4 implementation,
// parses errors into exception classes, and lib-dynamodb marshals plain JS values.
// Run by ctest through with_server.sh (DYNAROCK_ENDPOINT) as `node js_sdk_test.mjs`. Exit 77
// (ctest: skipped) when the packages are missing (`npm ci` in tests/clients installs them).
import assert from 'node:assert/strict';
import { test } from 'node:test';

// dynarock_client.mjs exits 77 (ctest: skipped) when the SDK packages are missing.
import { ddb, lib, makeClient } from './dynarock_client.mjs';

const {
  CreateTableCommand, DescribeTableCommand, ListTablesCommand,
  DeleteTableCommand, GetItemCommand, PutItemCommand, DynamoDBServiceException,
  ResourceNotFoundException, ConditionalCheckFailedException, waitUntilTableExists,
  waitUntilTableNotExists,
} = ddb;
const {
  DynamoDBDocumentClient, PutCommand, GetCommand, DeleteCommand, UpdateCommand,
  paginateQuery, paginateScan,
} = lib;

test('table life cycle', async () => {
  const client = makeClient();
  const doc = DynamoDBDocumentClient.from(client);
  const TableName = 'js_life';

  const created = await client.send(new CreateTableCommand({
    TableName,
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' },
                           { AttributeName: 'sk', AttributeType: 'N' }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' },
                { AttributeName: 'sk', KeyType: 'RANGE' }],
    BillingMode: 'PAY_PER_REQUEST',
  }));
  assert.equal(created.TableDescription.TableName, TableName);
  const waited = await waitUntilTableExists({ client, maxWaitTime: 30, minDelay: 1 }, { TableName });
  assert.equal(waited.state, 'SUCCESS');

  const described = await client.send(new DescribeTableCommand({ TableName }));
  assert.equal(described.Table.TableStatus, 'ACTIVE');
  assert.deepEqual(described.Table.KeySchema, [{ AttributeName: 'pk', KeyType: 'HASH' },
                                               { AttributeName: 'sk', KeyType: 'RANGE' }]);
  const listed = await client.send(new ListTablesCommand({}));
  assert.ok(listed.TableNames.includes(TableName));

  const item = { pk: 'order#1', sk: 7, total: 19.5, paid: true, note: null,
                 tags: new Set(['x', 'y']), lines: [{ sku: 'a', qty: 2 }] };
  await doc.send(new PutCommand({ TableName, Item: item }));
  const got = await doc.send(new GetCommand({ TableName, Key: { pk: 'order#1', sk: 7 },
                                              ConsistentRead: true }));
  assert.deepEqual(got.Item, item);

  // The low-level client sees the wire types lib-dynamodb chose.
  const raw = await client.send(new GetItemCommand({
    TableName, Key: { pk: { S: 'order#1' }, sk: { N: '7' } } }));
  assert.deepEqual(raw.Item.total, { N: '19.5' });

  // A failed condition raises the modelled exception class, with the old item when asked.
  await assert.rejects(
    doc.send(new PutCommand({ TableName, Item: { pk: 'order#1', sk: 7 },
                              ConditionExpression: 'attribute_not_exists(pk)',
                              ReturnValuesOnConditionCheckFailure: 'ALL_OLD' })),
    (e) => e instanceof ConditionalCheckFailedException && e.Item?.total?.N === '19.5');
  const updated = await doc.send(new UpdateCommand({
    TableName, Key: { pk: 'order#1', sk: 7 }, UpdateExpression: 'SET #t = #t + :d',
    ConditionExpression: 'paid = :t', ExpressionAttributeNames: { '#t': 'total' },  // reserved word
    ExpressionAttributeValues: { ':d': 0.25, ':t': true },
    ReturnValues: 'UPDATED_NEW' }));
  assert.deepEqual(updated.Attributes, { total: 19.75 });
  await doc.send(new UpdateCommand({
    TableName, Key: { pk: 'order#1', sk: 7 }, UpdateExpression: 'SET #t = :v',
    ExpressionAttributeNames: { '#t': 'total' }, ExpressionAttributeValues: { ':v': 19.5 } }));
  const deleted = await doc.send(new DeleteCommand({ TableName, Key: { pk: 'order#1', sk: 7 },
                                                     ReturnValues: 'ALL_OLD' }));
  assert.deepEqual(deleted.Attributes, item);
  const after = await doc.send(new GetCommand({ TableName, Key: { pk: 'order#1', sk: 7 } }));
  assert.equal(after.Item, undefined);
  // Query and Scan through the SDK's paginators: every item once, Query in sort order.
  for (let i = 0; i < 25; i++) {
    await doc.send(new PutCommand({ TableName, Item: { pk: `p#${i % 2}`, sk: i, pad: 'x'.repeat(100) } }));
  }
  const queried = [];
  for await (const page of paginateQuery({ client: doc, pageSize: 4 }, {
    TableName, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': 'p#1' } })) {
    queried.push(...page.Items.map((it) => it.sk));
  }
  assert.deepEqual(queried, Array.from({ length: 12 }, (_, i) => 2 * i + 1));
  const scanned = [];
  for await (const page of paginateScan({ client: doc, pageSize: 3 }, { TableName })) {
    scanned.push(...page.Items.map((it) => it.sk));
  }
  assert.deepEqual(scanned.sort((a, b) => a - b), Array.from({ length: 25 }, (_, i) => i));

  await client.send(new DeleteTableCommand({ TableName }));
  const gone = await waitUntilTableNotExists({ client, maxWaitTime: 30, minDelay: 1 }, { TableName });
  assert.equal(gone.state, 'SUCCESS');
  const relisted = await client.send(new ListTablesCommand({}));
  assert.ok(!relisted.TableNames.includes(TableName));
});

test('a missing table raises ResourceNotFoundException', async () => {
  const client = makeClient();
  await assert.rejects(
    client.send(new GetItemCommand({ TableName: 'no_such_table', Key: { pk: { S: 'a' } } })),
    (e) => e instanceof ResourceNotFoundException && e.$metadata.httpStatusCode === 400);
});

test('an invalid request raises ValidationException', async () => {
  const client = makeClient();
  await assert.rejects(
    client.send(new CreateTableCommand({
      TableName: 'bad_schema',
      AttributeDefinitions: [{ AttributeName: 'a', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'b', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    })),
    (e) => e instanceof DynamoDBServiceException && e.name === 'ValidationException' &&
           e.message.length > 0);
});

test('a malformed item raises a service exception', async () => {
  const client = makeClient();
  // A number that is not a number: rejected by the server, not the SDK.
  await assert.rejects(
    client.send(new PutItemCommand({ TableName: 'whatever', Item: { pk: { N: 'abc' } } })),
    (e) => e instanceof DynamoDBServiceException && e.name === 'ValidationException' &&
           e.$fault === 'client');
});

test('an unknown operation raises UnknownOperationException', async () => {
  const client = makeClient();
  // The SDK has no command for an unknown operation: rewrite a real one's target before
  // it is signed.
  const command = new ListTablesCommand({});
  command.middlewareStack.add((next) => async (args) => {
    args.request.headers['x-amz-target'] = 'DynamoDB_20120810.NoSuchOperation';
    return next(args);
  }, { step: 'build', name: 'retarget' });
  await assert.rejects(client.send(command),
                       (e) => e instanceof DynamoDBServiceException &&
                              e.name === 'UnknownOperationException');
});
