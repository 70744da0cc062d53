using SfHsSync.Engine.Mapping;

namespace SfHsSync.Engine.Tests.Validation;

/// <summary>AS rules against the Demo org and account.</summary>
[Collection(DemoSandboxCollection.Name)]
public sealed class AssociationRuleTests(DemoSandbox sandbox)
{
    private static SyncMapping With(AssociationMapping association) => DemoMappings.Bare().AddAssociation(association);

    [Fact]
    public async Task AS001_AMissingLookupFieldIsAnErrorSuggestingTheLookups()
    {
        var run = await sandbox.ValidateAsync(With(new AssociationMapping("Acount__c", "companies", targetIdProperty: "salesforceaccountid")));

        var d = run.Single("AS001");
        Assert.Equal("Acount__c -> companies by salesforceaccountid", d.Target);
        Assert.Equal("Did you mean 'Account__c'?", d.Suggestion);
        run.None("AS002");
    }

    [Fact]
    public async Task AS002_AFieldThatIsNotALookupCannotCarryAnAssociation()
    {
        var run = await sandbox.ValidateAsync(With(new AssociationMapping("Amount__c", "companies", targetIdProperty: "salesforceaccountid")));

        var d = run.Single("AS002");
        Assert.Contains("'Amount__c' is a field of type currency, not a lookup", d.Message, StringComparison.Ordinal);
        run.None("AS001");
    }

    [Fact]
    public async Task AS001_AS002_AS003_AS004_AS005_TheAccountLookupToCompaniesPasses()
    {
        var run = await sandbox.ValidateAsync(DemoMappings.GoodInvoices());

        foreach (var id in new[] { "AS001", "AS002", "AS003", "AS004", "AS005", "AS006" })
        {
            run.None(id);
        }
    }

    [Fact]
    public async Task AS003_ViaAMappingThatIsNotInTheSetIsAnError()
    {
        var run = await sandbox.ValidateAsync(With(new AssociationMapping("Account__c", "companies", via: "Accounts")));

        var d = run.Single("AS003");
        Assert.Contains("via the mapping 'Accounts', which is not among the mappings tested together", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AS003_ViaAMappingOfAnotherObjectIsAnError()
    {
        var campaigns = new SyncMapping("Campaigns", "Campaign", "companies", createDirection: SyncDirection.None);

        var run = await sandbox.ValidateAsync(With(new AssociationMapping("Account__c", "companies", via: "Campaigns")), campaigns);

        var d = run.Single("AS003");
        Assert.Contains("'Account__c' looks up Account, but the mapping 'Campaigns' syncs Campaign", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AS003_ViaAMappingOfTheLookedUpObjectPasses()
    {
        // The Accounts mapping has its own findings (Account is not a custom object sync); the association's target does sync.
        var accounts = new SyncMapping("Accounts", "Account", "companies", createDirection: SyncDirection.None);

        var run = await sandbox.ValidateAsync(With(new AssociationMapping("Account__c", "companies", via: "Accounts")), accounts);

        run.None("AS003");
    }

    [Fact]
    public async Task AS003_ATargetIdPropertyMissingOnTheTargetObjectIsAnError()
    {
        var run = await sandbox.ValidateAsync(With(new AssociationMapping("Account__c", "companies", targetIdProperty: "salesforceacountid")));

        var d = run.Single("AS003");
        Assert.Contains("'companies' has no property 'salesforceacountid'", d.Message, StringComparison.Ordinal);
        Assert.Equal("Did you mean 'salesforceaccountid'?", d.Suggestion);
    }

    [Fact]
    public async Task AS004_AMissingTargetObjectIsAnError()
    {
        var run = await sandbox.ValidateAsync(With(new AssociationMapping("Account__c", "compnies", targetIdProperty: "salesforceaccountid")));

        var d = run.Single("AS004");
        Assert.Contains("no object 'compnies'", d.Message, StringComparison.Ordinal);
        Assert.Contains("'companies'", d.Suggestion, StringComparison.Ordinal);
        run.None("AS003");
        run.None("AS005");
    }

    [Fact]
    public async Task AS005_AnUndefinedLabelOrTypeIdIsAnErrorListingWhatIsDefined()
    {
        var byLabel = await sandbox.ValidateAsync(With(new AssociationMapping("Account__c", "companies", targetIdProperty: "salesforceaccountid", associationLabel: "Billed company")));
        var byId = await sandbox.ValidateAsync(With(new AssociationMapping("Account__c", "companies", targetIdProperty: "salesforceaccountid", associationTypeId: 999_999)));

        var label = byLabel.Single("AS005");
        Assert.Contains("No association from invoices to companies has the label 'Billed company'", label.Message, StringComparison.Ordinal);
        Assert.Contains("Defined from invoices to companies: type ids", label.Suggestion, StringComparison.Ordinal);
        Assert.Contains("No association type 999999 is defined from invoices to companies", byId.Single("AS005").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AS006_AssociationsWithBothContactsAndLeadsAreAnError()
    {
        var run = await sandbox.ValidateAsync(DemoMappings.Bare()
            .AddAssociation(new AssociationMapping("Account__c", "contacts", targetIdProperty: "email"))
            .AddAssociation(new AssociationMapping("Lead__c", "leads", targetIdProperty: "email")));

        var d = run.Single("AS006");
        Assert.Equal("Lead__c -> leads by email", d.Target);
        Assert.Contains("both contacts (Account__c) and leads (Lead__c)", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AS006_AssociationsWithContactsOnlyPass()
        => (await sandbox.ValidateAsync(DemoMappings.Bare().AddAssociation(new AssociationMapping("Account__c", "contacts", targetIdProperty: "email")))).None("AS006");
}
