using System.Net;
using System.Text.Json.Nodes;

namespace SfHsSync.Sandbox.Tests.HubSpot;

public sealed class HubSpotBatchTests
{
    private const string Batch = "/crm/v3/objects/p12345678_invoices/batch";

    [Fact]
    public async Task Batch_create_all_good_is_201_complete()
    {
        await using var hs = await HubSpotTestServer.StartAsync();
        var answer = (await hs.PostAsync($"{Batch}/create", new
        {
            inputs = Enumerable.Range(1, 3).Select(i => new { properties = new { invoice_number = $"INV-{i}", amount = $"{i}0" }, associations = Array.Empty<object>() }),
        })).Expect(HttpStatusCode.Created);

        OpenApiContract.AssertValid("objects.json", "BatchResponseSimplePublicObject", answer.Body);
        Assert.Equal("COMPLETE", answer.Json["status"]!.GetValue<string>());
        Assert.Equal(3, answer.Json["results"]!.AsArray().Count);
        Assert.Null(answer.Json["numErrors"]);
        Assert.Equal(3, hs.Account.CountRecords("invoices"));
    }

    [Fact]
    public async Task Batch_create_with_some_bad_inputs_is_207_with_numErrors_and_the_good_ones_created()
    {
        await using var hs = await HubSpotTestServer.StartAsync();
        hs.SeedInvoices(1);
        var answer = (await hs.PostAsync($"{Batch}/create", new
        {
            inputs = new object[]
            {
                new { properties = new { invoice_number = "OK-1" } },
                new { properties = new { invoice_number = "BAD-NUMBER", amount = "12,5" }, objectWriteTraceId = "trace-2" },
                new { properties = new { invoice_number = "OK-2" } },
                new { properties = new { invoice_number = "DUPLICATE", salesforce_id = "a01000000000001AAA" } },
            },
        })).Expect((HttpStatusCode)207);

        OpenApiContract.AssertValid("objects.json", "BatchResponseSimplePublicObjectWithErrors", answer.Body);
        Assert.Equal(2, answer.Json["numErrors"]!.GetValue<int>());
        Assert.Equal(["OK-1", "OK-2"], hs.Account.Records("invoices").Skip(1).Select(r => r.Properties["invoice_number"]));

        var errors = answer.Json["errors"]!.AsArray();
        Assert.Equal("VALIDATION_ERROR", errors[0]!["category"]!.GetValue<string>());
        Assert.Equal("INVALID_DECIMAL", errors[0]!["errors"]![0]!["code"]!.GetValue<string>());
        Assert.Equal("1", errors[0]!["context"]!["inputIndex"]![0]!.GetValue<string>());
        Assert.Equal("trace-2", errors[0]!["context"]!["objectWriteTraceId"]![0]!.GetValue<string>());
        Assert.Equal("CONFLICT", errors[1]!["category"]!.GetValue<string>());
        Assert.Contains("salesforce_id", errors[1]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Batches_over_100_inputs_are_refused_whole()
    {
        await using var hs = await HubSpotTestServer.StartAsync();
        var answer = (await hs.PostAsync($"{Batch}/create", new
        {
            inputs = Enumerable.Range(1, 101).Select(i => new { properties = new { invoice_number = $"INV-{i}" } }),
        })).Expect(HttpStatusCode.BadRequest);
        Assert.Contains("101", answer.Json["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, hs.Account.CountRecords("invoices"));
    }

    [Fact]
    public async Task Batch_read_by_id_and_by_unique_property_reports_missing_ids_in_a_207()
    {
        await using var hs = await HubSpotTestServer.StartAsync();
        var ids = hs.SeedInvoices(3);

        var byId = (await hs.PostAsync($"{Batch}/read", new
        {
            inputs = new[] { new { id = ids[0] }, new { id = "999999999" }, new { id = ids[2] } },
            properties = new[] { "invoice_number" },
            propertiesWithHistory = Array.Empty<string>(),
        })).Expect((HttpStatusCode)207);
        OpenApiContract.AssertValid("objects.json", "BatchResponseSimplePublicObjectWithErrors", byId.Body);
        Assert.Equal([ids[0], ids[2]], byId.Json["results"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()));
        Assert.Equal("OBJECT_NOT_FOUND", byId.Json["errors"]![0]!["category"]!.GetValue<string>());
        Assert.Equal("999999999", byId.Json["errors"]![0]!["context"]!["ids"]![0]!.GetValue<string>());

        var byUnique = (await hs.PostAsync($"{Batch}/read", new
        {
            inputs = new[] { new { id = "a01000000000002AAA" } },
            idProperty = "salesforce_id",
            properties = new[] { "salesforce_id" },
            propertiesWithHistory = Array.Empty<string>(),
        })).Expect(HttpStatusCode.OK);
        OpenApiContract.AssertValid("objects.json", "BatchResponseSimplePublicObject", byUnique.Body);
        Assert.Equal(ids[1], byUnique.Json["results"]![0]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Batch_update_changes_values_and_reports_unknown_ids()
    {
        await using var hs = await HubSpotTestServer.StartAsync();
        var ids = hs.SeedInvoices(2);
        var answer = (await hs.PostAsync($"{Batch}/update", new
        {
            inputs = new object[]
            {
                new { id = ids[0], properties = new { status = "Sent" } },
                new { id = "424242", properties = new { status = "Sent" } },
                new { id = ids[1], properties = new { status = "Void" } },
            },
        })).Expect((HttpStatusCode)207);
        OpenApiContract.AssertValid("objects.json", "BatchResponseSimplePublicObjectWithErrors", answer.Body);
        Assert.Equal(2, answer.Json["numErrors"]!.GetValue<int>());
        Assert.Equal("Sent", hs.Account.FindRecord("invoices", ids[0])!.Properties["status"]);
        Assert.False(hs.Account.FindRecord("invoices", ids[1])!.Properties.ContainsKey("status"));
        Assert.Equal("INVALID_OPTION", answer.Json["errors"]![1]!["errors"]![0]!["code"]!.GetValue<string>());

        var duplicate = (await hs.PostAsync($"{Batch}/update", new
        {
            inputs = new object[] { new { id = ids[0], properties = new { notes = "a" } }, new { id = ids[0], properties = new { notes = "b" } } },
        })).Expect(HttpStatusCode.BadRequest);
        Assert.Contains(ids[0], duplicate.Json["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Batch_upsert_on_the_unique_salesforce_id_is_idempotent()
    {
        await using var hs = await HubSpotTestServer.StartAsync();
        var existing = hs.SeedInvoices(1)[0];
        object Body() => new
        {
            inputs = new object[]
            {
                new { id = "a01000000000001AAA", idProperty = "salesforce_id", properties = new { invoice_number = "INV-00001", amount = "5" } },
                new { id = "a01000000000009AAA", idProperty = "salesforce_id", properties = new { invoice_number = "INV-00009" } },
            },
        };

        var first = (await hs.PostAsync($"{Batch}/upsert", Body())).Expect(HttpStatusCode.OK);
        OpenApiContract.AssertValid("objects.json", "BatchResponseSimplePublicUpsertObject", first.Body);
        var results = first.Json["results"]!.AsArray();
        Assert.Equal(existing, results[0]!["id"]!.GetValue<string>());
        Assert.False(results[0]!["new"]!.GetValue<bool>());
        Assert.True(results[1]!["new"]!.GetValue<bool>());
        Assert.Equal(2, hs.Account.CountRecords("invoices"));
        Assert.Equal("a01000000000009AAA", hs.Account.FindRecord("invoices", results[1]!["id"]!.GetValue<string>())!.Properties["salesforce_id"]);

        var second = (await hs.PostAsync($"{Batch}/upsert", Body())).Expect(HttpStatusCode.OK);
        Assert.All(second.Json["results"]!.AsArray(), r => Assert.False(r!["new"]!.GetValue<bool>()));
        Assert.Equal(2, hs.Account.CountRecords("invoices"));

        var missingIdProperty = (await hs.PostAsync($"{Batch}/upsert", new { inputs = new[] { new { id = "x", properties = new { invoice_number = "X" } } } }))
            .Expect((HttpStatusCode)207);
        OpenApiContract.AssertValid("objects.json", "BatchResponseSimplePublicUpsertObjectWithErrors", missingIdProperty.Body);
        Assert.Contains("idProperty", missingIdProperty.Json["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Batch_archive_is_204_and_archives_only_the_named_records()
    {
        await using var hs = await HubSpotTestServer.StartAsync();
        var ids = hs.SeedInvoices(4);
        (await hs.PostAsync($"{Batch}/archive", new { inputs = new[] { new { id = ids[1] }, new { id = ids[2] }, new { id = "77777" } } }))
            .Expect(HttpStatusCode.NoContent);
        Assert.Equal([ids[0], ids[3]], hs.Account.Records("invoices").Select(r => r.Id));
        Assert.True(hs.Account.FindRecord("invoices", ids[1])!.Archived);
    }
}
