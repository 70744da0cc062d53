using SfHsSync.Engine.HubSpot;
using SfHsSync.Engine.Mapping;
using SfHsSync.Engine.Validation;

namespace SfHsSync.Engine.Tests.Validation;

/// <summary>CN001 warns, with the date, when the HubSpot connection's API version is past or within 180 days of its end of support.</summary>
public sealed class ApiVersionSunsetTests
{
    private static readonly SyncMapping[] Mappings =
    [
        new("Invoices", "Invoice__c", "p1_invoices", ConflictWinner.Salesforce, SyncDirection.TwoWay, SyncDirection.None, "salesforce_id", "HubSpot_Id__c"),
        new("Orders", "Order__c", "p1_orders", ConflictWinner.Salesforce, SyncDirection.TwoWay, SyncDirection.None, "salesforce_id", "HubSpot_Id__c"),
    ];

    [Fact]
    public void V3_near_the_end_of_v4_associations_warns_once_per_mapping_with_the_date_and_the_fix()
    {
        var found = ApiVersionSunset.Check(Mappings, HubSpotApiVersion.V3, new DateOnly(2026, 12, 4)).ToList();

        Assert.Equal(new[] { "Invoices", "Orders" }, found.Select(d => d.Mapping));
        Assert.All(found, d => Assert.Equal((DiagnosticSeverity.Warning, "CN001"), (d.Severity, d.RuleId)));
        Assert.Contains("support ends on 2027-03-30 (116 days)", found[0].Message, StringComparison.Ordinal);
        Assert.Contains("-ApiVersion 2026-09", found[0].Suggestion, StringComparison.Ordinal);
    }

    [Fact]
    public void A_version_past_its_end_says_since_when()
    {
        var found = Assert.Single(ApiVersionSunset.Check(Mappings.Take(1), HubSpotApiVersion.V2026_03, new DateOnly(2027, 10, 1)));
        Assert.Contains("2026-03, unsupported since 2027-09-01", found.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-09", 2026, 12, 4)]
    [InlineData("2026-03", 2026, 12, 4)]
    [InlineData("v3", 2026, 9, 30)]
    public void A_version_with_more_than_180_days_left_is_not_reported(string version, int year, int month, int day)
        => Assert.Empty(ApiVersionSunset.Check(Mappings, HubSpotApiVersion.Parse(version, "test"), new DateOnly(year, month, day)));
}
