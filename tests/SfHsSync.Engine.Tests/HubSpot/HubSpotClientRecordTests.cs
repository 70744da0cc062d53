using System.Globalization;
using SfHsSync.Engine.HubSpot;

namespace SfHsSync.Engine.Tests.HubSpot;

public sealed class HubSpotClientRecordTests
{
    private static readonly string[] Wanted = { "invoice_number", "amount", "status", "salesforce_id" };

    private static Dictionary<string, string> Invoice(int n, string? salesforceId = null)
    {
        var values = new Dictionary<string, string>
        {
            ["invoice_number"] = "INV-" + n.ToString("0000", CultureInfo.InvariantCulture),
            ["amount"] = (n * 10).ToString(CultureInfo.InvariantCulture),
            ["status"] = "Draft",
        };
        if (salesforceId is not null)
        {
            values["salesforce_id"] = salesforceId;
        }

        return values;
    }

    [Fact]
    public async Task ListStreamsEveryRecordInPagesOfOneHundred()
    {
        await using var sandbox = await HubSpotSandbox.StartAsync();
        sandbox.Account.CreateRecords(HubSpotSandbox.Invoices, Enumerable.Range(1, 250).Select(n => (IReadOnlyDictionary<string, string>)Invoice(n)));
        using var client = sandbox.Client();

        var seen = new List<HubSpotRecord>();
        await foreach (var record in client.ListAsync(HubSpotSandbox.Invoices, Wanted))
        {
            seen.Add(record);
        }

        Assert.Equal(250, seen.Count);
        Assert.Equal(250, seen.Select(r => r.Id).Distinct().Count());
        Assert.Equal("INV-0001", seen.OrderBy(r => r.NumericId).First()["invoice_number"]);
        Assert.All(seen, r => Assert.False(r.Archived));
        Assert.Equal(3, client.ApiCallCount);
    }

    [Fact]
    public async Task BatchCreateSendsOneHundredACallAndReturnsEachResultAtItsInput()
    {
        await using var sandbox = await HubSpotSandbox.StartAsync();
        using var client = sandbox.Client();
        var inputs = Enumerable.Range(1, 250).Select(n => new HubSpotCreateInput(Invoice(n))).ToList();

        var results = await client.BatchCreateAsync(HubSpotSandbox.Invoices, inputs);

        Assert.Equal(250, results.Count);
        Assert.All(results, r => Assert.True(r.Success, r.ToString()));
        Assert.Equal(Enumerable.Range(0, 250), results.Select(r => r.Index));
        Assert.All(results, r => Assert.Equal(inputs[r.Index].Properties["invoice_number"], sandbox.Account.FindRecord(HubSpotSandbox.Invoices, r.Id!)!.Properties["invoice_number"]));
        Assert.Equal(250, sandbox.Account.CountRecords(HubSpotSandbox.Invoices));
        Assert.Equal(3, client.ApiCallCount);
        Assert.Equal(3, sandbox.Calls("POST", "/crm/objects/2026-09/{objectType}/batch/create"));
    }

    [Fact]
    public async Task PartialFailuresOfA207AreMappedToTheInputsThatCausedThem()
    {
        await using var sandbox = await HubSpotSandbox.StartAsync();
        using var client = sandbox.Client();
        var inputs = Enumerable.Range(1, 100).Select(n => Invoice(n)).ToList();
        inputs[7]["amount"] = "seventeen";
        inputs[42]["status"] = "Void";
        inputs[60].Remove("invoice_number");
        inputs[99]["total_with_tax"] = "5";

        var results = await client.BatchCreateAsync(HubSpotSandbox.Invoices, inputs.Select(i => new HubSpotCreateInput(i)).ToList());

        var failed = results.Where(r => !r.Success).ToDictionary(r => r.Index);
        Assert.Equal(new[] { 7, 42, 60, 99 }, failed.Keys.Order());
        Assert.Contains("amount", failed[7].Error!.PropertyNames);
        Assert.Contains("status", failed[42].Error!.PropertyNames);
        Assert.Contains("invoice_number", failed[60].Error!.Message + string.Join(",", failed[60].Error!.PropertyNames), StringComparison.Ordinal);
        Assert.Contains("total_with_tax", failed[99].Error!.Message + string.Join(",", failed[99].Error!.PropertyNames), StringComparison.Ordinal);
        Assert.All(results.Where(r => r.Success), r => Assert.Equal(inputs[r.Index]["invoice_number"], sandbox.Account.FindRecord(HubSpotSandbox.Invoices, r.Id!)!.Properties["invoice_number"]));
        Assert.Equal(96, sandbox.Account.CountRecords(HubSpotSandbox.Invoices));
        Assert.Equal(1, client.ApiCallCount);
    }

    [Fact]
    public async Task BatchReadFindsByIdAndByUniqueValueAndReportsUnknownIds()
    {
        await using var sandbox = await HubSpotSandbox.StartAsync();
        var ids = sandbox.Account.CreateRecords(HubSpotSandbox.Invoices, Enumerable.Range(1, 150).Select(n => (IReadOnlyDictionary<string, string>)Invoice(n, $"a0X{n:000000}")));
        using var client = sandbox.Client();
        var asked = ids.Reverse().Append("999999999").ToList();

        var byId = await client.BatchReadAsync(HubSpotSandbox.Invoices, asked, Wanted);
        var byUnique = await client.BatchReadAsync(HubSpotSandbox.Invoices, new[] { "a0X000002", "a0Xnope", "a0X000001" }, Wanted, "salesforce_id");

        Assert.Equal(asked.Take(150), byId.Take(150).Select(r => r.Id));
        Assert.Equal("OBJECT_NOT_FOUND", byId[150].Error!.Category);
        Assert.Equal("999999999", byId[150].Key);
        Assert.Equal(ids[1], byUnique[0].Id);
        Assert.False(byUnique[1].Success);
        Assert.Equal(ids[0], byUnique[2].Id);
        Assert.Equal(3, client.ApiCallCount);
    }

    [Fact]
    public async Task UpsertUpdateGetAndArchiveRoundTrip()
    {
        await using var sandbox = await HubSpotSandbox.StartAsync();
        var existing = sandbox.Account.CreateRecord(HubSpotSandbox.Invoices, Invoice(1, "a0X000001"));
        using var client = sandbox.Client();

        var upserted = await client.BatchUpsertAsync(HubSpotSandbox.Invoices, "salesforce_id", new[]
        {
            new HubSpotUpsertInput("a0X000002", Invoice(2)),
            new HubSpotUpsertInput("a0X000001", new Dictionary<string, string> { ["amount"] = "99.5" }),
        });
        var updated = await client.BatchUpdateAsync(HubSpotSandbox.Invoices, new[]
        {
            new HubSpotUpdateInput(existing, new Dictionary<string, string> { ["status"] = "Paid" }),
            new HubSpotUpdateInput("888888888", new Dictionary<string, string> { ["status"] = "Paid" }),
        });
        var read = await client.GetAsync(HubSpotSandbox.Invoices, "a0X000001", Wanted, "salesforce_id");
        var archived = await client.BatchArchiveAsync(HubSpotSandbox.Invoices, new[] { upserted[0].Id! });
        var gone = await client.GetAsync(HubSpotSandbox.Invoices, upserted[0].Id!, Wanted);

        Assert.True(upserted[0].IsNew);
        Assert.False(upserted[1].IsNew);
        Assert.Equal(existing, upserted[1].Id);
        Assert.True(updated[0].Success);
        Assert.False(updated[1].Success);
        Assert.Equal("888888888", updated[1].Key);
        Assert.Equal("99.5", read!["amount"]);
        Assert.Equal("Paid", read["status"]);
        Assert.True(Assert.Single(archived).Success);
        Assert.Null(gone);
        Assert.Equal(1, sandbox.Account.CountRecords(HubSpotSandbox.Invoices));
        Assert.Equal(5, client.ApiCallCount);
    }
}
