using SfHsSync.Engine.Errors;
using SfHsSync.Engine.Mapping;

namespace SfHsSync.Engine.Tests.Mapping;

public sealed class SyncMappingTests
{
    internal static SyncMapping Invoices() =>
        new SyncMapping("Invoices", "Invoice__c", "p12345678_invoices", salesforceIdProperty: "salesforce_id", hubSpotIdField: "HubSpot_Id__c")
            .AddField("Name", "invoice_number")
            .AddField("Amount__c", "amount", SyncDirection.SalesforceToHubSpot)
            .AddField("Paid__c", "paid", SyncDirection.HubSpotToSalesforce)
            .AddAssociation(new AssociationMapping("Account__c", "companies", targetIdProperty: "salesforceaccountid"));

    [Fact]
    public void ANewMappingHasTheDocumentedDefaults()
    {
        var mapping = new SyncMapping("Invoices", "Invoice__c", "invoices");
        Assert.Equal(ConflictWinner.Salesforce, mapping.ConflictWinner);
        Assert.Equal(SyncDirection.SalesforceToHubSpot, mapping.CreateDirection);
        Assert.Equal(SyncDirection.None, mapping.DeleteDirection);
        Assert.Equal(MappingStatus.Active, mapping.Status);
        Assert.Null(mapping.SalesforceIdProperty);
        Assert.Null(mapping.HubSpotIdField);
        Assert.Null(mapping.Source);
        Assert.Empty(mapping.Fields);
        Assert.Empty(mapping.Associations);
        Assert.Equal(SyncDirection.TwoWay, new FieldMapping("Name", "invoice_number").Direction);
        Assert.Equal(SyncDirection.SalesforceToHubSpot, new AssociationMapping("Account__c", "companies", via: "Accounts").Direction);
    }

    [Fact]
    public void AddingReturnsANewMappingAndLeavesTheOriginalAlone()
    {
        var empty = new SyncMapping("Invoices", "Invoice__c", "invoices");
        var one = empty.AddField("Name", "invoice_number");
        var two = one.AddAssociation(new AssociationMapping("Account__c", "companies", via: "Accounts"));

        Assert.Empty(empty.Fields);
        Assert.Single(one.Fields);
        Assert.Empty(one.Associations);
        Assert.Single(two.Associations);
        Assert.NotSame(empty, one);
        Assert.Equal(new FieldMapping("Name", "invoice_number"), two.Fields[0]);
    }

    [Fact]
    public void TheListsCannotBeChangedFromOutside()
    {
        var mapping = Invoices();
        var fields = (IList<FieldMapping>)mapping.Fields;
        Assert.Throws<NotSupportedException>(() => fields[0] = new FieldMapping("Units__c", "units"));
        Assert.Throws<NotSupportedException>(() => fields.Add(new FieldMapping("Units__c", "units")));
    }

    [Fact]
    public void MappingsWithTheSameMembersAreEqualAndHashAlike()
    {
        var a = Invoices();
        var b = Invoices();
        Assert.NotSame(a, b);
        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Single(new HashSet<SyncMapping> { a, b });
    }

    public static TheoryData<string, SyncMapping> OneMemberChanged()
    {
        var b = new SyncMapping("Invoices", "Invoice__c", "p12345678_invoices", salesforceIdProperty: "salesforce_id", hubSpotIdField: "HubSpot_Id__c");
        SyncMapping Full(SyncMapping m) => m.AddField("Name", "invoice_number").AddField("Amount__c", "amount", SyncDirection.SalesforceToHubSpot)
            .AddField("Paid__c", "paid", SyncDirection.HubSpotToSalesforce)
            .AddAssociation(new AssociationMapping("Account__c", "companies", targetIdProperty: "salesforceaccountid"));
        SyncMapping With(string name = "Invoices", string sf = "Invoice__c", string hs = "p12345678_invoices", ConflictWinner winner = ConflictWinner.Salesforce,
            SyncDirection create = SyncDirection.SalesforceToHubSpot, SyncDirection delete = SyncDirection.None, string? sfId = "salesforce_id",
            string? hsId = "HubSpot_Id__c", MappingStatus status = MappingStatus.Active)
            => Full(new SyncMapping(name, sf, hs, winner, create, delete, sfId, hsId, status));

        return new TheoryData<string, SyncMapping>
        {
            { "name", With(name: "Invoices 2") },
            { "name case", With(name: "invoices") },
            { "salesforce object", With(sf: "Invoice2__c") },
            { "hubspot object", With(hs: "2-1234567") },
            { "conflict winner", With(winner: ConflictWinner.HubSpot) },
            { "create direction", With(create: SyncDirection.TwoWay) },
            { "delete direction", With(delete: SyncDirection.TwoWay) },
            { "salesforce id property", With(sfId: null) },
            { "hubspot id field", With(hsId: "Other_Id__c") },
            { "status", With(status: MappingStatus.SavedForLater) },
            { "field order", b.AddField("Amount__c", "amount", SyncDirection.SalesforceToHubSpot).AddField("Name", "invoice_number")
                .AddField("Paid__c", "paid", SyncDirection.HubSpotToSalesforce).AddAssociation(new AssociationMapping("Account__c", "companies", targetIdProperty: "salesforceaccountid")) },
            { "field direction", b.AddField("Name", "invoice_number").AddField("Amount__c", "amount", SyncDirection.TwoWay)
                .AddField("Paid__c", "paid", SyncDirection.HubSpotToSalesforce).AddAssociation(new AssociationMapping("Account__c", "companies", targetIdProperty: "salesforceaccountid")) },
            { "one field fewer", b.AddField("Name", "invoice_number").AddField("Amount__c", "amount", SyncDirection.SalesforceToHubSpot)
                .AddAssociation(new AssociationMapping("Account__c", "companies", targetIdProperty: "salesforceaccountid")) },
            { "association target", b.AddField("Name", "invoice_number").AddField("Amount__c", "amount", SyncDirection.SalesforceToHubSpot)
                .AddField("Paid__c", "paid", SyncDirection.HubSpotToSalesforce).AddAssociation(new AssociationMapping("Account__c", "companies", via: "Accounts")) },
            { "no association", b.AddField("Name", "invoice_number").AddField("Amount__c", "amount", SyncDirection.SalesforceToHubSpot)
                .AddField("Paid__c", "paid", SyncDirection.HubSpotToSalesforce) },
        };
    }

    [Theory]
    [MemberData(nameof(OneMemberChanged))]
    public void MappingsThatDifferInAnyOneMemberAreNotEqual(string member, SyncMapping changed)
    {
        Assert.NotEqual(Invoices(), changed);
        Assert.False(Invoices() == changed, member);
    }

    [Fact]
    public void WhereAMappingWasReadFromIsNotPartOfItsValue()
    {
        var read = new SyncMapping("Invoices", "Invoice__c", "invoices", source: new MappingSource("/tmp/a.yml", 3, 3))
            .AddField(new FieldMapping("Name", "invoice_number", source: new MappingSource("/tmp/a.yml", 9, 5)));
        var built = new SyncMapping("Invoices", "Invoice__c", "invoices").AddField("Name", "invoice_number");
        Assert.Equal(built, read);
        Assert.Equal(built.GetHashCode(), read.GetHashCode());
        Assert.Equal(new MappingSource("/tmp/a.yml", 3, 3), read.AddField("Amount__c", "amount").Source);
    }

    [Fact]
    public void FieldAndAssociationMappingsCompareByEveryMember()
    {
        Assert.Equal(new FieldMapping("Name", "invoice_number"), new FieldMapping("Name", "invoice_number", SyncDirection.TwoWay));
        Assert.NotEqual(new FieldMapping("Name", "invoice_number"), new FieldMapping("Name", "invoice_number", SyncDirection.None));
        Assert.NotEqual(new FieldMapping("Name", "invoice_number"), new FieldMapping("Name", "amount"));
        Assert.NotEqual(new FieldMapping("Name", "invoice_number"), new FieldMapping("name", "invoice_number"));

        var a = new AssociationMapping("Account__c", "companies", via: "Accounts", associationLabel: "Billed company");
        Assert.Equal(a, new AssociationMapping("Account__c", "companies", via: "Accounts", associationLabel: "Billed company"));
        Assert.Equal(a.GetHashCode(), new AssociationMapping("Account__c", "companies", via: "Accounts", associationLabel: "Billed company").GetHashCode());
        Assert.NotEqual(a, new AssociationMapping("Account__c", "companies", via: "Accounts", associationLabel: "Billed"));
        Assert.NotEqual(a, new AssociationMapping("Account__c", "companies", via: "Accounts"));
        Assert.NotEqual(a, new AssociationMapping("Account__c", "companies", via: "Accounts", associationTypeId: 5));
        Assert.NotEqual(a, new AssociationMapping("Account__c", "companies", via: "Accounts", associationLabel: "Billed company", direction: SyncDirection.TwoWay));
        Assert.NotEqual(a, new AssociationMapping("Account__c", "0-2", via: "Accounts", associationLabel: "Billed company"));
        Assert.NotEqual(a, new AssociationMapping("Customer__c", "companies", via: "Accounts", associationLabel: "Billed company"));
        Assert.NotEqual(a, new AssociationMapping("Account__c", "companies", targetIdProperty: "accounts", associationLabel: "Billed company"));
    }

    [Fact]
    public void ToStringShowsWhatIsSyncedAndWhichWay()
    {
        Assert.Equal("Invoices: Invoice__c <-> p12345678_invoices (3 fields, 1 association)", Invoices().ToString());
        Assert.Equal("Amount__c -> amount", Invoices().Fields[1].ToString());
        Assert.Equal("Paid__c <- paid", Invoices().Fields[2].ToString());
        Assert.Equal("Name <-> invoice_number", Invoices().Fields[0].ToString());
        Assert.Equal("X__c -x- x", new FieldMapping("X__c", "x", SyncDirection.None).ToString());
        Assert.Equal("Account__c -> companies by salesforceaccountid", Invoices().Associations[0].ToString());
        Assert.Equal("Account__c <-> companies via Accounts", new AssociationMapping("Account__c", "companies", via: "Accounts", direction: SyncDirection.TwoWay).ToString());
        Assert.EndsWith("(0 fields, 0 associations, saved for later)", new SyncMapping("A", "A__c", "a", status: MappingStatus.SavedForLater).ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("x' OR '1'='1", "Invoice__c", "invoices", "SyncMappingNameInvalid")]
    [InlineData("Invoices", "Invoice__c WHERE Id != null", "invoices", "SalesforceNameInvalid")]
    [InlineData("Invoices", "Invoice__c", "invoices/../contacts", "HubSpotNameInvalid")]
    public void EveryNameIsCheckedWhenAMappingIsMade(string name, string sf, string hs, string errorId)
        => Assert.Equal(errorId, Assert.Throws<SyncException>(() => new SyncMapping(name, sf, hs)).ErrorId);

    [Fact]
    public void TheIdKeysAreCheckedAsTheNamesTheyAre()
    {
        var sfId = Assert.Throws<SyncException>(() => new SyncMapping("Invoices", "Invoice__c", "invoices", salesforceIdProperty: "Salesforce Id"));
        Assert.Equal("HubSpotNameInvalid", sfId.ErrorId);
        Assert.Contains("property holding the Salesforce Id", sfId.Message, StringComparison.Ordinal);
        var hsId = Assert.Throws<SyncException>(() => new SyncMapping("Invoices", "Invoice__c", "invoices", hubSpotIdField: "hubspot-id"));
        Assert.Equal("SalesforceNameInvalid", hsId.ErrorId);
        Assert.Contains("external ID field", hsId.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UndefinedEnumValuesCastFromNumbersAreRefused()
    {
        Assert.Equal("SyncDirectionInvalid", Assert.Throws<SyncException>(() => new FieldMapping("Name", "name", (SyncDirection)42)).ErrorId);
        Assert.Equal("ConflictWinnerInvalid", Assert.Throws<SyncException>(() => new SyncMapping("A", "A__c", "a", (ConflictWinner)7)).ErrorId);
        Assert.Equal("SyncDirectionInvalid", Assert.Throws<SyncException>(() => new SyncMapping("A", "A__c", "a", deleteDirection: (SyncDirection)9)).ErrorId);
        Assert.Equal("MappingStatusInvalid", Assert.Throws<SyncException>(() => new SyncMapping("A", "A__c", "a", status: (MappingStatus)3)).ErrorId);
    }

    [Fact]
    public void TheSameSalesforceFieldMappedTwiceIsRefusedNamingBothFieldMappings()
    {
        var mapping = new SyncMapping("Invoices", "Invoice__c", "invoices").AddField("Name", "invoice_number");
        var ex = Assert.Throws<SyncException>(() => mapping.AddField("NAME", "title", SyncDirection.SalesforceToHubSpot));
        Assert.Equal("FieldMappingDuplicate", ex.ErrorId);
        Assert.Equal(SyncErrorKind.InvalidData, ex.Kind);
        Assert.Contains("'Name <-> invoice_number'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'NAME -> title'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Mapping 'Invoices'", ex.Message, StringComparison.Ordinal);
        Assert.Equal(new FieldMapping("NAME", "title", SyncDirection.SalesforceToHubSpot), ex.Target);
    }

    [Fact]
    public void TheSameHubSpotPropertyMappedTwiceIsRefusedNamingBothFieldMappings()
    {
        var mapping = new SyncMapping("Invoices", "Invoice__c", "invoices").AddField("Name", "invoice_number");
        var ex = Assert.Throws<SyncException>(() => mapping.AddField("Invoice_Seq__c", "invoice_number"));
        Assert.Equal("FieldMappingDuplicate", ex.ErrorId);
        Assert.Contains("'Name <-> invoice_number'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'Invoice_Seq__c <-> invoice_number'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("HubSpot property 'invoice_number'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicatesGivenToTheConstructorAreRefusedToo()
    {
        var fields = new[] { new FieldMapping("Name", "a"), new FieldMapping("Amount__c", "b"), new FieldMapping("Name", "c") };
        Assert.Equal("FieldMappingDuplicate", Assert.Throws<SyncException>(() => new SyncMapping("A", "A__c", "a", fields: fields)).ErrorId);
    }

    [Fact]
    public void ALookupWithTwoAssociationsIsRefusedNamingBoth()
    {
        var mapping = new SyncMapping("Invoices", "Invoice__c", "invoices").AddAssociation(new AssociationMapping("Account__c", "companies", via: "Accounts"));
        var ex = Assert.Throws<SyncException>(() => mapping.AddAssociation(new AssociationMapping("account__c", "contacts", targetIdProperty: "account_sf_id")));
        Assert.Equal("AssociationMappingDuplicate", ex.ErrorId);
        Assert.Contains("'Account__c -> companies via Accounts'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'account__c -> contacts by account_sf_id'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ALookupThatIsBothAFieldAndAnAssociationIsLeftToTheSchemaCheck()
    {
        var mapping = new SyncMapping("Invoices", "Invoice__c", "invoices")
            .AddField("Account__c", "account")
            .AddAssociation(new AssociationMapping("Account__c", "companies", via: "Accounts"));
        Assert.Single(mapping.Fields);
        Assert.Single(mapping.Associations);
    }

    [Theory]
    [InlineData(null, null, "AssociationMappingTargetInvalid", "neither")]
    [InlineData("Accounts", "salesforceaccountid", "AssociationMappingTargetInvalid", "both")]
    public void AnAssociationFindsItsTargetInExactlyOneWay(string? via, string? target, string errorId, string word)
    {
        var ex = Assert.Throws<SyncException>(() => new AssociationMapping("Account__c", "companies", via, target));
        Assert.Equal(errorId, ex.ErrorId);
        Assert.Contains(word, ex.Message, StringComparison.Ordinal);
        Assert.Contains("Account__c", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnAssociationTypeIsALabelOrAnIdNotBoth()
    {
        var ex = Assert.Throws<SyncException>(() => new AssociationMapping("Account__c", "companies", via: "Accounts", associationLabel: "Billed", associationTypeId: 3));
        Assert.Equal("AssociationMappingTypeInvalid", ex.ErrorId);
        Assert.Contains("both", ex.Message, StringComparison.Ordinal);
        Assert.Equal("AssociationMappingTypeInvalid", Assert.Throws<SyncException>(() => new AssociationMapping("Account__c", "companies", via: "Accounts", associationTypeId: 0)).ErrorId);
        Assert.Equal("AssociationMappingTypeInvalid", Assert.Throws<SyncException>(() => new AssociationMapping("Account__c", "companies", via: "Accounts", associationLabel: " ")).ErrorId);
        Assert.Equal("AssociationMappingTypeInvalid", Assert.Throws<SyncException>(() => new AssociationMapping("Account__c", "companies", via: "Accounts", associationLabel: "Billed\u0000")).ErrorId);
        Assert.Equal("AssociationMappingTypeInvalid", Assert.Throws<SyncException>(() => new AssociationMapping("Account__c", "companies", via: "Accounts", associationLabel: new string('x', 101))).ErrorId);
        Assert.Equal(7, new AssociationMapping("Account__c", "companies", via: "Accounts", associationTypeId: 7).AssociationTypeId);
    }

    [Theory]
    [InlineData(SyncDirection.HubSpotToSalesforce)]
    [InlineData(SyncDirection.None)]
    public void AnAssociationSyncsFromSalesforceOrBothWaysOnly(SyncDirection direction)
    {
        var ex = Assert.Throws<SyncException>(() => new AssociationMapping("Account__c", "companies", via: "Accounts", direction: direction));
        Assert.Equal("AssociationMappingDirectionInvalid", ex.ErrorId);
        Assert.Contains(direction.ToString(), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnAssociationChecksEveryNameItCarries()
    {
        Assert.Equal("SalesforceNameInvalid", Assert.Throws<SyncException>(() => new AssociationMapping("Account__r.Name", "companies", via: "Accounts")).ErrorId);
        Assert.Equal("HubSpotNameInvalid", Assert.Throws<SyncException>(() => new AssociationMapping("Account__c", "companies?x", via: "Accounts")).ErrorId);
        Assert.Equal("SyncMappingNameInvalid", Assert.Throws<SyncException>(() => new AssociationMapping("Account__c", "companies", via: "Accounts'--")).ErrorId);
        Assert.Equal("HubSpotNameInvalid", Assert.Throws<SyncException>(() => new AssociationMapping("Account__c", "companies", targetIdProperty: "SalesforceAccountId")).ErrorId);
    }
}
