using SfHsSync.Engine.Mapping;
using SfHsSync.Engine.State;
using SfHsSync.Engine.Sync;

namespace SfHsSync.Engine.Tests.Lifecycle;

/// <summary>Which fields a pass resets and compares, from the pairs of the last pass and the mapping it runs now.</summary>
public sealed class FieldPairChangesTests
{
    private static SyncMapping Mapping(params (string Sf, string Hs, SyncDirection Direction)[] fields)
        => fields.Aggregate(new SyncMapping("Invoices", "Invoice__c", "invoices"), (m, f) => m.AddField(f.Sf, f.Hs, f.Direction));

    private static readonly FieldPair[] Last =
    [
        new("Name", "invoice_number", SyncDirection.TwoWay),
        new("Amount__c", "amount", SyncDirection.TwoWay),
        new("Billing_Email__c", "billing_email", SyncDirection.TwoWay),
        new("Notes__c", "notes", SyncDirection.None),
    ];

    [Fact]
    public void The_same_pairs_change_nothing_and_a_first_pass_knows_of_no_change()
    {
        var same = Mapping(("Name", "invoice_number", SyncDirection.TwoWay), ("Amount__c", "amount", SyncDirection.TwoWay),
            ("Billing_Email__c", "billing_email", SyncDirection.TwoWay), ("Notes__c", "notes", SyncDirection.None));
        Assert.True(FieldPairChanges.Between(Last, same).IsEmpty);
        Assert.Same(FieldPairChanges.None, FieldPairChanges.Between(null, same));
    }

    [Fact]
    public void A_new_property_resets_and_compares_the_field_a_removed_field_is_only_reset()
    {
        var changes = FieldPairChanges.Between(Last, Mapping(
            ("Name", "invoice_number", SyncDirection.TwoWay),
            ("Billing_Email__c", "notes", SyncDirection.TwoWay)));

        Assert.Equal(["Amount__c", "Billing_Email__c", "Notes__c"], changes.Forgotten.Order(StringComparer.Ordinal));
        Assert.Equal(["Billing_Email__c"], changes.Compared);
    }

    [Fact]
    public void A_direction_change_keeps_the_values_but_a_field_that_starts_to_sync_is_compared()
    {
        var changes = FieldPairChanges.Between(Last, Mapping(
            ("Name", "invoice_number", SyncDirection.HubSpotToSalesforce),
            ("Amount__c", "amount", SyncDirection.None),
            ("Billing_Email__c", "billing_email", SyncDirection.TwoWay),
            ("Notes__c", "notes", SyncDirection.SalesforceToHubSpot),
            ("Units__c", "units", SyncDirection.TwoWay),
            ("Paid__c", "paid", SyncDirection.None)));

        Assert.Empty(changes.Forgotten);
        Assert.Equal(["Notes__c", "Units__c"], changes.Compared.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_changed_pair_that_no_longer_syncs_is_reset_but_not_compared()
    {
        var changes = FieldPairChanges.Between(Last, Mapping(("Amount__c", "units", SyncDirection.None)));
        Assert.Contains("Amount__c", changes.Forgotten);
        Assert.Empty(changes.Compared);
    }

    [Fact]
    public void Stripping_drops_only_the_forgotten_values_and_a_link_without_a_compared_value_needs_a_compare()
    {
        var changes = FieldPairChanges.Between(Last, Mapping(
            ("Name", "invoice_number", SyncDirection.TwoWay), ("Amount__c", "amount", SyncDirection.TwoWay), ("Billing_Email__c", "notes", SyncDirection.TwoWay)));
        var link = new RecordLink("a01", "101", new Dictionary<string, string?> { ["Name"] = "INV-1", ["Amount__c"] = "10", ["Billing_Email__c"] = "a@b.c" });

        var stripped = changes.Strip(link);
        Assert.Equal(["Amount__c", "Name"], stripped.Values.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("a@b.c", link.Values["Billing_Email__c"]);
        Assert.True(changes.NeedsCompare(stripped));
        Assert.False(changes.NeedsCompare(link));
        Assert.Same(link, FieldPairChanges.None.Strip(link));

        var lookups = changes.Strip(new Dictionary<string, RecordLink> { ["a01"] = link });
        Assert.False(lookups["a01"].Values.ContainsKey("Billing_Email__c"));
    }
}
