// Contract test: HubSpot's own Node SDK (@hubspot/api-client 13.5.0), used as its documentation shows and
// unpatched, against the sandbox. The xunit test HubSpotSdkContractTests starts the sandbox and runs this with
// HUBSPOT_BASE_URL and HUBSPOT_ACCESS_TOKEN; any failed assertion or SDK error exits non-zero.
import assert from 'node:assert/strict';
import hubspot from '@hubspot/api-client';

const baseUrl = process.env.HUBSPOT_BASE_URL;
const accessToken = process.env.HUBSPOT_ACCESS_TOKEN;
assert.ok(baseUrl, 'HUBSPOT_BASE_URL is not set');
assert.ok(accessToken, 'HUBSPOT_ACCESS_TOKEN is not set');

// The SDK appends paths that start with '/', so the base path has no trailing slash.
const client = new hubspot.Client({ accessToken, basePath: baseUrl.replace(/\/+$/, '') });
const step = (name) => console.log(`ok - ${name}`);

// Schemas: create, then get by objectTypeId and by fully qualified name.
const schema = await client.crm.schemas.coreApi.create({
  name: 'contract_orders',
  labels: { singular: 'Contract order', plural: 'Contract orders' },
  primaryDisplayProperty: 'order_number',
  requiredProperties: ['order_number'],
  searchableProperties: ['order_number'],
  secondaryDisplayProperties: [],
  associatedObjects: ['COMPANY'],
  properties: [
    { name: 'order_number', label: 'Order number', type: 'string', fieldType: 'text' },
    { name: 'external_id', label: 'External id', type: 'string', fieldType: 'text', hasUniqueValue: true },
    { name: 'total', label: 'Total', type: 'number', fieldType: 'number' },
    { name: 'stage', label: 'Stage', type: 'enumeration', fieldType: 'select',
      options: [{ label: 'Open', value: 'open', displayOrder: 0, hidden: false }, { label: 'Closed', value: 'closed', displayOrder: 1, hidden: false }] },
  ],
});
const objectType = schema.objectTypeId;
assert.match(objectType, /^2-\d+$/);
assert.equal(schema.fullyQualifiedName, 'p12345678_contract_orders');
const byId = await client.crm.schemas.coreApi.getById(objectType);
const byName = await client.crm.schemas.coreApi.getById(schema.fullyQualifiedName);
assert.equal(byId.id, byName.id);
assert.ok(byId.createdAt instanceof Date, 'createdAt is deserialized as a Date');
assert.deepEqual(byId.requiredProperties, ['order_number']);
const toCompanies = byId.associations.find((a) => a.fromObjectTypeId === objectType && a.toObjectTypeId === '0-2');
assert.ok(toCompanies, 'the schema lists its association to companies');
step('schema create and get');

// Batch create: two batches of 100 and one of 50, each at the 100-input limit or under.
const created = [];
for (let start = 0; start < 250; start += 100) {
  const count = Math.min(100, 250 - start);
  const inputs = Array.from({ length: count }, (_, i) => ({
    properties: { order_number: `ORD-${String(start + i + 1).padStart(4, '0')}`, external_id: `ext-${start + i + 1}`, total: String(start + i + 1), stage: 'open' },
    associations: [],
  }));
  const answer = await client.crm.objects.batchApi.create(objectType, { inputs });
  assert.equal(answer.status, 'COMPLETE');
  assert.equal(answer.results.length, count);
  assert.ok(answer.completedAt instanceof Date);
  created.push(...answer.results);
}
assert.equal(created.length, 250);
step('batch create 250 records in 3 calls');

// Batch read, with and without a missing id (207 with errors).
const read = await client.crm.objects.batchApi.read(objectType, {
  inputs: created.slice(0, 3).map((r) => ({ id: r.id })),
  properties: ['order_number', 'total'],
  propertiesWithHistory: [],
});
assert.equal(read.results.length, 3);
assert.equal(read.results.find((r) => r.id === created[0].id).properties.total, '1');
const partial = await client.crm.objects.batchApi.read(objectType, {
  inputs: [{ id: created[0].id }, { id: '987654321' }],
  properties: ['order_number'],
  propertiesWithHistory: [],
});
assert.equal(partial.results.length, 1);
assert.equal(partial.numErrors, 1);
assert.equal(partial.errors[0].category, 'OBJECT_NOT_FOUND');
step('batch read (200 and 207)');

// Batch update.
const updated = await client.crm.objects.batchApi.update(objectType, {
  inputs: created.slice(0, 2).map((r) => ({ id: r.id, properties: { stage: 'closed' } })),
});
assert.equal(updated.results.length, 2);
assert.ok(updated.results.every((r) => r.updatedAt instanceof Date));
const afterUpdate = await client.crm.objects.basicApi.getById(objectType, created[0].id, ['stage']);
assert.equal(afterUpdate.properties.stage, 'closed');
step('batch update');

// Batch upsert on the unique property: one existing, one new.
const upserted = await client.crm.objects.batchApi.upsert(objectType, {
  inputs: [
    { id: 'ext-1', idProperty: 'external_id', properties: { order_number: 'ORD-0001', total: '1000' } },
    { id: 'ext-new', idProperty: 'external_id', properties: { order_number: 'ORD-NEW' } },
  ],
});
assert.equal(upserted.results.length, 2);
const existing = upserted.results.find((r) => r.id === created[0].id);
assert.ok(existing, 'upsert updated the record that holds ext-1');
assert.equal(existing._new ?? existing['new'], false);
const fresh = upserted.results.find((r) => r.id !== created[0].id);
assert.equal(fresh._new ?? fresh['new'], true);
step('batch upsert');

// Search with paging (250 live records, pages of 100), in the SDK README's TypeScript form: sorts as strings, after as a string.
const seen = new Set();
let after = '0';
let pages = 0;
let total;
do {
  const page = await client.crm.objects.searchApi.doSearch(objectType, {
    filterGroups: [{ filters: [{ propertyName: 'stage', operator: 'HAS_PROPERTY' }] }],
    sorts: ['hs_object_id'],
    properties: ['order_number'],
    limit: 100,
    after,
  });
  total = page.total;
  page.results.forEach((r) => seen.add(r.id));
  after = page.paging?.next?.after;
  pages++;
} while (after);
assert.equal(total, 250);
assert.equal(seen.size, 250);
assert.equal(pages, 3);
const filtered = await client.crm.objects.searchApi.doSearch(objectType, {
  filterGroups: [{ filters: [{ propertyName: 'total', operator: 'BETWEEN', value: '10', highValue: '19' }] }],
  sorts: ['-total'],
  properties: ['total'],
  limit: 200,
  after: '0',
});
assert.deepEqual(filtered.results.map((r) => r.properties.total), ['19', '18', '17', '16', '15', '14', '13', '12', '11', '10']);
step('search with paging and filters');

// Batch archive.
await client.crm.objects.batchApi.archive(objectType, { inputs: created.slice(-5).map((r) => ({ id: r.id })) });
const afterArchive = await client.crm.objects.batchApi.read(objectType, {
  inputs: created.slice(-5).map((r) => ({ id: r.id })), properties: [], propertiesWithHistory: [],
});
assert.equal(afterArchive.results.length, 0);
assert.equal(afterArchive.numErrors, 1);
step('batch archive');

// Associations v4: batch create and read, with the type id from the schema.
const companies = await client.crm.companies.basicApi.getPage(2);
assert.equal(companies.results.length, 2);
const typeId = Number(toCompanies.id);
const associated = await client.crm.associations.v4.batchApi.create(objectType, 'companies', {
  inputs: created.slice(0, 2).map((r, i) => ({
    _from: { id: r.id },
    to: { id: companies.results[i].id },
    types: [{ associationCategory: 'USER_DEFINED', associationTypeId: typeId }],
  })),
});
assert.equal(associated.results.length, 2);
const links = await client.crm.associations.v4.batchApi.getPage(objectType, 'companies', {
  inputs: created.slice(0, 2).map((r) => ({ id: r.id })),
});
assert.equal(links.results.length, 2);
const first = links.results.find((l) => l._from.id === created[0].id);
assert.equal(first.to[0].toObjectId, companies.results[0].id);
assert.equal(first.to[0].associationTypes[0].typeId, typeId);
step('associations v4 batch create and read');

console.log('all HubSpot SDK contract steps passed');
