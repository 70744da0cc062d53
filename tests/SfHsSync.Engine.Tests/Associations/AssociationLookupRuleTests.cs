using SfHsSync.Engine.HubSpot;
using SfHsSync.Engine.Mapping;
using SfHsSync.Engine.Metadata;
using SfHsSync.Engine.Tests.Validation;
using SfHsSync.Engine.Validation;

namespace SfHsSync.Engine.Tests.Associations;

/// <summary>AS007: a two-way association needs a lookup Salesforce lets the sync update.</summary>
public sealed class AssociationLookupRuleTests
{
    private static readonly SalesforceFieldDescription Name = new() { Name = "Name", Type = "string", Length = 80, Createable = true, Updateable = true };

    private static FixedSchemaSource Source(bool lookupUpdateable)
    {
        var lookup = new SalesforceFieldDescription { Name = "Account__c", Type = "reference", ReferenceTo = ["Account"], Createable = true, Updateable = lookupUpdateable };
        var source = new FixedSchemaSource()
            .AddSalesforce("Thing__c", fields: [Name, lookup])
            .AddHubSpot("things", "2-99", ["title"], new HubSpotPropertyDescription { Name = "title", Type = "string", FieldType = "text" },
                new HubSpotPropertyDescription { Name = "sf_id", Type = "string", FieldType = "text", HasUniqueValue = true })
            .AddHubSpot("companies", "0-2", [], new HubSpotPropertyDescription { Name = "salesforceaccountid", Type = "string", FieldType = "text" });
        source.AssociationTypes.Add(new HubSpotAssociationType(77, HubSpotAssociationCategory.UserDefined));
        return source;
    }

    private static SyncMapping Things(SyncDirection direction)
        => new SyncMapping("Things", "Thing__c", "things", salesforceIdProperty: "sf_id")
            .AddField("Name", "title", SyncDirection.SalesforceToHubSpot)
            .AddAssociation(new AssociationMapping("Account__c", "companies", targetIdProperty: "salesforceaccountid", direction: direction));

    [Fact]
    public async Task AS007_a_two_way_association_on_a_lookup_Salesforce_will_not_update_is_an_error()
    {
        var diagnostics = await MappingValidator.Default.ValidateAsync([Things(SyncDirection.TwoWay)], Source(lookupUpdateable: false));

        var d = Assert.Single(diagnostics, x => x.RuleId == "AS007");
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Equal("Account__c <-> companies by salesforceaccountid", d.Target);
        Assert.Contains("'Account__c' cannot be updated in Salesforce", d.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SyncDirection.SalesforceToHubSpot, false)]
    [InlineData(SyncDirection.TwoWay, true)]
    public async Task AS007_a_one_way_association_or_an_updateable_lookup_passes(SyncDirection direction, bool updateable)
    {
        var diagnostics = await MappingValidator.Default.ValidateAsync([Things(direction)], Source(updateable));

        Assert.DoesNotContain(diagnostics, x => x.RuleId.StartsWith("AS", StringComparison.Ordinal));
    }
}
