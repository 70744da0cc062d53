using SfHsSync.Engine.Connections;
using SfHsSync.Engine.Errors;
using SfHsSync.Engine.HubSpot;
using SfHsSync.Engine.Mapping;
using SfHsSync.Engine.Sync;
using SfHsSync.Engine.Tests.Associations;
using SfHsSync.Sandbox.HubSpot;

namespace SfHsSync.Engine.Tests.HubSpot;

/// <summary>
/// The HubSpot API version is a setting of the connection: 2026-09 by default, 2026-03 or v3 when asked. A two-way pass
/// with associations (creates, a move read back from HubSpot, the association scan) under 2026-09 calls only 2026-09
/// paths, against a sandbox where every other path is retired; under v3 it calls only the numbered paths.
/// </summary>
public sealed class HubSpotApiVersionTests
{
    private static readonly string[] DatedFamilies = ["/crm/objects/2026-09/", "/crm-object-schemas/2026-09/", "/crm/properties/2026-09/", "/crm/associations/2026-09/"];

    [Fact]
    public void A_connection_speaks_2026_09_unless_told_otherwise_and_keeps_its_version_when_its_portal_is_learned()
    {
        var token = SecretText.ToSecureString("t");
        var connection = new HubSpotConnection(new Uri("http://127.0.0.1:1/"), token);
        Assert.Same(HubSpotApiVersion.V2026_09, connection.ApiVersion);
        Assert.Same(HubSpotApiVersion.V3, connection.WithApiVersion(HubSpotApiVersion.V3).WithPortalId(5).ApiVersion);
        Assert.Contains("v3", connection.WithApiVersion(HubSpotApiVersion.V3).ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "2026-09")]
    [InlineData("2026-03", "2026-03")]
    [InlineData(" V3 ", "v3")]
    [InlineData("v4", "v3")]
    public void The_pipeline_variable_chooses_the_version(string? variable, string expected)
    {
        var vars = new Dictionary<string, string?> { [HubSpotConnection.AccessTokenVariable] = "t", [HubSpotApiVersion.Variable] = variable };
        var connection = HubSpotConnection.FromEnvironment(name => vars.GetValueOrDefault(name));
        Assert.Equal(expected, connection!.ApiVersion.Name);
    }

    [Fact]
    public void An_unknown_version_is_refused_naming_where_it_came_from_and_the_versions_there_are()
    {
        var vars = new Dictionary<string, string?> { [HubSpotConnection.AccessTokenVariable] = "t", [HubSpotApiVersion.Variable] = "2025-09" };
        var ex = Assert.Throws<SyncException>(() => HubSpotConnection.FromEnvironment(name => vars.GetValueOrDefault(name)));
        Assert.Equal("HubSpotApiVersionInvalid", ex.ErrorId);
        Assert.Contains(HubSpotApiVersion.Variable + " '2025-09'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("2026-09, 2026-03, v3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_family_routes_to_its_dated_path_or_to_the_numbered_one()
    {
        var dated = new HubSpotRoutes(HubSpotApiVersion.V2026_09);
        Assert.Equal("crm/objects/2026-09/2-1/batch/upsert", dated.Objects.Batch("2-1", "upsert"));
        Assert.Equal("crm/objects/2026-09/2-1/search", dated.Objects.Search("2-1"));
        Assert.Equal("crm-object-schemas/2026-09/schemas/p1_x", dated.Schemas.One("p1_x"));
        Assert.Equal("crm/properties/2026-09/companies", dated.Properties.List("companies"));
        Assert.Equal("crm/associations/2026-09/2-1/0-2/batch/labels/archive", dated.Associations.Batch("2-1", "0-2", "labels/archive"));
        Assert.Equal("crm/associations/2026-09/2-1/0-2/labels", dated.Associations.Labels("2-1", "0-2"));

        var numbered = new HubSpotRoutes(HubSpotApiVersion.V3);
        Assert.Equal("crm/v3/objects/2-1/7", numbered.Objects.Record("2-1", "7"));
        Assert.Equal("crm-object-schemas/v3/schemas", numbered.Schemas.List());
        Assert.Equal("crm/v4/associations/2-1/0-2/batch/read", numbered.Associations.Batch("2-1", "0-2", "read"));
        Assert.Equal("crm/associations/v4/2-1/0-2/labels", numbered.Associations.Labels("2-1", "0-2"));
        Assert.Equal("crm/objects/2026-03/a%2Fb", new HubSpotRoutes(HubSpotApiVersion.V2026_03).Objects.List("a/b"));
    }

    [Fact]
    public async Task Under_2026_09_a_pass_with_associations_and_the_scan_calls_only_2026_09_paths_and_no_retired_one()
    {
        await using var world = await AssociationWorld.StartAsync(HubSpotApiVersion.V2026_09, HubSpotApiVersions.September2026);
        var requests = await TwoWayPassesAsync(world);

        Assert.NotEmpty(requests);
        Assert.All(requests, r => Assert.True(DatedFamilies.Any(f => r.PathTemplate.StartsWith(f, StringComparison.Ordinal)), $"{r.Method} {r.PathTemplate} is not a 2026-09 path"));
        Assert.DoesNotContain(requests, r => r.StatusCode == 404);
        Assert.DoesNotContain(requests, r => r.PathTemplate.Contains("/v3/", StringComparison.Ordinal) || r.PathTemplate.Contains("/v4/", StringComparison.Ordinal));
        Assert.Contains(requests, r => r.PathTemplate.EndsWith("/batch/read", StringComparison.Ordinal) && r.PathTemplate.StartsWith("/crm/associations/2026-09/", StringComparison.Ordinal));
        var runs = await world.State.GetRunsAsync("Invoices", null, 10, CancellationToken.None);
        Assert.Equal(2, runs.Count);
        Assert.All(runs, r => Assert.Equal("Salesforce v59.0, HubSpot 2026-09", r.ApiVersions));
    }

    [Fact]
    public async Task Under_v3_the_same_passes_call_only_the_numbered_paths()
    {
        await using var world = await AssociationWorld.StartAsync(HubSpotApiVersion.V3, HubSpotApiVersions.Numbered);
        var requests = await TwoWayPassesAsync(world);

        Assert.NotEmpty(requests);
        Assert.All(requests, r => Assert.True(r.PathTemplate.Contains("/v3/", StringComparison.Ordinal) || r.PathTemplate.Contains("/v4/", StringComparison.Ordinal), r.PathTemplate));
        Assert.DoesNotContain(requests, r => r.StatusCode == 404);
    }

    [Fact]
    public async Task A_v3_connection_to_an_account_that_serves_only_2026_09_meets_the_retired_answer()
    {
        await using var world = await AssociationWorld.StartAsync(HubSpotApiVersion.V3, HubSpotApiVersions.September2026);

        var ex = await Assert.ThrowsAsync<SyncException>(() => world.HubSpot.GetSchemasAsync());

        Assert.Equal("HubSpotObjectNotFound", ex.ErrorId);
        Assert.Contains("retired API version (v3)", ex.Message, StringComparison.Ordinal);
        Assert.Equal(404, Assert.Single(world.Account.Requests).StatusCode);
    }

    /// <summary>A two-way pass that creates every invoice and association, a move made in HubSpot, and a scanning pass; the requests of all three.</summary>
    private static async Task<IReadOnlyList<HubSpotRequest>> TwoWayPassesAsync(AssociationWorld world)
    {
        var mapping = AssociationWorld.InvoiceMapping(AssociationWorld.ByCompanyProperty(SyncDirection.TwoWay));
        world.ResetRequestLogs();
        var first = await world.PassAsync(mapping);
        Assert.Equal(32, first.CreatedInHubSpot);

        var invoice = world.SyncableInvoices()[3];
        var hubSpotInvoice = world.InvoiceInHubSpot(invoice.Id);
        var oldCompany = Assert.Single(world.CompaniesOfInvoice(hubSpotInvoice));
        var newCompany = world.Account.Records("companies").Select(c => c.Id).First(id => id != oldCompany);
        var types = await world.HubSpot.GetAssociationTypesAsync(AssociationWorld.Invoices, AssociationWorld.Companies);
        await world.HubSpot.ArchiveAssociationsAsync(AssociationWorld.Invoices, AssociationWorld.Companies, new[] { new HubSpotAssociationRemoval(hubSpotInvoice, new[] { oldCompany }) });
        var moved = await world.HubSpot.CreateAssociationsAsync(AssociationWorld.Invoices, AssociationWorld.Companies,
            new[] { new HubSpotAssociationInput(hubSpotInvoice, newCompany, types.First(t => t.Label is null)) });
        Assert.True(Assert.Single(moved).Success);

        var scanned = await world.PassAsync(mapping, new SyncOptions { HubSpotSearchLag = TimeSpan.Zero, ScanAssociations = true });
        Assert.Equal(1, scanned.Associations.UpdatedInSalesforce);
        return world.Account.Requests;
    }
}
