// Contract test: jsforce 3.10.16, used as its documentation shows and unpatched, against the Salesforce sandbox.
// The xunit test JsforceContractTests seeds the org, starts the sandbox and runs this with SF_INSTANCE_URL,
// SF_ACCESS_TOKEN, SF_EXPECTED_INVOICES (the invoices the org holds) and SF_BULK_PAGE_SIZE (rows per Bulk 2.0 results page);
// any failed assertion or jsforce error exits non-zero.
import assert from 'node:assert/strict';
import jsforce from 'jsforce';

const instanceUrl = process.env.SF_INSTANCE_URL;
const accessToken = process.env.SF_ACCESS_TOKEN;
const expectedInvoices = Number(process.env.SF_EXPECTED_INVOICES);
const bulkPageSize = Number(process.env.SF_BULK_PAGE_SIZE);
assert.ok(instanceUrl, 'SF_INSTANCE_URL is not set');
assert.ok(accessToken, 'SF_ACCESS_TOKEN is not set');
assert.ok(expectedInvoices > 4000, 'SF_EXPECTED_INVOICES must be over 4,000 so that queryMore reads three pages');
assert.ok(bulkPageSize > 0, 'SF_BULK_PAGE_SIZE (the sandbox\'s Bulk 2.0 page size) is not set');

const conn = new jsforce.Connection({ instanceUrl: instanceUrl.replace(/\/+$/, ''), accessToken, version: '62.0' });
const step = (name) => console.log(`ok - ${name}`);

// Describe: global and one object.
const global = await conn.describeGlobal();
assert.ok(global.sobjects.some((o) => o.name === 'Invoice__c'), 'describeGlobal lists Invoice__c');
const describe = await conn.sobject('Invoice__c').describe();
const fields = Object.fromEntries(describe.fields.map((f) => [f.name, f]));
assert.equal(fields.Status__c.type, 'picklist');
assert.equal(fields.Status__c.restrictedPicklist, true);
assert.equal(fields.HubSpot_Id__c.externalId, true);
assert.equal(fields.Total_With_Tax__c.calculated, true);
assert.deepEqual(fields.Account__c.referenceTo, ['Account']);
step('describeGlobal and describe');

// Query, then queryMore by nextRecordsUrl until done: 2,000 a page means three pages or more.
let result = await conn.query('SELECT Id, Name, Amount__c, SystemModstamp FROM Invoice__c ORDER BY SystemModstamp, Id');
assert.equal(result.totalSize, expectedInvoices);
const ids = new Set(result.records.map((r) => r.Id));
let pages = 1;
while (!result.done) {
  result = await conn.queryMore(result.nextRecordsUrl);
  result.records.forEach((r) => ids.add(r.Id));
  pages += 1;
}
assert.ok(pages >= 3, `queryMore read ${pages} pages`);
assert.equal(ids.size, expectedInvoices, 'every invoice once');
step(`query and queryMore over ${pages} pages`);

// The query builder with autoFetch reads the same rows.
const fetched = await conn.sobject('Invoice__c').find({ Status__c: 'Paid' }, ['Id', 'Name']).execute({ autoFetch: true, maxFetch: 100000 });
const paid = await conn.query("SELECT COUNT() FROM Invoice__c WHERE Status__c = 'Paid'");
assert.equal(fetched.length, paid.totalSize);
step('find with autoFetch and SELECT COUNT()');

// Create, update, upsert, retrieve and destroy with arrays (sObject Collections).
const accounts = await conn.query('SELECT Id, Name FROM Account ORDER BY Name');
const accountId = accounts.records[0].Id;
const created = await conn.sobject('Invoice__c').create([
  { Name: 'JSF-1', Amount__c: 120.5, Tax_Rate__c: 20, Status__c: 'Draft', Account__c: accountId, Due_Date__c: '2025-04-01', Channels__c: 'Email;Portal' },
  { Name: 'JSF-2', Amount__c: 80, Status__c: 'Sent', Sent_At__c: '2025-04-02T09:30:00.000+0000', Paid__c: false },
  { Name: 'JSF-3', Status__c: 'Overdue' },
]);
assert.equal(created.length, 3);
assert.ok(created[0].success && created[1].success, 'the valid records are created');
assert.equal(created[2].success, false);
assert.equal(created[2].errors[0].statusCode, 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
const newIds = [created[0].id, created[1].id];

const rolledBack = await conn.sobject('Invoice__c').create([{ Name: 'JSF-4' }, { Amount__c: 1 }], { allOrNone: true });
assert.ok(rolledBack.every((r) => !r.success), 'allOrNone refuses both');
assert.equal(rolledBack[1].errors[0].statusCode, 'REQUIRED_FIELD_MISSING');
assert.equal((await conn.query("SELECT COUNT() FROM Invoice__c WHERE Name = 'JSF-4'")).totalSize, 0);

const updated = await conn.sobject('Invoice__c').update([
  { Id: newIds[0], Status__c: 'Sent' },
  { Id: newIds[1], Status__c: 'Paid', Paid__c: true },
]);
assert.ok(updated.every((r) => r.success), 'update succeeds');

const upserted = await conn.sobject('Invoice__c').upsert([
  { HubSpot_Id__c: 'hs-jsf-1', Name: 'JSF-UP-1', Amount__c: 10 },
  { HubSpot_Id__c: 'hs-jsf-2', Name: 'JSF-UP-2', Amount__c: 20 },
], 'HubSpot_Id__c');
assert.ok(upserted.every((r) => r.success && r.created === true), 'upsert creates');
const reupserted = await conn.sobject('Invoice__c').upsert([{ HubSpot_Id__c: 'hs-jsf-1', Amount__c: 11 }], 'HubSpot_Id__c');
assert.equal(reupserted[0].created, false);
assert.equal(reupserted[0].id, upserted[0].id);

const retrieved = await conn.sobject('Invoice__c').retrieve([newIds[0], newIds[1], upserted[0].id]);
assert.equal(retrieved.length, 3);
assert.equal(retrieved[0].Status__c, 'Sent');
assert.equal(retrieved[0].Total_With_Tax__c, 144.6);
assert.equal(retrieved[0].Channels__c, 'Email;Portal');
assert.equal(retrieved[1].Paid__c, true);
assert.equal(retrieved[2].Amount__c, 11);
const single = await conn.sobject('Invoice__c').retrieve(newIds[1]);
assert.equal(single.Name, 'JSF-2');
assert.equal(single.Sent_At__c, '2025-04-02T09:30:00.000+0000');

const destroyed = await conn.sobject('Invoice__c').destroy([...newIds, upserted[0].id, upserted[1].id]);
assert.ok(destroyed.every((r) => r.success), 'destroy succeeds');
const gone = await conn.query(`SELECT Id, IsDeleted FROM Invoice__c WHERE Id IN ('${newIds.join("','")}')`);
assert.equal(gone.totalSize, 0);
const recycled = await conn.query(`SELECT Id, IsDeleted FROM Invoice__c WHERE Id IN ('${newIds.join("','")}')`, { scanAll: true });
assert.equal(recycled.totalSize, 2);
assert.ok(recycled.records.every((r) => r.IsDeleted === true));
step('create, update, upsert, retrieve and destroy with arrays; queryAll sees the deletes');

// Errors come back as jsforce errors with Salesforce's codes.
await assert.rejects(conn.query('SELECT Nope__c FROM Invoice__c'), (e) => e.errorCode === 'INVALID_FIELD');
await assert.rejects(conn.sobject('Invoice__c').create({ Name: 'x'.repeat(81) }), (e) => e.errorCode === 'STRING_TOO_LONG');
step('errors carry errorCode');

// Bulk API 2.0 query: jsforce follows Sforce-Locator to the page that says null.
conn.bulk2.pollInterval = 50;
const stream = await conn.bulk2.query("SELECT Id, Name, Amount__c FROM Invoice__c WHERE Name LIKE 'INV-C%'");
const bulkRows = [];
await new Promise((resolve, reject) => {
  stream.on('record', (r) => bulkRows.push(r));
  stream.on('error', reject);
  stream.on('end', resolve);
});
const seeded = await conn.query("SELECT COUNT() FROM Invoice__c WHERE Name LIKE 'INV-C%'");
// Salesforce starts every results page with the header line, and jsforce 3.10.16 pipes all pages into one CSV parser,
// so each page after the first yields one record that is the header itself. Count them: one per extra page.
const pageCount = Math.ceil(seeded.totalSize / bulkPageSize);
const headerRows = bulkRows.filter((r) => r.Id === 'Id' && r.Name === 'Name');
const dataRows = bulkRows.filter((r) => r.Id !== 'Id');
assert.equal(headerRows.length, pageCount - 1, `${pageCount} pages repeat the header ${pageCount - 1} times`);
assert.equal(dataRows.length, seeded.totalSize, 'bulk2 query returns every row over all pages');
assert.equal(new Set(dataRows.map((r) => r.Id)).size, seeded.totalSize);
assert.ok(dataRows.every((r) => r.Name.startsWith('INV-C')));
step(`bulk2 query of ${dataRows.length} rows in ${pageCount} pages`);

// Bulk API 2.0 load: insert rows and read successful and failed results.
const load = await conn.bulk2.loadAndWaitForResults({
  object: 'Invoice__c',
  operation: 'insert',
  input: [
    { Name: 'BULK-JSF-1', Amount__c: 5, Status__c: 'Draft' },
    { Name: 'BULK-JSF-2', Amount__c: 6, Status__c: 'Nope' },
    { Name: 'BULK-JSF-3', Amount__c: 7, Status__c: 'Sent' },
  ],
  pollInterval: 50,
  pollTimeout: 30000,
});
assert.equal(load.successfulResults.length, 2);
assert.equal(load.failedResults.length, 1);
assert.match(load.failedResults[0].sf__Error, /^INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST/);
assert.ok(load.successfulResults.every((r) => r.sf__Id && r.sf__Created === 'true'));
const loaded = await conn.query("SELECT Id, Name FROM Invoice__c WHERE Name LIKE 'BULK-JSF-%' ORDER BY Name");
assert.deepEqual(loaded.records.map((r) => r.Name), ['BULK-JSF-1', 'BULK-JSF-3']);
step('bulk2 loadAndWaitForResults');

// jsforce's own default API version is served too.
const legacy = new jsforce.Connection({ instanceUrl: instanceUrl.replace(/\/+$/, ''), accessToken });
assert.equal((await legacy.query('SELECT COUNT() FROM Account')).totalSize, 5);
step(`default API version v${legacy.version}`);

const limits = await conn.limits();
assert.ok(limits.DailyApiRequests.Remaining < limits.DailyApiRequests.Max);
step('limits');
