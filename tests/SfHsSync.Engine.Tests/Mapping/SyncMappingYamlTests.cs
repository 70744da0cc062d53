using SfHsSync.Engine.Errors;
using SfHsSync.Engine.Mapping;

namespace SfHsSync.Engine.Tests.Mapping;

public sealed class SyncMappingYamlTests
{
    private const string File = "/work/m.yml";

    private static SyncMapping EveryMemberSet() =>
        new SyncMapping("Invoices", "acme__Invoice__c", "p12345678_invoices", ConflictWinner.HubSpot, SyncDirection.TwoWay, SyncDirection.HubSpotToSalesforce,
                "salesforce_id", "HubSpot_Id__c", MappingStatus.SavedForLater)
            .AddField("Name", "invoice_number")
            .AddField("Amount__c", "amount", SyncDirection.SalesforceToHubSpot)
            .AddField("Paid__c", "paid", SyncDirection.HubSpotToSalesforce)
            .AddField("Notes__c", "notes", SyncDirection.None)
            .AddAssociation(new AssociationMapping("Account__c", "companies", targetIdProperty: "salesforceaccountid", associationLabel: "Billed company: main #1"))
            .AddAssociation(new AssociationMapping("Contact__c", "0-1", via: "Contacts 2024", associationTypeId: 17, direction: SyncDirection.TwoWay))
            .AddAssociation(new AssociationMapping("Order__c", "orders", via: "Orders"));

    [Fact]
    public void AnExportedMappingReadsBackEqualInEveryMember()
    {
        var original = EveryMemberSet();
        var text = SyncMappingYamlWriter.Write([original]);
        var read = Assert.Single(SyncMappingYamlReader.Read(text, File));

        Assert.Equal(original, read);
        Assert.Equal(original.Fields, read.Fields);
        Assert.Equal(original.Associations, read.Associations);
        Assert.Equal(MappingStatus.SavedForLater, read.Status);
        Assert.Equal(17, read.Associations[1].AssociationTypeId);
        Assert.Equal("Billed company: main #1", read.Associations[0].AssociationLabel);
        Assert.DoesNotContain("mappings:", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ASetOfMappingsReadsBackEqualAndInOrder()
    {
        var set = new[]
        {
            EveryMemberSet(),
            new SyncMapping("Accounts", "Account", "companies", salesforceIdProperty: "salesforceaccountid").AddField("Name", "name"),
            new SyncMapping("2024", "Order", "0-123"),
            new SyncMapping("true", "Contact", "contacts", deleteDirection: SyncDirection.TwoWay),
        };
        var text = SyncMappingYamlWriter.Write(set);
        Assert.Contains("mappings:", text, StringComparison.Ordinal);
        Assert.Equal(set, SyncMappingYamlReader.Read(text, File));
    }

    [Fact]
    public void AnEmptySetReadsBackEmpty()
        => Assert.Empty(SyncMappingYamlReader.Read(SyncMappingYamlWriter.Write([]), File));

    [Fact]
    public void WritingIsDeterministicWithLfLineEndsAndTheDocumentedLayout()
    {
        var mapping = new SyncMapping("Invoices", "Invoice__c", "p12345678_invoices", salesforceIdProperty: "salesforce_id")
            .AddField("Name", "invoice_number")
            .AddField("Amount__c", "amount", SyncDirection.SalesforceToHubSpot)
            .AddAssociation(new AssociationMapping("Account__c", "companies", targetIdProperty: "salesforceaccountid"));
        var text = SyncMappingYamlWriter.Write([mapping]);

        Assert.Equal(
            """
            # SfHsSync sync mappings. Edit freely; check with Test-SyncMapping; read with Import-SyncMapping.
            formatVersion: 1
            name: Invoices
            status: Active
            salesforceObject: Invoice__c
            hubSpotObject: p12345678_invoices
            conflictWinner: Salesforce
            createDirection: SalesforceToHubSpot
            deleteDirection: None
            salesforceIdProperty: salesforce_id
            fields:
            - {salesforceField: Name, hubSpotProperty: invoice_number, direction: TwoWay}
            - {salesforceField: Amount__c, hubSpotProperty: amount, direction: SalesforceToHubSpot}
            associations:
            - salesforceField: Account__c
              hubSpotObject: companies
              targetIdProperty: salesforceaccountid
              direction: SalesforceToHubSpot

            """.Replace("\r\n", "\n", StringComparison.Ordinal),
            text);
        Assert.Equal(text, SyncMappingYamlWriter.Write([mapping]));
        Assert.DoesNotContain('\r', text);
    }

    [Fact]
    public void TextThatLooksLikeANumberABooleanOrNullIsQuotedSoEveryReaderKeepsItText()
    {
        var text = SyncMappingYamlWriter.Write([new SyncMapping("2024", "Null", "null")]);
        Assert.Contains("name: \"2024\"", text, StringComparison.Ordinal);
        Assert.Contains("salesforceObject: \"Null\"", text, StringComparison.Ordinal);
        Assert.Contains("hubSpotObject: \"null\"", text, StringComparison.Ordinal);
        var read = Assert.Single(SyncMappingYamlReader.Read(text, File));
        Assert.Equal("Null", read.SalesforceObject);
    }

    [Fact]
    public void ASingleMappingAtTheTopLevelIsRead()
    {
        var read = Assert.Single(SyncMappingYamlReader.Read(
            """
            formatVersion: 1
            name: Invoices
            salesforceObject: Invoice__c
            hubSpotObject: p12345678_invoices
            fields:
              - { salesforceField: Name, hubSpotProperty: invoice_number, direction: TwoWay }
            """,
            File));
        Assert.Equal(new SyncMapping("Invoices", "Invoice__c", "p12345678_invoices").AddField("Name", "invoice_number"), read);
    }

    [Fact]
    public void OmittedKeysTakeTheDefaultsAndEnumNamesIgnoreCase()
    {
        var read = Assert.Single(SyncMappingYamlReader.Read(
            """
            formatVersion: 1
            mappings:
              - name: Invoices
                salesforceObject: Invoice__c
                hubSpotObject: invoices
                salesforceIdProperty: ~
                hubSpotIdField:
                conflictWinner: hubspot
                fields:
                  - salesforceField: Name
                    hubSpotProperty: invoice_number
                  - { salesforceField: Paid__c, hubSpotProperty: paid, direction: hubspottosalesforce }
                associations:
                  - { salesforceField: Account__c, hubSpotObject: companies, via: Accounts }
            """,
            File));
        Assert.Equal(
            new SyncMapping("Invoices", "Invoice__c", "invoices", ConflictWinner.HubSpot)
                .AddField("Name", "invoice_number")
                .AddField("Paid__c", "paid", SyncDirection.HubSpotToSalesforce)
                .AddAssociation(new AssociationMapping("Account__c", "companies", via: "Accounts")),
            read);
    }

    [Fact]
    public void EveryMappingFieldAndAssociationCarriesTheFileLineAndColumnItCameFrom()
    {
        var read = SyncMappingYamlReader.Read(
            """
            # two mappings
            formatVersion: 1
            mappings:
              - name: Accounts
                salesforceObject: Account
                hubSpotObject: companies
              - name: Invoices
                salesforceObject: Invoice__c
                hubSpotObject: invoices
                fields:
                  - { salesforceField: Name, hubSpotProperty: invoice_number }
                  - salesforceField: Amount__c
                    hubSpotProperty: amount
                associations:
                  - { salesforceField: Account__c, hubSpotObject: companies, via: Accounts }
            """,
            File);
        Assert.Equal(new MappingSource(File, 4, 5), read[0].Source);
        Assert.Equal(new MappingSource(File, 7, 5), read[1].Source);
        Assert.Equal(new MappingSource(File, 11, 9), read[1].Fields[0].Source);
        Assert.Equal(new MappingSource(File, 12, 9), read[1].Fields[1].Source);
        Assert.Equal(new MappingSource(File, 15, 9), read[1].Associations[0].Source);
    }

    [Fact]
    public void MalformedYamlIsRefusedNamingTheFileLineAndColumn()
    {
        var ex = Read(
            """
            formatVersion: 1
            name: Invoices
            fields:
              - { salesforceField: Name, hubSpotProperty: invoice_number
            salesforceObject: Invoice__c
            """);
        Assert.Equal("SyncMappingYamlInvalid", ex.ErrorId);
        Assert.Equal(SyncErrorKind.InvalidData, ex.Kind);
        var where = Assert.IsType<MappingSource>(ex.Target);
        Assert.Equal(File, where.File);
        Assert.True(4 == where.Line, ex.Message);
        Assert.Contains("unclosed", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"{File} (line {where.Line}, column {where.Column})", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Idx:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ATabIndentIsMalformedYaml()
    {
        // YamlDotNet's scanner points at the value before; the guard names the tab itself.
        var ex = Read("formatVersion: 1\nname: Invoices\n\tsalesforceObject: Invoice__c\n");
        Assert.Equal("SyncMappingYamlInvalid", ex.ErrorId);
        Assert.Equal(new MappingSource(File, 3, 1), ex.Target);
        Assert.Contains("(line 3, column 1): a tab indents this line", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("formatVersion: 1\nname: Invoices\nsalesforceObject: Invoice__c\nhubSpotObject: invoices\nconflictwinner: HubSpot\n", "conflictwinner", 5, 1, "did you mean 'conflictWinner'?")]
    [InlineData("formatVersion: 1\nmappings:\n  - name: Invoices\n    salesforceObject: Invoice__c\n    hubSpotObject: invoices\n    owner: me\n", "owner", 6, 5, "'salesforceObject'")]
    [InlineData("formatVersion: 1\nname: A\nsalesforceObject: A__c\nhubSpotObject: a\nfields:\n  - { salesforceField: Name, hubSpotProperty: name, sync: TwoWay }\n", "sync", 6, 53, "'direction'")]
    [InlineData("formatVersion: 1\nname: A\nsalesforceObject: A__c\nhubSpotObject: a\nassociations:\n  - salesforceField: B__c\n    hubSpotObject: b\n    via: B\n    label: x\n", "label", 9, 5, "'associationLabel'")]
    [InlineData("formatVersion: 1\nname: A\nsalesforceObject: A__c\nhubSpotObject: a\nmappings: []\n", "name", 2, 1, "'mappings'")]
    public void AnUnknownKeyIsRefusedNamingTheKeyFileAndLine(string yaml, string key, int line, int column, string hint)
    {
        var ex = Read(yaml);
        Assert.Equal("SyncMappingYamlUnknownKey", ex.ErrorId);
        Assert.Contains($"'{key}'", ex.Message, StringComparison.Ordinal);
        Assert.Contains(hint, ex.Message, StringComparison.Ordinal);
        Assert.Equal(new MappingSource(File, line, column), ex.Target);
        Assert.Contains($"{File} (line {line}, column {column})", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ANewerFormatVersionIsRefusedSayingWhichVersionThisModuleReads()
    {
        var ex = Read("formatVersion: 2\nname: A\nsalesforceObject: A__c\nhubSpotObject: a\nnewKey: x\n");
        Assert.Equal("SyncMappingFormatUnsupported", ex.ErrorId);
        Assert.Equal(SyncErrorKind.NotSupported, ex.Kind);
        Assert.Contains("format version 2", ex.Message, StringComparison.Ordinal);
        Assert.Contains("reads format version 1", ex.Message, StringComparison.Ordinal);
        Assert.Equal(new MappingSource(File, 1, 16), ex.Target);
    }

    [Theory]
    [InlineData("name: A\nsalesforceObject: A__c\nhubSpotObject: a\n", "SyncMappingYamlKeyMissing", "'formatVersion'", 1, 1)]
    [InlineData("formatVersion: one\nname: A\n", "SyncMappingYamlValueInvalid", "'formatVersion'", 1, 16)]
    [InlineData("formatVersion: 0\nname: A\n", "SyncMappingYamlValueInvalid", "'formatVersion'", 1, 16)]
    [InlineData("formatVersion: 1\nmappings:\n  - name: A\n    hubSpotObject: a\n", "SyncMappingYamlKeyMissing", "'salesforceObject'", 3, 5)]
    [InlineData("formatVersion: 1\nmappings:\n  - name: A\n    salesforceObject:\n    hubSpotObject: a\n", "SyncMappingYamlValueInvalid", "'salesforceObject' has no value", 4, 22)]
    [InlineData("formatVersion: 1\nsalesforceObject: A__c\nhubSpotObject: a\n", "SyncMappingYamlKeyMissing", "'name'", 1, 1)]
    [InlineData("formatVersion: 1\nname: A\nsalesforceObject: A__c\nhubSpotObject: a\nfields:\n  - { hubSpotProperty: name }\n", "SyncMappingYamlKeyMissing", "'salesforceField'", 6, 5)]
    [InlineData("formatVersion: 1\nname: A\nsalesforceObject: A__c\nhubSpotObject: a\nassociations:\n  - { salesforceField: B__c, via: B }\n", "SyncMappingYamlKeyMissing", "'hubSpotObject'", 6, 5)]
    [InlineData("formatVersion: 1\nname: A\nsalesforceObject: A__c\nhubSpotObject: a\nconflictWinner: Both\n", "SyncMappingYamlValueInvalid", "'Both' is not a valid value for 'conflictWinner'; use one of Salesforce, HubSpot", 5, 17)]
    [InlineData("formatVersion: 1\nname: A\nsalesforceObject: A__c\nhubSpotObject: a\nfields:\n  - { salesforceField: Name, hubSpotProperty: name, direction: 1 }\n", "SyncMappingYamlValueInvalid", "'1' is not a valid value for 'direction'", 6, 64)]
    [InlineData("formatVersion: 1\nname: A\nsalesforceObject: A__c\nhubSpotObject: a\nstatus: Paused\n", "SyncMappingYamlValueInvalid", "use one of Active, SavedForLater", 5, 9)]
    [InlineData("formatVersion: 1\nname: A\nsalesforceObject: A__c\nhubSpotObject: a\nassociations:\n  - { salesforceField: B__c, hubSpotObject: b, via: B, associationTypeId: x1 }\n", "SyncMappingYamlValueInvalid", "'associationTypeId' must be a positive whole number", 6, 75)]
    [InlineData("formatVersion: 1\nname: A\nsalesforceObject: A__c\nhubSpotObject: a\nfields: Name\n", "SyncMappingYamlValueInvalid", "'fields' must be a list", 5, 9)]
    [InlineData("formatVersion: 1\nname: A\nsalesforceObject: A__c\nhubSpotObject: a\nfields:\n  - Name\n", "SyncMappingYamlValueInvalid", "each item of 'fields'", 6, 5)]
    [InlineData("formatVersion: 1\nname: [A]\nsalesforceObject: A__c\nhubSpotObject: a\n", "SyncMappingYamlValueInvalid", "'name' must be a single value", 2, 7)]
    [InlineData("formatVersion: 1\nmappings: A\n", "SyncMappingYamlValueInvalid", "'mappings' must be a list", 2, 11)]
    [InlineData("formatVersion: 1\nname: A\nname: B\nsalesforceObject: A__c\nhubSpotObject: a\n", "SyncMappingYamlInvalid", "Duplicate key name", 3, 1)]
    [InlineData("formatVersion: 1\nname: 'Invoices\n", "SyncMappingYamlInvalid", "quoted scalar", 2, 7)]
    [InlineData("formatVersion: 1\nname: *nope\n", "SyncMappingYamlInvalid", "anchor 'nope'", 2, 7)]
    [InlineData("- formatVersion: 1\n", "SyncMappingYamlInvalid", "not a list", 1, 1)]
    [InlineData("formatVersion: 1\nname: A\nsalesforceObject: A__c\nhubSpotObject: a\n---\nformatVersion: 1\n", "SyncMappingYamlInvalid", "2 YAML documents", 6, 1)]
    [InlineData("", "SyncMappingYamlInvalid", "no YAML document", 1, 1)]
    [InlineData("# only a comment\n", "SyncMappingYamlInvalid", "no YAML document", 1, 1)]
    public void BadInputIsRefusedNamingTheKeyAndWhere(string yaml, string errorId, string text, int line, int column)
    {
        var ex = Read(yaml);
        Assert.Equal(errorId, ex.ErrorId);
        Assert.Contains(text, ex.Message, StringComparison.Ordinal);
        Assert.Equal(new MappingSource(File, line, column), ex.Target);
        Assert.StartsWith($"{File} (line {line}, column {column}): ", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("formatVersion: 1\nname: \"Invoices'--\"\nsalesforceObject: A__c\nhubSpotObject: a\n", "SyncMappingNameInvalid", 2, 7)]
    [InlineData("formatVersion: 1\nname: A\nsalesforceObject: \"Name, (SELECT Id FROM User)\"\nhubSpotObject: a\n", "SalesforceNameInvalid", 3, 19)]
    [InlineData("formatVersion: 1\nname: A\nsalesforceObject: A__c\nhubSpotObject: ../contacts\n", "HubSpotNameInvalid", 4, 16)]
    [InlineData("formatVersion: 1\nname: A\nsalesforceObject: A__c\nhubSpotObject: a\nfields:\n  - { salesforceField: \"x' OR '1'='1\", hubSpotProperty: x }\n", "SalesforceNameInvalid", 6, 24)]
    [InlineData("formatVersion: 1\nname: A\nsalesforceObject: A__c\nhubSpotObject: a\nfields:\n  - { salesforceField: X__c, hubSpotProperty: a b }\n", "HubSpotNameInvalid", 6, 47)]
    [InlineData("formatVersion: 1\nname: A\nsalesforceObject: A__c\nhubSpotObject: a\nhubSpotIdField: Hub Id\n", "SalesforceNameInvalid", 5, 17)]
    [InlineData("formatVersion: 1\nname: A\nsalesforceObject: A__c\nhubSpotObject: a\nassociations:\n  - { salesforceField: B__c, hubSpotObject: b }\n", "AssociationMappingTargetInvalid", 6, 5)]
    [InlineData("formatVersion: 1\nname: A\nsalesforceObject: A__c\nhubSpotObject: a\nassociations:\n  - { salesforceField: B__c, hubSpotObject: b, via: B, direction: HubSpotToSalesforce }\n", "AssociationMappingDirectionInvalid", 6, 5)]
    public void NamesAndRulesBrokenInAFileAreRefusedNamingTheFileAndLine(string yaml, string errorId, int line, int column)
    {
        var ex = Read(yaml);
        Assert.Equal(errorId, ex.ErrorId);
        Assert.Equal(new MappingSource(File, line, column), ex.Target);
        Assert.StartsWith($"{File} (line {line}, column {column}): ", ex.Message, StringComparison.Ordinal);
        Assert.IsType<SyncException>(ex.InnerException);
    }

    [Fact]
    public void ADuplicateFieldInAFileNamesBothFieldMappingsWithTheirLines()
    {
        var ex = Read(
            """
            formatVersion: 1
            name: Invoices
            salesforceObject: Invoice__c
            hubSpotObject: invoices
            fields:
              - { salesforceField: Name, hubSpotProperty: invoice_number }
              - { salesforceField: Amount__c, hubSpotProperty: amount }
              - { salesforceField: Name, hubSpotProperty: title }
            """);
        Assert.Equal("FieldMappingDuplicate", ex.ErrorId);
        Assert.Equal(new MappingSource(File, 8, 5), ex.Target);
        Assert.Contains($"'Name <-> invoice_number' ({File}:6:5)", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"'Name <-> title' ({File}:8:5)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ADuplicateAssociationInAFileNamesBothWithTheirLines()
    {
        var ex = Read(
            """
            formatVersion: 1
            name: Invoices
            salesforceObject: Invoice__c
            hubSpotObject: invoices
            associations:
              - { salesforceField: Account__c, hubSpotObject: companies, via: Accounts }
              - { salesforceField: Account__c, hubSpotObject: contacts, via: Contacts }
            """);
        Assert.Equal("AssociationMappingDuplicate", ex.ErrorId);
        Assert.Equal(new MappingSource(File, 7, 5), ex.Target);
        Assert.Contains($"({File}:6:5)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoMappingsWithOneNameInASetAreRefusedNamingBoth()
    {
        var ex = Read(
            """
            formatVersion: 1
            mappings:
              - { name: Invoices, salesforceObject: Invoice__c, hubSpotObject: invoices }
              - { name: invoices, salesforceObject: Invoice2__c, hubSpotObject: invoices2 }
            """);
        Assert.Equal("SyncMappingDuplicate", ex.ErrorId);
        Assert.Equal(new MappingSource(File, 4, 5), ex.Target);
        Assert.Contains($"{File}:3:5", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoMappingsWithOneNameCannotBeWritten()
    {
        var ex = Assert.Throws<SyncException>(() => SyncMappingYamlWriter.Write([new SyncMapping("A", "A__c", "a"), new SyncMapping("a", "B__c", "b")]));
        Assert.Equal("SyncMappingDuplicate", ex.ErrorId);
    }

    private static SyncException Read(string yaml) => Assert.Throws<SyncException>(() => SyncMappingYamlReader.Read(yaml, File));
}
