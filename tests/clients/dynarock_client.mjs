// Shared setup of the AWS SDK for JavaScript v3 client tests: loads the SDK packages and makes
// clients for the dynarock-server that with_server.sh started.
//
// with_server.sh sets DYNAROCK_ENDPOINT; DYNAROCK_ACCESS_KEY_ID/DYNAROCK_SECRET_ACCESS_KEY are
// set when the server verifies signatures (otherwise any credentials pass, 'dummy' is used).
// Importing this module exits 77 (ctest: skipped) when the packages are missing (`npm ci` in
// tests/clients installs them).
import assert from 'node:assert/strict';

// The modules @aws-sdk/client-dynamodb and @aws-sdk/lib-dynamodb.
export let ddb, lib;
try {
  ddb = await import('@aws-sdk/client-dynamodb');
  lib = await import('@aws-sdk/lib-dynamodb');
} catch (e) {
  console.log(`SKIP: @aws-sdk packages are not installed (run npm ci in tests/clients): ${e.message}`);
  process.exit(77);
}

export const endpoint = process.env.DYNAROCK_ENDPOINT;
assert.ok(endpoint, 'DYNAROCK_ENDPOINT is set by with_server.sh');

export function makeClient() {
  return new ddb.DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: {
      accessKeyId: process.env.DYNAROCK_ACCESS_KEY_ID ?? 'dummy',
      secretAccessKey: process.env.DYNAROCK_SECRET_ACCESS_KEY ?? 'dummy',
    },
    maxAttempts: 1,  // a retried error would hide a bug
  });
}
