using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace SfHsSync.Sandbox.Tests.Salesforce;

public sealed class SalesforceBulkTests
{
    private static List<string[]> Csv(string text)
    {
        var rows = new List<string[]>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            // Bulk answers quote every value; the test data holds no commas or quotes inside values.
            rows.Add(line.Split(',').Select(c => c.Trim('"')).ToArray());
        }

        return rows;
    }

    private static async Task<string> CreateQueryJob(SalesforceTestOrg sf, string soql, string operation = "query")
    {
        var (status, body, _) = await sf.SendAsync(HttpMethod.Post, "jobs/query", new { operation, query = soql });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("UploadComplete", (string)body!["state"]!);
        return (string)body["id"]!;
    }

    [Fact]
    public async Task Query_job_results_page_by_max_records_and_end_with_a_null_locator()
    {
        await using var sf = await SalesforceTestOrg.StartAsync();
        var ids = SalesforceQueryTests.SeedInvoices(sf, 250, "BULK-");
        var job = await CreateQueryJob(sf, "SELECT Id, Name, Amount__c, Paid__c, Account__r.Name FROM Invoice__c WHERE Name LIKE 'BULK-%' ORDER BY Name");
        Assert.Equal("JobComplete", (string)(await sf.GetAsync($"jobs/query/{job}")).Body!["state"]!);
        sf.Org.ResetRequests();

        var seen = new List<string>();
        string? locator = null;
        var pages = 0;
        do
        {
            var response = await sf.Http.GetAsync($"jobs/query/{job}/results?maxRecords=100" + (locator is null ? string.Empty : $"&locator={locator}"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
            var rows = Csv(await response.Content.ReadAsStringAsync());
            Assert.Equal(["Id", "Name", "Amount__c", "Paid__c", "Account__r.Name"], rows[0]);
            Assert.Equal((rows.Count - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), response.Headers.GetValues("Sforce-NumberOfRecords").Single());
            seen.AddRange(rows.Skip(1).Select(r => r[0]));
            Assert.Equal("false", rows[1][3]);
            locator = response.Headers.GetValues("Sforce-Locator").Single();
            pages++;
        }
        while (locator != "null");

        Assert.Equal(3, pages);
        Assert.Equal(3, sf.Org.Requests.Count("GET", "/results"));
        Assert.Equal(ids, seen);
    }

    [Fact]
    public async Task A_polled_job_shows_in_progress_and_refuses_results_until_complete()
    {
        await using var sf = await SalesforceTestOrg.StartAsync(o => o.BulkPollsBeforeComplete = 2);
        var job = await CreateQueryJob(sf, "SELECT Id FROM Account", "queryAll");

        var early = await sf.GetAsync($"jobs/query/{job}/results");
        Assert.Equal((HttpStatusCode)412, early.Status);
        Assert.Equal("JOB_NOT_COMPLETE", SalesforceTestOrg.ErrorCode(early.Body));
        Assert.Equal("InProgress", (string)(await sf.GetAsync($"jobs/query/{job}")).Body!["state"]!);
        Assert.Equal("InProgress", (string)(await sf.GetAsync($"jobs/query/{job}")).Body!["state"]!);
        var done = (await sf.GetAsync($"jobs/query/{job}")).Body!;
        Assert.Equal("JobComplete", (string)done["state"]!);
        Assert.Equal(5, (int)done["numberRecordsProcessed"]!);

        var response = await sf.Http.GetAsync($"jobs/query/{job}/results");
        Assert.Equal(6, Csv(await response.Content.ReadAsStringAsync()).Count);
        Assert.Equal("null", response.Headers.GetValues("Sforce-Locator").Single());
    }

    [Fact]
    public async Task Query_all_jobs_include_deleted_rows_and_bad_queries_are_refused()
    {
        await using var sf = await SalesforceTestOrg.StartAsync();
        sf.Org.Delete("Account", sf.Org.Records("Account")[0].Id);
        var all = await CreateQueryJob(sf, "SELECT Id, IsDeleted FROM Account", "queryAll");
        var live = await CreateQueryJob(sf, "SELECT Id, IsDeleted FROM Account");
        Assert.Equal(6, Csv(await sf.Http.GetStringAsync($"jobs/query/{all}/results")).Count);
        Assert.Equal(5, Csv(await sf.Http.GetStringAsync($"jobs/query/{live}/results")).Count);

        var (status, body, _) = await sf.SendAsync(HttpMethod.Post, "jobs/query", new { operation = "query", query = "SELECT Nope FROM Account" });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("INVALID_FIELD", SalesforceTestOrg.ErrorCode(body));
        Assert.Equal(HttpStatusCode.NotFound, (await sf.GetAsync("jobs/query/7505g0000000zzzAAA")).Status);
    }

    [Fact]
    public async Task Ingest_job_writes_rows_and_reports_successful_and_failed_results()
    {
        await using var sf = await SalesforceTestOrg.StartAsync(o => o.BulkPollsBeforeComplete = 1);
        var (status, body, _) = await sf.SendAsync(HttpMethod.Post, "jobs/ingest", new { @object = "Invoice__c", operation = "insert", contentType = "CSV", lineEnding = "LF" });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Open", (string)body!["state"]!);
        var job = (string)body["id"]!;

        var csv = "Name,Amount__c,Status__c,Paid__c,Notes__c\nL-1,10.5,Sent,true,#N/A\nL-2,abc,Sent,false,\nL-3,3,Overdue,false,\nL-4,4,,,note\n";
        var upload = await sf.Http.PutAsync($"jobs/ingest/{job}/batches", new StringContent(csv, Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        (status, body, _) = await sf.SendAsync(HttpMethod.Patch, $"jobs/ingest/{job}", new { state = "UploadComplete" });
        Assert.Equal("UploadComplete", (string)body!["state"]!);

        Assert.Equal("InProgress", (string)(await sf.GetAsync($"jobs/ingest/{job}")).Body!["state"]!);
        var info = (await sf.GetAsync($"jobs/ingest/{job}")).Body!;
        Assert.Equal("JobComplete", (string)info["state"]!);
        Assert.Equal(4, (int)info["numberRecordsProcessed"]!);
        Assert.Equal(2, (int)info["numberRecordsFailed"]!);

        var ok = Csv(await sf.Http.GetStringAsync($"jobs/ingest/{job}/successfulResults"));
        Assert.Equal(["sf__Id", "sf__Created", "Name", "Amount__c", "Status__c", "Paid__c", "Notes__c"], ok[0]);
        Assert.Equal(["L-1", "L-4"], ok.Skip(1).Select(r => r[2]));
        Assert.All(ok.Skip(1), r => Assert.Equal("true", r[1]));
        Assert.Equal(10.5m, sf.Org.Find(ok[1][0])!["Amount__c"]);
        Assert.Equal(true, sf.Org.Find(ok[1][0])!["Paid__c"]);
        Assert.Equal("note", sf.Org.Find(ok[2][0])!["Notes__c"]);

        var failed = Csv(await sf.Http.GetStringAsync($"jobs/ingest/{job}/failedResults"));
        Assert.Equal(["sf__Id", "sf__Error", "Name", "Amount__c", "Status__c", "Paid__c", "Notes__c"], failed[0]);
        Assert.StartsWith("INVALID_TYPE_ON_FIELD_IN_RECORD:", failed[1][1], StringComparison.Ordinal);
        Assert.StartsWith("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST:", failed[2][1], StringComparison.Ordinal);
        Assert.Equal(42, sf.Org.Count("Invoice__c"));
        Assert.Single(Csv(await sf.Http.GetStringAsync($"jobs/ingest/{job}/unprocessedrecords")));
    }

    [Fact]
    public async Task Ingest_update_upsert_and_delete_by_key_and_uploads_only_while_open()
    {
        await using var sf = await SalesforceTestOrg.StartAsync();
        var invoices = sf.Org.Records("Invoice__c");

        async Task<string> Run(object create, string csv)
        {
            var (_, body, _) = await sf.SendAsync(HttpMethod.Post, "jobs/ingest", create);
            var id = (string)body!["id"]!;
            await sf.Http.PutAsync($"jobs/ingest/{id}/batches", new StringContent(csv, Encoding.UTF8, "text/csv"));
            await sf.SendAsync(HttpMethod.Patch, $"jobs/ingest/{id}", new { state = "UploadComplete" });
            Assert.Equal("JobComplete", (string)(await sf.GetAsync($"jobs/ingest/{id}")).Body!["state"]!);
            return id;
        }

        await Run(new { @object = "Invoice__c", operation = "update" }, $"Id,Status__c,Notes__c\n{invoices[0].Id},Void,\n{invoices[1].Id},Void,#N/A\n");
        Assert.Equal("Void", sf.Org.Find(invoices[0].Id)!["Status__c"]);
        Assert.Equal(invoices[0]["Notes__c"], sf.Org.Find(invoices[0].Id)!["Notes__c"]);
        Assert.Null(sf.Org.Find(invoices[1].Id)!["Notes__c"]);

        var upsert = await Run(new { @object = "Invoice__c", operation = "upsert", externalIdFieldName = "HubSpot_Id__c" }, "HubSpot_Id__c,Name\nhs-9,Upserted\n");
        var created = Csv(await sf.Http.GetStringAsync($"jobs/ingest/{upsert}/successfulResults"));
        Assert.Equal("true", created[1][1]);
        await Run(new { @object = "Invoice__c", operation = "upsert", externalIdFieldName = "HubSpot_Id__c" }, "HubSpot_Id__c,Name\nhs-9,Renamed\n");
        Assert.Equal("Renamed", sf.Org.Find(created[1][0])!["Name"]);

        var delete = await Run(new { @object = "Invoice__c", operation = "delete" }, $"Id\n{invoices[2].Id}\n");
        Assert.True(sf.Org.Find(invoices[2].Id)!.IsDeleted);
        Assert.Equal(2, Csv(await sf.Http.GetStringAsync($"jobs/ingest/{delete}/successfulResults")).Count);

        var late = await sf.Http.PutAsync($"jobs/ingest/{delete}/batches", new StringContent("Id\n", Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        var (status, body, _) = await sf.SendAsync(HttpMethod.Post, "jobs/ingest", new { @object = "Invoice__c", operation = "upsert", externalIdFieldName = "Name" });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("INVALIDJOB", SalesforceTestOrg.ErrorCode(body));
    }

    [Fact]
    public async Task Aborted_ingest_reports_its_rows_as_unprocessed()
    {
        await using var sf = await SalesforceTestOrg.StartAsync();
        var (_, body, _) = await sf.SendAsync(HttpMethod.Post, "jobs/ingest", new { @object = "Account", operation = "insert" });
        var job = (string)body!["id"]!;
        await sf.Http.PutAsync($"jobs/ingest/{job}/batches", new StringContent("Name\nA\nB\n", Encoding.UTF8, "text/csv"));
        var (_, aborted, _) = await sf.SendAsync(HttpMethod.Patch, $"jobs/ingest/{job}", new { state = "Aborted" });
        Assert.Equal("Aborted", (string)aborted!["state"]!);
        Assert.Equal(3, Csv(await sf.Http.GetStringAsync($"jobs/ingest/{job}/unprocessedrecords")).Count);
        Assert.Equal(5, sf.Org.Count("Account"));
        Assert.Equal(HttpStatusCode.NoContent, (await sf.Http.DeleteAsync($"jobs/ingest/{job}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await sf.GetAsync($"jobs/ingest/{job}")).Status);
    }
}
