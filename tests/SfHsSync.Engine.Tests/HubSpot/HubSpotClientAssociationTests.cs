using SfHsSync.Engine.HubSpot;

namespace SfHsSync.Engine.Tests.HubSpot;

public sealed class HubSpotClientAssociationTests
{
    [Fact]
    public async Task CreatesReadsAndArchivesAssociationsWithTheSchemasTypeIds()
    {
        await using var sandbox = await HubSpotSandbox.StartAsync();
        var invoices = sandbox.Account.CreateRecords(HubSpotSandbox.Invoices, Enumerable.Range(1, 3)
            .Select(n => (IReadOnlyDictionary<string, string>)new Dictionary<string, string> { ["invoice_number"] = $"INV-{n}" }));
        var companies = sandbox.Account.CreateRecords("companies", new[]
        {
            (IReadOnlyDictionary<string, string>)new Dictionary<string, string> { ["name"] = "Acme" },
            new Dictionary<string, string> { ["name"] = "Globex" },
        });
        using var client = sandbox.Client();

        var types = await client.GetAssociationTypesAsync(HubSpotSandbox.Invoices, "companies");
        var type = Assert.Single(types, t => t.Category == HubSpotAssociationCategory.UserDefined);
        var schema = await client.GetSchemaAsync(HubSpotSandbox.Invoices);
        Assert.Contains(schema.Associations, a => a.Id == type.TypeId.ToString(System.Globalization.CultureInfo.InvariantCulture) && a.ToObjectTypeId == "0-2");

        var created = await client.CreateAssociationsAsync(HubSpotSandbox.Invoices, "companies", new[]
        {
            new HubSpotAssociationInput(invoices[0], companies[0], type),
            new HubSpotAssociationInput(invoices[1], companies[1], type),
            new HubSpotAssociationInput(invoices[2], companies[0], type),
        });
        var links = await client.ReadAssociationsAsync(HubSpotSandbox.Invoices, "companies", invoices);
        await client.ArchiveAssociationsAsync(HubSpotSandbox.Invoices, "companies", new[] { new HubSpotAssociationRemoval(invoices[0], new[] { companies[0] }) });

        Assert.All(created, r => Assert.True(r.Success, r.Error?.ToString()));
        Assert.Equal(new[] { 0, 1, 2 }, created.Select(r => r.Index));
        Assert.Equal(3, links.Count);
        Assert.Contains(links, l => l.FromId == invoices[1] && l.ToId == companies[1] && l.Types.Any(t => t.TypeId == type.TypeId));
        Assert.Empty(sandbox.Account.AssociatedIds(HubSpotSandbox.Invoices, invoices[0], "companies"));
        Assert.Equal(new[] { companies[0] }, sandbox.Account.AssociatedIds(HubSpotSandbox.Invoices, invoices[2], "companies"));
        Assert.Equal(5, client.ApiCallCount);
    }

    [Fact]
    public async Task AnAssociationToAMissingRecordFailsAtItsOwnInput()
    {
        await using var sandbox = await HubSpotSandbox.StartAsync();
        var invoice = sandbox.Account.CreateRecord(HubSpotSandbox.Invoices, new Dictionary<string, string> { ["invoice_number"] = "INV-1" });
        var company = sandbox.Account.CreateRecord("companies", new Dictionary<string, string> { ["name"] = "Acme" });
        using var client = sandbox.Client();
        var type = (await client.GetAssociationTypesAsync(HubSpotSandbox.Invoices, "companies")).First(t => t.Category == HubSpotAssociationCategory.UserDefined);

        var results = await client.CreateAssociationsAsync(HubSpotSandbox.Invoices, "companies", new[]
        {
            new HubSpotAssociationInput(invoice, "777777777", type),
            new HubSpotAssociationInput(invoice, company, type),
        });

        Assert.False(results[0].Success);
        Assert.True(results[1].Success, results[1].Error?.ToString());
        Assert.Equal(new[] { company }, sandbox.Account.AssociatedIds(HubSpotSandbox.Invoices, invoice, "companies"));
    }
}
