using System.Globalization;
using SfHsSync.Engine.HubSpot;
using SfHsSync.Sandbox.HubSpot;

namespace SfHsSync.Engine.Tests.HubSpot;

/// <summary>
/// Every kind of call the client makes, sent through Prism validating against HubSpot's own OpenAPI files for objects,
/// schemas, properties and associations: no request or response may break the contract, under 2026-09 (the default)
/// and under v3.
/// </summary>
public sealed class HubSpotPrismContractTests
{
    private static readonly string[] Wanted = { "invoice_number", "amount", "status", "salesforce_id" };

    [Theory]
    [InlineData("2026-09")]
    [InlineData("v3")]
    public async Task TheClientsCallsAndTheSandboxsAnswersMatchHubSpotsOpenApiFiles(string version)
    {
        await using var sandbox = await HubSpotSandbox.StartAsync();
        var company = sandbox.Account.CreateRecord("companies", new Dictionary<string, string> { ["name"] = "Acme" });
        await using var prism = await PrismProxy.StartAsync(sandbox.Server.HubSpotUrl);
        using var client = new HubSpotClient(sandbox.Connection(prism.Url).WithApiVersion(HubSpotApiVersion.Parse(version, "test")), HubSpotSandbox.Fast);

        await client.GetSchemasAsync();
        await client.GetSchemaAsync("companies");
        var inputs = Enumerable.Range(1, 120).Select(n => new Dictionary<string, string>
        {
            ["invoice_number"] = "INV-" + n.ToString(CultureInfo.InvariantCulture),
            ["amount"] = "10.5",
            ["salesforce_id"] = "a0X" + n.ToString("000000", CultureInfo.InvariantCulture),
        }).ToList();
        inputs[3]["amount"] = "not a number";
        var created = await client.BatchCreateAsync(HubSpotSandbox.Invoices, inputs.Select(i => new HubSpotCreateInput(i)).ToList());
        var ids = created.Where(r => r.Success).Select(r => r.Id!).ToList();
        await client.BatchReadAsync(HubSpotSandbox.Invoices, ids.Take(5).Append("999999999").ToList(), Wanted);
        await client.BatchReadAsync(HubSpotSandbox.Invoices, new[] { "a0X000001" }, Wanted, "salesforce_id");
        await client.BatchUpdateAsync(HubSpotSandbox.Invoices, new[]
        {
            new HubSpotUpdateInput(ids[0], new Dictionary<string, string> { ["status"] = "Sent" }),
            new HubSpotUpdateInput(ids[1], new Dictionary<string, string> { ["status"] = "Void" }),
        });
        await client.BatchUpsertAsync(HubSpotSandbox.Invoices, "salesforce_id", new[]
        {
            new HubSpotUpsertInput("a0X000001", new Dictionary<string, string> { ["amount"] = "12" }),
            new HubSpotUpsertInput("a0X999999", new Dictionary<string, string> { ["invoice_number"] = "INV-NEW" }),
        });
        await foreach (var _ in client.ListAsync(HubSpotSandbox.Invoices, Wanted))
        {
        }

        Assert.NotNull(await client.GetAsync(HubSpotSandbox.Invoices, ids[2], Wanted));
        Assert.Null(await client.GetAsync(HubSpotSandbox.Invoices, "999999999", Wanted));
        var changed = 0;
        await foreach (var _ in client.ReadChangedSinceAsync(HubSpotSandbox.Invoices, Wanted, DateTimeOffset.UtcNow.AddDays(-1)))
        {
            changed++;
        }

        await client.CountChangedSinceAsync(HubSpotSandbox.Invoices, DateTimeOffset.UtcNow.AddDays(-1));
        var type = (await client.GetAssociationTypesAsync(HubSpotSandbox.Invoices, "companies")).First(t => t.Category == HubSpotAssociationCategory.UserDefined);
        var associated = await client.CreateAssociationsAsync(HubSpotSandbox.Invoices, "companies", new[]
        {
            new HubSpotAssociationInput(ids[0], company, type),
            new HubSpotAssociationInput(ids[1], company, type),
        });
        await client.ReadAssociationsAsync(HubSpotSandbox.Invoices, "companies", ids.Take(3).ToList());
        await client.ArchiveAssociationsAsync(HubSpotSandbox.Invoices, "companies", new[] { new HubSpotAssociationRemoval(ids[0], new[] { company }) });
        await client.ArchiveAssociationTypeAsync(HubSpotSandbox.Invoices, "companies", new[] { new HubSpotAssociationRemoval(ids[1], new[] { company }) }, type);
        await client.BatchArchiveAsync(HubSpotSandbox.Invoices, ids.Skip(100).ToList());

        Assert.Equal(119, ids.Count);
        Assert.Equal(120, changed);
        Assert.All(associated, r => Assert.True(r.Success, r.Error?.ToString()));
        Assert.All(sandbox.Account.Requests, r => Assert.Equal(version, HubSpotApiVersions.OfTemplate(r.PathTemplate)));
        Assert.True(prism.Violations.Count == 0, "Prism reported contract violations:\n" + string.Join('\n', prism.Violations) + "\n--- full log ---\n" + prism.Log);
    }
}
