using SfHsSync.Engine.Errors;
using SfHsSync.Engine.Mapping;

namespace SfHsSync.Engine.Tests.Lifecycle;

/// <summary>Editing a mapping after it exists: every edit returns a new mapping checked as a new one is, and round-trips through YAML.</summary>
public sealed class SyncMappingEditTests
{
    private static SyncMapping Invoices() =>
        new SyncMapping("Invoices", "Invoice__c", "p12345678_invoices", salesforceIdProperty: "salesforce_id", hubSpotIdField: "HubSpot_Id__c")
            .AddField("Name", "invoice_number")
            .AddField("Amount__c", "amount", SyncDirection.SalesforceToHubSpot)
            .AddField("Billing_Email__c", "billing_email")
            .AddAssociation(new AssociationMapping("Account__c", "companies", targetIdProperty: "salesforceaccountid"))
            .AddAssociation(new AssociationMapping("Contact__c", "contacts", via: "Contacts"));

    [Fact]
    public void Changing_a_fields_property_keeps_its_place_and_leaves_the_original_alone()
    {
        var original = Invoices();
        var existing = original.FieldForSalesforce("billing_email__c");
        var changed = original.WithField(existing, new FieldMapping("Billing_Email__c", "notes", SyncDirection.HubSpotToSalesforce));

        Assert.Equal(["invoice_number", "amount", "notes"], changed.Fields.Select(f => f.HubSpotProperty));
        Assert.Equal(SyncDirection.HubSpotToSalesforce, changed.Fields[2].Direction);
        Assert.Equal("billing_email", original.Fields[2].HubSpotProperty);
        Assert.Equal(original.Associations, changed.Associations);
        Assert.Equal((original.SalesforceIdProperty, original.HubSpotIdField, original.Status), (changed.SalesforceIdProperty, changed.HubSpotIdField, changed.Status));
    }

    [Fact]
    public void A_change_onto_a_property_another_field_maps_is_refused_as_a_duplicate()
    {
        var mapping = Invoices();
        var ex = Assert.Throws<SyncException>(() => mapping.WithField(mapping.FieldForSalesforce("Billing_Email__c"), new FieldMapping("Billing_Email__c", "amount")));
        Assert.Equal(SyncMapping.FieldDuplicateErrorId, ex.ErrorId);
        Assert.Contains("'amount'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_field_the_mapping_does_not_map_is_an_error_naming_it_and_the_fields_it_has()
    {
        var mapping = Invoices();
        var bySalesforce = Assert.Throws<SyncException>(() => mapping.FieldForSalesforce("Notes__c"));
        Assert.Equal(("FieldMappingNotFound", SyncErrorKind.ObjectNotFound), (bySalesforce.ErrorId, bySalesforce.Kind));
        Assert.Contains("Mapping 'Invoices' has no field mapping for the Salesforce field 'Notes__c'", bySalesforce.Message, StringComparison.Ordinal);
        Assert.Contains("'Name', 'Amount__c', 'Billing_Email__c'", bySalesforce.Message, StringComparison.Ordinal);

        var byHubSpot = Assert.Throws<SyncException>(() => mapping.FieldForHubSpot("notes"));
        Assert.Equal("FieldMappingNotFound", byHubSpot.ErrorId);
        Assert.Contains("HubSpot property 'notes'", byHubSpot.Message, StringComparison.Ordinal);

        var removed = Assert.Throws<SyncException>(() => mapping.WithoutField(new FieldMapping("Notes__c", "notes")));
        Assert.Equal("FieldMappingNotFound", removed.ErrorId);
        Assert.Contains("Notes__c <-> notes", removed.Message, StringComparison.Ordinal);

        var none = Assert.Throws<SyncException>(() => new SyncMapping("Empty", "Invoice__c", "invoices").FieldForHubSpot("notes"));
        Assert.Contains("it has none", none.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_field_named_by_both_keys_must_be_one_pair()
    {
        var mapping = Invoices();
        Assert.Equal("amount", mapping.FieldFor("Amount__c", "amount").HubSpotProperty);
        Assert.Equal("Amount__c", mapping.FieldFor(null, "amount").SalesforceField);
        Assert.Equal("amount", mapping.FieldFor("AMOUNT__C", null).HubSpotProperty);

        var mismatch = Assert.Throws<SyncException>(() => mapping.FieldFor("Amount__c", "billing_email"));
        Assert.Equal("FieldMappingNotFound", mismatch.ErrorId);
        Assert.Contains("'Amount__c' maps to 'amount'", mismatch.Message, StringComparison.Ordinal);
        Assert.Equal("FieldMappingKeyMissing", Assert.Throws<SyncException>(() => mapping.FieldFor(null, null)).ErrorId);
    }

    [Fact]
    public void Removing_a_field_or_an_association_takes_out_that_one_only()
    {
        var mapping = Invoices();
        var withoutAmount = mapping.WithoutField(mapping.FieldForHubSpot("amount"));
        Assert.Equal(["Name", "Billing_Email__c"], withoutAmount.Fields.Select(f => f.SalesforceField));

        var withoutAccount = mapping.WithoutAssociation("account__c");
        Assert.Equal("Contact__c", Assert.Single(withoutAccount.Associations).SalesforceField);
        Assert.Equal(mapping.Fields, withoutAccount.Fields);

        var ex = Assert.Throws<SyncException>(() => mapping.WithoutAssociation("Order__c"));
        Assert.Equal(("AssociationMappingNotFound", SyncErrorKind.ObjectNotFound), (ex.ErrorId, ex.Kind));
        Assert.Contains("'Account__c', 'Contact__c'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void New_rules_are_checked_as_a_new_mappings_are_and_link_keys_can_be_cleared()
    {
        var mapping = Invoices();
        var changed = mapping.WithRules(ConflictWinner.HubSpot, SyncDirection.TwoWay, SyncDirection.SalesforceToHubSpot, null, "HubSpot_Id__c");
        Assert.Equal((ConflictWinner.HubSpot, SyncDirection.TwoWay, SyncDirection.SalesforceToHubSpot), (changed.ConflictWinner, changed.CreateDirection, changed.DeleteDirection));
        Assert.Null(changed.SalesforceIdProperty);
        Assert.Equal(mapping.Fields, changed.Fields);

        Assert.Equal("HubSpotNameInvalid", Assert.Throws<SyncException>(() => mapping.WithRules(ConflictWinner.Salesforce, SyncDirection.TwoWay, SyncDirection.None, "Salesforce-Id", null)).ErrorId);
        Assert.Equal("SyncDirectionInvalid", Assert.Throws<SyncException>(() => mapping.WithRules(ConflictWinner.Salesforce, (SyncDirection)42, SyncDirection.None, null, null)).ErrorId);
    }

    [Fact]
    public void Every_edit_round_trips_through_YAML()
    {
        var edited = Invoices()
            .WithField(new FieldMapping("Billing_Email__c", "billing_email"), new FieldMapping("Billing_Email__c", "notes", SyncDirection.SalesforceToHubSpot))
            .WithoutField(new FieldMapping("Amount__c", "amount", SyncDirection.SalesforceToHubSpot))
            .WithoutAssociation("Contact__c")
            .WithRules(ConflictWinner.HubSpot, SyncDirection.TwoWay, SyncDirection.TwoWay, "salesforce_id", null)
            .WithStatus(MappingStatus.SavedForLater);

        var text = SyncMappingYamlWriter.Write([edited]);
        var read = Assert.Single(SyncMappingYamlReader.Read(text, "/work/edited.yml"));

        Assert.Equal(edited, read);
        Assert.Contains("{salesforceField: Billing_Email__c, hubSpotProperty: notes, direction: SalesforceToHubSpot}", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Amount__c", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Contact__c", text, StringComparison.Ordinal);
        Assert.DoesNotContain("hubSpotIdField", text, StringComparison.Ordinal);
        Assert.Equal(MappingStatus.SavedForLater, read.Status);
    }
}
