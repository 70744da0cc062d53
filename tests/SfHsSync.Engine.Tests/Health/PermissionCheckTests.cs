using SfHsSync.Engine.Errors;
using SfHsSync.Engine.Mapping;
using SfHsSync.Engine.Metadata;
using SfHsSync.Engine.State;
using SfHsSync.Engine.Sync;
using SfHsSync.Engine.Tests.Sync.Support;
using SfHsSync.Engine.Tests.Validation;
using SfHsSync.Engine.Validation;
using SfHsSync.Sandbox.HubSpot;

namespace SfHsSync.Engine.Tests.Health;

/// <summary>Permissions before the first write (HubSpot token scopes, Salesforce field-level access), and the categories sandbox refusals produce.</summary>
public sealed class PermissionCheckTests : IAsyncLifetime
{
    private static readonly SyncOptions Trusted = new() { HubSpotSearchLag = TimeSpan.Zero, SalesforceCommitLag = TimeSpan.Zero };
    private SyncWorld _world = null!;

    public async Task InitializeAsync() => _world = await SyncWorld.StartAsync();

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task HS003_a_token_without_the_write_scope_is_named_before_the_first_write_and_its_refusal_is_a_Permission_error()
    {
        var mapping = InvoiceMappings.AllRules();
        var source = new ConnectedSchemaSource(_world.Salesforce, _world.HubSpot);
        Assert.DoesNotContain(await MappingValidator.Default.ValidateAsync([mapping], source), d => d.RuleId == "HS003");

        _world.Account.TokenScopes = HubSpotScopes.All.Where(s => s != HubSpotScopes.CustomWrite).ToList();
        _world.HubSpot.ClearSchemaCache();
        var diagnostics = await MappingValidator.Default.ValidateAsync([mapping], new ConnectedSchemaSource(_world.Salesforce, _world.HubSpot));
        var missing = Assert.Single(diagnostics, d => d.RuleId == "HS003");
        Assert.True(missing.IsError);
        Assert.Contains("'crm.objects.custom.write'", missing.Message, StringComparison.Ordinal);

        // Run anyway (the engine, past the checks): HubSpot refuses the batch 403, and its records are Permission errors.
        var refused = await Assert.ThrowsAsync<SyncException>(() => _world.PassAsync(mapping, Trusted));
        Assert.Equal("HubSpotPermissionDenied", refused.ErrorId);
        var errors = await new SyncErrorQuery { Mapping = mapping.Name, Categories = [SyncErrorCategory.Permission] }.ReadAsync(_world.State, CancellationToken.None);
        Assert.Equal(32, errors.Count);
        Assert.All(errors, e => Assert.Equal("HubSpotPermissionDenied", e.ErrorCode));
    }

    [Fact]
    public async Task A_row_lock_that_outlasts_the_retries_is_a_Transient_error()
    {
        var mapping = InvoiceMappings.AllRules();
        await _world.PassAsync(mapping, Trusted);
        var link = await FirstLinkAsync(mapping);
        _world.Account.UpdateRecord(SyncWorld.HubSpotType, link.HubSpotId, new Dictionary<string, string> { ["units"] = "41" });
        _world.Org.Options.LockRowFailureShare = 1;

        var pass = await _world.PassAsync(mapping, Trusted);

        Assert.Equal(SyncRunState.CompletedWithErrors, pass.State);
        var locked = Assert.Single(await new SyncErrorQuery { Mapping = mapping.Name, Categories = [SyncErrorCategory.Transient] }.ReadAsync(_world.State, CancellationToken.None));
        Assert.Equal(("UNABLE_TO_LOCK_ROW", link.HubSpotId), (locked.ErrorCode, locked.RecordId));
        Assert.Contains("next pass retries", locked.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FD012_a_field_the_connected_user_may_not_edit_or_create_is_named_against_its_direction()
    {
        var name = new SalesforceFieldDescription { Name = "Name", Type = "string", Length = 80, Createable = true, Updateable = true };
        var code = new SalesforceFieldDescription { Name = "Code__c", Type = "string", Length = 20, Createable = true, Updateable = false };
        var stamp = new SalesforceFieldDescription { Name = "Stamp__c", Type = "string", Length = 20, Createable = false, Updateable = true };
        var source = new FixedSchemaSource()
            .AddSalesforce("Thing__c", fields: [name, code, stamp])
            .AddHubSpot("things", "2-99", ["title"],
                new HubSpotPropertyDescription { Name = "title", Type = "string", FieldType = "text" },
                new HubSpotPropertyDescription { Name = "code", Type = "string", FieldType = "text" },
                new HubSpotPropertyDescription { Name = "stamp", Type = "string", FieldType = "text" },
                new HubSpotPropertyDescription { Name = "sf_id", Type = "string", FieldType = "text", HasUniqueValue = true });
        var mapping = new SyncMapping("Things", "Thing__c", "things", createDirection: SyncDirection.TwoWay, salesforceIdProperty: "sf_id", hubSpotIdField: null)
            .AddField("Name", "title", SyncDirection.SalesforceToHubSpot)
            .AddField("Code__c", "code", SyncDirection.HubSpotToSalesforce)
            .AddField("Stamp__c", "stamp", SyncDirection.TwoWay);

        var diagnostics = await MappingValidator.Default.ValidateAsync([mapping], source);
        var found = diagnostics.Where(d => d.RuleId == "FD012").ToList();

        // Issue 17: a field createable but not updateable is create-only; the sync sends it on create only, so no write
        // fails and FD013 warns instead of FD012 refusing.
        var d = Assert.Single(found);
        Assert.Contains("may not create (createable) 'Stamp__c'", d.Message, StringComparison.Ordinal);
        Assert.True(d.IsError);
        var createOnly = Assert.Single(diagnostics, x => x.RuleId == "FD013");
        Assert.Contains("'Code__c' can be set when a record is created but never updated", createOnly.Message, StringComparison.Ordinal);
        Assert.False(createOnly.IsError);
    }

    private async Task<RecordLink> FirstLinkAsync(SyncMapping mapping)
    {
        await foreach (var link in _world.State.ReadLinksAsync(mapping.Name, CancellationToken.None))
        {
            return link;
        }

        throw new InvalidOperationException("no link");
    }
}
