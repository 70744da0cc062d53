using SfHsSync.Engine.Mapping;
using SfHsSync.Engine.Metadata;
using SfHsSync.Engine.Validation;

namespace SfHsSync.Engine.Tests.Validation;

/// <summary>Rules whose breaking case the Demo seed cannot show, against metadata held in memory.</summary>
public sealed class RuleUnitTests
{
    private static readonly SalesforceFieldDescription Name = new() { Name = "Name", Type = "string", Length = 80, Createable = true, Updateable = true };
    private static readonly HubSpotPropertyDescription Title = new() { Name = "title", Type = "string", FieldType = "text" };
    private static readonly HubSpotPropertyDescription SalesforceId = new() { Name = "sf_id", Type = "string", FieldType = "text", HasUniqueValue = true };

    private static FixedSchemaSource Source(bool replicateable = true, params SalesforceFieldDescription[] extra)
        => new FixedSchemaSource()
            .AddSalesforce("Thing__c", replicateable: replicateable, fields: [Name, .. extra])
            .AddHubSpot("things", "2-99", ["title"], Title, SalesforceId, new HubSpotPropertyDescription { Name = "body", Type = "string", FieldType = "textarea" });

    private static SyncMapping Things() => new SyncMapping("Things", "Thing__c", "things", salesforceIdProperty: "sf_id").AddField("Name", "title", SyncDirection.SalesforceToHubSpot);

    [Fact]
    public async Task SF002_AnObjectThatCannotBeReplicatedStillSyncsItsDeletesFoundByItsIds()
    {
        // Issue 17: not replicateable is no longer an error (SF002); its deletes are found by comparing Ids (SF005).
        var diagnostics = await MappingValidator.Default.ValidateAsync([Things()], Source(replicateable: false));

        Assert.DoesNotContain(diagnostics, x => x.RuleId == "SF002");
        var d = Assert.Single(diagnostics, x => x.RuleId == "SF005");
        Assert.False(d.IsError);
        Assert.Contains("not replicateable", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SF002_AReplicateableObjectPassesAndTheCleanMappingHasNoFindings()
    {
        var diagnostics = await MappingValidator.Default.ValidateAsync([Things()], Source());

        Assert.Empty(diagnostics);
    }

    [Theory]
    [InlineData("Thing__mdt")]
    [InlineData("Thing__e")]
    public async Task SF003_CustomTypesThatAreNotCustomObjectsAreRefused(string name)
    {
        var source = new FixedSchemaSource().AddSalesforce(name, fields: Name).AddHubSpot("things", "2-99", [], Title);

        var diagnostics = await MappingValidator.Default.ValidateAsync([new SyncMapping("T", name, "things", createDirection: SyncDirection.None)], source);

        Assert.Contains("not a custom object", Assert.Single(diagnostics, x => x.RuleId == "SF003").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FD011_SalesforceTextLongerThanHubSpotHoldsWarns()
    {
        var longText = new SalesforceFieldDescription { Name = "Body__c", Type = "textarea", Length = 131_072, Createable = true, Updateable = true };

        var diagnostics = await MappingValidator.Default.ValidateAsync([Things().AddField("Body__c", "body", SyncDirection.SalesforceToHubSpot)], Source(true, longText));

        var d = Assert.Single(diagnostics, x => x.RuleId == "FD011");
        Assert.Contains("'Body__c' holds up to 131,072 characters, HubSpot's 'body' 65,536", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MetadataIsReadOnceForTheWholeSet()
    {
        var source = Source();
        var mappings = new[] { Things(), new SyncMapping("Others", "Thing__c", "p1_things", salesforceIdProperty: "sf_id").AddField("Name", "title") };

        await MappingValidator.Default.ValidateAsync(mappings, source);

        // Global describe, one describe of Thing__c, the custom object list; "p1_things" is found in the list.
        Assert.Equal(3, source.Reads);
    }

    [Fact]
    public async Task EnsureValidThrowsOneErrorNamingEveryFinding()
    {
        var broken = Things().AddField("Missing__c", "title2");

        var ex = await Assert.ThrowsAsync<Errors.SyncException>(() => MappingValidator.Default.EnsureValidAsync([broken], Source()));

        Assert.Equal(MappingValidator.InvalidErrorId, ex.ErrorId);
        Assert.Equal(Errors.SyncErrorKind.InvalidData, ex.Kind);
        Assert.Contains("The mapping 'Things' has 2 errors", ex.Message, StringComparison.Ordinal);
        Assert.Contains("FD001 SalesforceFieldMissing", ex.Message, StringComparison.Ordinal);
        Assert.Contains("FD002 HubSpotPropertyMissing", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnsureValidReturnsTheWarningsOfAValidSet()
    {
        var shortText = new SalesforceFieldDescription { Name = "Other__c", Type = "string", Length = 20, Createable = true, Updateable = true };

        var diagnostics = await MappingValidator.Default.EnsureValidAsync([Things().AddField("Other__c", "body", SyncDirection.HubSpotToSalesforce)], Source(true, shortText));

        Assert.Equal("FD011", Assert.Single(diagnostics).RuleId);
    }

    [Fact]
    public async Task DiagnosticsOfAMappingFollowTheFileOrder()
    {
        var mapping = new SyncMapping("Things", "Thing__c", "things", salesforceIdProperty: "sf_id", source: new MappingSource("/m.yaml", 2, 3))
            .AddField(new FieldMapping("Name", "title", SyncDirection.SalesforceToHubSpot, new MappingSource("/m.yaml", 9, 5)))
            .AddField(new FieldMapping("Late__c", "body", SyncDirection.SalesforceToHubSpot, new MappingSource("/m.yaml", 11, 5)))
            .AddField(new FieldMapping("Early__c", "nope", SyncDirection.SalesforceToHubSpot, new MappingSource("/m.yaml", 10, 5)));

        var diagnostics = await MappingValidator.Default.ValidateAsync([mapping], Source());

        Assert.Equal(new[] { 10, 10, 11 }, diagnostics.Select(d => d.Source!.Line));
        Assert.Equal(new[] { "FD001", "FD002", "FD001" }, diagnostics.Select(d => d.RuleId));
    }

    [Fact]
    public void RuleIdsAreUniqueAndReadAsCodeAndName()
    {
        Assert.Equal(MappingRules.All.Count, MappingRules.All.Select(r => r.Id).Distinct().Count());
        Assert.All(MappingRules.All, r =>
        {
            Assert.Matches("^(SF|HS|MP|FD|AS|CR)[0-9]{3}$", r.Id);
            Assert.Equal(r.GetType().Name, r.Name);
            Assert.False(string.IsNullOrWhiteSpace(r.Description));
        });
        Assert.Same(MappingRules.All[0], MappingRules.Find("sf001"));
        Assert.Throws<ArgumentException>(() => new MappingValidator([MappingRules.All[0], MappingRules.All[0]]));
    }
}
