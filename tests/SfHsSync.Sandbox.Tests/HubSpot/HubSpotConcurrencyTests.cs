using System.Net;

namespace SfHsSync.Sandbox.Tests.HubSpot;

/// <summary>Kestrel serves calls at once; writes that race must still keep unique values unique and upserts idempotent.</summary>
public sealed class HubSpotConcurrencyTests
{
    [Fact]
    public async Task Racing_upserts_of_the_same_unique_values_create_each_record_once()
    {
        await using var hs = await HubSpotTestServer.StartAsync();
        var body = new
        {
            inputs = Enumerable.Range(1, 100).Select(i => new
            {
                id = $"a01{i:D12}AAA",
                idProperty = "salesforce_id",
                properties = new { invoice_number = $"INV-{i:D5}", amount = $"{i}" },
            }),
        };

        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => hs.PostAsync("/crm/v3/objects/p12345678_invoices/batch/upsert", body)));

        Assert.All(answers, a => a.Expect(HttpStatusCode.OK));
        Assert.Equal(100, hs.Account.CountRecords("invoices"));
        Assert.Equal(100, answers.Sum(a => a.Json["results"]!.AsArray().Count(r => r!["new"]!.GetValue<bool>())));
        Assert.Equal(100, hs.Account.Records("invoices").Select(r => r.Properties["salesforce_id"]).Distinct().Count());
        Assert.Equal(12, hs.Account.CountRequests("POST", "/crm/v3/objects/{objectType}/batch/upsert"));
    }

    [Fact]
    public async Task Racing_creates_with_one_unique_value_let_exactly_one_win()
    {
        await using var hs = await HubSpotTestServer.StartAsync();
        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            hs.PostAsync("/crm/v3/objects/p12345678_invoices", new { properties = new { invoice_number = $"INV-{i}", salesforce_id = "a01000000000042AAA" } })));

        Assert.Single(answers, a => a.Status == HttpStatusCode.Created);
        Assert.Equal(9, answers.Count(a => a.Status == HttpStatusCode.Conflict));
        Assert.Equal(1, hs.Account.CountRecords("invoices"));
    }
}
