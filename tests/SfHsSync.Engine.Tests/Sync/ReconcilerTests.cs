using SfHsSync.Engine.Mapping;
using SfHsSync.Engine.State;
using SfHsSync.Engine.Sync;
using static SfHsSync.Engine.Mapping.SyncDirection;

namespace SfHsSync.Engine.Tests.Sync;

/// <summary>
/// The reconciler over every combination of field direction, which side changed, conflict winner, and the create and
/// delete rules. Each row states the expected outcome outright, so the table reads as the specification.
/// </summary>
public sealed class ReconcilerTests
{
    private const string F = "Amount__c";

    private static ReconcilePolicy Policy(SyncDirection direction, ConflictWinner winner = ConflictWinner.Salesforce,
        SyncDirection create = SalesforceToHubSpot, SyncDirection delete = None, bool neverArchive = false)
        => new(new[] { new FieldMapping(F, "amount", direction) }, winner, create, delete, neverArchive);

    private static RecordLink Linked(string? last) => new("a01", "101", new Dictionary<string, string?> { [F] = last });

    private static SideSnapshot Sf(string? value) => SideSnapshot.Present("a01", new Dictionary<string, string?> { [F] = value });

    private static SideSnapshot Hs(string? value) => SideSnapshot.Present("101", new Dictionary<string, string?> { [F] = value });

    // direction, winner, Salesforce now, HubSpot now (null = not read: unchanged), expected target ("SF", "HS" or ""),
    // expected value written, expected conflict winner ("" = none), expected last-synced value. L is always "old".
    public static TheoryData<SyncDirection, ConflictWinner, string?, string?, string, string?, string, string?> FieldCases => new()
    {
        // Nothing changed: nothing moves, whatever the rules.
        { TwoWay, ConflictWinner.Salesforce, "old", "old", "", null, "", "old" },
        { SalesforceToHubSpot, ConflictWinner.HubSpot, "old", "old", "", null, "", "old" },
        { HubSpotToSalesforce, ConflictWinner.Salesforce, "old", "old", "", null, "", "old" },
        { None, ConflictWinner.Salesforce, "old", "old", "", null, "", "old" },

        // An echo: our own write comes back as a change of the record, with the value we wrote.
        { TwoWay, ConflictWinner.HubSpot, "old", null, "", null, "", "old" },
        { TwoWay, ConflictWinner.Salesforce, null, "old", "", null, "", "old" },

        // Salesforce changed.
        { TwoWay, ConflictWinner.Salesforce, "sf", "old", "HS", "sf", "", "sf" },
        { TwoWay, ConflictWinner.HubSpot, "sf", null, "HS", "sf", "", "sf" },
        { SalesforceToHubSpot, ConflictWinner.HubSpot, "sf", "old", "HS", "sf", "", "sf" },
        { HubSpotToSalesforce, ConflictWinner.Salesforce, "sf", "old", "SF", "old", "", "old" },
        { HubSpotToSalesforce, ConflictWinner.Salesforce, "sf", null, "SF", "old", "", "old" },
        { None, ConflictWinner.Salesforce, "sf", "old", "", null, "", "old" },

        // HubSpot changed.
        { TwoWay, ConflictWinner.Salesforce, "old", "hs", "SF", "hs", "", "hs" },
        { TwoWay, ConflictWinner.Salesforce, null, "hs", "SF", "hs", "", "hs" },
        { SalesforceToHubSpot, ConflictWinner.HubSpot, "old", "hs", "HS", "old", "", "old" },
        { HubSpotToSalesforce, ConflictWinner.Salesforce, "old", "hs", "SF", "hs", "", "hs" },
        { None, ConflictWinner.HubSpot, "old", "hs", "", null, "", "old" },

        // Both changed to the same value: they agree; nothing to write, no conflict.
        { TwoWay, ConflictWinner.Salesforce, "same", "same", "", null, "", "same" },
        { SalesforceToHubSpot, ConflictWinner.Salesforce, "same", "same", "", null, "", "same" },
        { HubSpotToSalesforce, ConflictWinner.HubSpot, "same", "same", "", null, "", "same" },

        // Both changed to different values: the winner of a two-way field, the source of a one-way field.
        { TwoWay, ConflictWinner.Salesforce, "sf", "hs", "HS", "sf", "Salesforce", "sf" },
        { TwoWay, ConflictWinner.HubSpot, "sf", "hs", "SF", "hs", "HubSpot", "hs" },
        { SalesforceToHubSpot, ConflictWinner.HubSpot, "sf", "hs", "HS", "sf", "", "sf" },
        { HubSpotToSalesforce, ConflictWinner.Salesforce, "sf", "hs", "SF", "hs", "", "hs" },
        { None, ConflictWinner.Salesforce, "sf", "hs", "", null, "", "old" },
    };

    [Theory]
    [MemberData(nameof(FieldCases))]
    public void A_linked_field_moves_as_its_direction_and_the_conflict_rule_say(
        SyncDirection direction, ConflictWinner winner, string? sfNow, string? hsNow, string target, string? written, string conflictWinner, string? synced)
    {
        // In these rows null for a side means "not read this pass"; clearing a value has its own test below.
        var sf = sfNow is null ? SideSnapshot.Unchanged : Sf(sfNow);
        var hs = hsNow is null ? SideSnapshot.Unchanged : Hs(hsNow);

        var decision = Reconciler.Decide(Policy(direction, winner), new ReconcileInput(Linked("old"), sf, hs));

        if (target == "")
        {
            Assert.Empty(decision.Changes);
            Assert.Equal(RecordAction.None, decision.Action);
        }
        else
        {
            var change = Assert.Single(decision.Changes);
            Assert.Equal(target == "HS" ? SyncSide.HubSpot : SyncSide.Salesforce, change.Target);
            Assert.Equal(written, change.NewValue);
            Assert.Equal(RecordAction.Update, decision.Action);
        }

        if (conflictWinner == "")
        {
            Assert.Empty(decision.Conflicts);
        }
        else
        {
            var conflict = Assert.Single(decision.Conflicts);
            Assert.Equal(Enum.Parse<SyncSide>(conflictWinner), conflict.Winner);
            Assert.Equal((sfNow, hsNow), (conflict.SalesforceValue, conflict.HubSpotValue));
        }

        Assert.Equal(synced, decision.SyncedValues[F]);
    }

    [Fact]
    public void A_value_cleared_on_one_side_travels_as_a_clear()
    {
        var decision = Reconciler.Decide(Policy(TwoWay), new ReconcileInput(Linked("10"), Sf(null), SideSnapshot.Unchanged));
        var change = Assert.Single(decision.Changes);
        Assert.Equal((SyncSide.HubSpot, "10", (string?)null), (change.Target, change.OldValue, change.NewValue));
        Assert.Null(decision.SyncedValues[F]);
    }

    [Fact]
    public void Writing_back_what_a_pass_wrote_changes_nothing_the_next_pass()
    {
        var policy = Policy(TwoWay, ConflictWinner.HubSpot);
        var first = Reconciler.Decide(policy, new ReconcileInput(Linked("old"), Sf("sf"), Hs("hs")));
        var after = new RecordLink("a01", "101", first.SyncedValues);

        // Next pass: the Salesforce record we wrote comes back with the winner's value; HubSpot did not change.
        var second = Reconciler.Decide(policy, new ReconcileInput(after, Sf("hs"), SideSnapshot.Unchanged));
        Assert.Equal(RecordAction.None, second.Action);
        Assert.False(second.ChangesState(after));
    }

    // No last-synced value yet (a new link, or a newly mapped field): different values align from the source side.
    [Theory]
    [InlineData(TwoWay, ConflictWinner.Salesforce, "HS", "sf")]
    [InlineData(TwoWay, ConflictWinner.HubSpot, "SF", "hs")]
    [InlineData(SalesforceToHubSpot, ConflictWinner.HubSpot, "HS", "sf")]
    [InlineData(HubSpotToSalesforce, ConflictWinner.Salesforce, "SF", "hs")]
    public void Without_a_last_synced_value_the_source_side_aligns_the_other_and_no_conflict_is_recorded(SyncDirection direction, ConflictWinner winner, string target, string value)
    {
        var link = new RecordLink("a01", "101", new Dictionary<string, string?>());
        var decision = Reconciler.Decide(Policy(direction, winner), new ReconcileInput(link, Sf("sf"), Hs("hs")));
        var change = Assert.Single(decision.Changes);
        Assert.Equal(target == "HS" ? SyncSide.HubSpot : SyncSide.Salesforce, change.Target);
        Assert.Equal(value, change.NewValue);
        Assert.Empty(decision.Conflicts);
        Assert.Equal(value, decision.SyncedValues[F]);
    }

    [Fact]
    public void Without_a_last_synced_value_an_unseen_side_is_never_overwritten()
    {
        var link = new RecordLink("a01", "101", new Dictionary<string, string?>());
        var decision = Reconciler.Decide(Policy(TwoWay), new ReconcileInput(link, Sf("sf"), SideSnapshot.Unchanged));
        Assert.Equal(RecordAction.None, decision.Action);
        Assert.False(decision.SyncedValues.ContainsKey(F));
    }

    [Fact]
    public void Equal_values_without_a_last_synced_value_just_become_it()
    {
        var link = new RecordLink("a01", "101", new Dictionary<string, string?>());
        var decision = Reconciler.Decide(Policy(TwoWay), new ReconcileInput(link, Sf("x"), Hs("x")));
        Assert.Equal(RecordAction.None, decision.Action);
        Assert.Equal("x", decision.SyncedValues[F]);
        Assert.True(decision.ChangesState(link));
    }

    // Unlinked records: the create direction decides where a new record goes.
    [Theory]
    [InlineData(SalesforceToHubSpot, "SF", RecordAction.CreateInHubSpot)]
    [InlineData(SalesforceToHubSpot, "HS", RecordAction.None)]
    [InlineData(HubSpotToSalesforce, "SF", RecordAction.None)]
    [InlineData(HubSpotToSalesforce, "HS", RecordAction.CreateInSalesforce)]
    [InlineData(TwoWay, "SF", RecordAction.CreateInHubSpot)]
    [InlineData(TwoWay, "HS", RecordAction.CreateInSalesforce)]
    [InlineData(None, "SF", RecordAction.None)]
    [InlineData(None, "HS", RecordAction.None)]
    public void A_new_record_is_created_on_the_other_side_only_as_the_create_rule_says(SyncDirection create, string newOn, RecordAction expected)
    {
        var input = newOn == "SF"
            ? new ReconcileInput(null, Sf("12.5"), SideSnapshot.Absent)
            : new ReconcileInput(null, SideSnapshot.Absent, Hs("12.5"));
        var decision = Reconciler.Decide(Policy(TwoWay, create: create), input);
        Assert.Equal(expected, decision.Action);
        if (expected != RecordAction.None)
        {
            var change = Assert.Single(decision.Changes);
            Assert.Equal(expected == RecordAction.CreateInHubSpot ? SyncSide.HubSpot : SyncSide.Salesforce, change.Target);
            Assert.Equal("12.5", change.NewValue);
            Assert.Equal("12.5", decision.SyncedValues[F]);
        }
    }

    [Fact]
    public void A_create_carries_every_synced_field_the_new_record_can_hold_and_no_empty_values()
    {
        var policy = new ReconcilePolicy(
            new[]
            {
                new FieldMapping("Name", "invoice_number", TwoWay),
                new FieldMapping("Amount__c", "amount", SalesforceToHubSpot),
                new FieldMapping("Paid__c", "paid", HubSpotToSalesforce),
                new FieldMapping("Notes__c", "notes", None),
                new FieldMapping("Units__c", "units", TwoWay),
                new FieldMapping("Total__c", "total_with_tax", HubSpotToSalesforce),
            },
            ConflictWinner.Salesforce, SalesforceToHubSpot, None)
        {
            ReadOnlyInHubSpot = new HashSet<string> { "Total__c" },
        };
        var sf = SideSnapshot.Present("a01", new Dictionary<string, string?>
        {
            ["Name"] = "INV-1", ["Amount__c"] = "10", ["Paid__c"] = "true", ["Notes__c"] = "n", ["Units__c"] = null, ["Total__c"] = "11",
        });

        var decision = Reconciler.Decide(policy, new ReconcileInput(null, sf, SideSnapshot.Absent));

        // A one-way HubSpot field is seeded from Salesforce, so the first pass after the create clears nothing;
        // a field HubSpot calculates is left to HubSpot, and a field not synced stays out.
        Assert.Equal(RecordAction.CreateInHubSpot, decision.Action);
        Assert.Equal(new[] { "Name", "Amount__c", "Paid__c" }, decision.Changes.Select(c => c.Field));
        Assert.Equal(new[] { "Amount__c", "Name", "Paid__c", "Units__c" }, decision.SyncedValues.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_pass_after_a_create_keeps_the_origin_value_of_a_one_way_field()
    {
        var policy = new ReconcilePolicy(new[] { new FieldMapping(F, "amount", HubSpotToSalesforce) }, ConflictWinner.Salesforce, SalesforceToHubSpot, None);
        var created = Reconciler.Decide(policy, new ReconcileInput(null, Sf("22"), SideSnapshot.Absent));
        var link = new RecordLink("a01", "101", created.SyncedValues);

        // The new HubSpot record comes back from search with the value it was created with.
        var next = Reconciler.Decide(policy, new ReconcileInput(link, SideSnapshot.Unchanged, Hs("22")));
        Assert.Equal(RecordAction.None, next.Action);
    }

    [Fact]
    public void Two_unlinked_records_that_are_the_same_one_are_linked_and_aligned()
    {
        var decision = Reconciler.Decide(Policy(TwoWay, ConflictWinner.HubSpot), new ReconcileInput(null, Sf("1"), Hs("2")));
        Assert.Equal(RecordAction.Link, decision.Action);
        var change = Assert.Single(decision.Changes);
        Assert.Equal((SyncSide.Salesforce, "2"), (change.Target, change.NewValue));
        Assert.Empty(decision.Conflicts);
    }

    // Linked records one side of which is gone: the delete direction decides.
    [Theory]
    [InlineData(None, "SF", RecordAction.Unlink)]
    [InlineData(None, "HS", RecordAction.Unlink)]
    [InlineData(SalesforceToHubSpot, "SF", RecordAction.ArchiveInHubSpot)]
    [InlineData(SalesforceToHubSpot, "HS", RecordAction.Unlink)]
    [InlineData(HubSpotToSalesforce, "SF", RecordAction.Unlink)]
    [InlineData(HubSpotToSalesforce, "HS", RecordAction.DeleteInSalesforce)]
    [InlineData(TwoWay, "SF", RecordAction.ArchiveInHubSpot)]
    [InlineData(TwoWay, "HS", RecordAction.DeleteInSalesforce)]
    [InlineData(TwoWay, "both", RecordAction.Unlink)]
    public void A_delete_travels_only_as_the_delete_rule_says(SyncDirection delete, string deletedOn, RecordAction expected)
    {
        var sf = deletedOn is "SF" or "both" ? SideSnapshot.Deleted("a01") : Sf("sf-changed-too");
        var hs = deletedOn is "HS" or "both" ? SideSnapshot.Deleted("101") : SideSnapshot.Unchanged;
        var decision = Reconciler.Decide(Policy(TwoWay, delete: delete), new ReconcileInput(Linked("old"), sf, hs));
        Assert.Equal(expected, decision.Action);
        Assert.Empty(decision.Changes);
    }

    [Fact]
    public void A_deleted_RecordType_never_archives_its_HubSpot_record()
    {
        var decision = Reconciler.Decide(Policy(TwoWay, delete: TwoWay, neverArchive: true), new ReconcileInput(Linked("old"), SideSnapshot.Deleted("a01"), SideSnapshot.Unchanged));
        Assert.Equal(RecordAction.Unlink, decision.Action);
    }

    [Fact]
    public void Deleted_records_that_were_never_linked_need_nothing()
    {
        Assert.Equal(RecordAction.None, Reconciler.Decide(Policy(TwoWay, delete: TwoWay), new ReconcileInput(null, SideSnapshot.Deleted("a01"), SideSnapshot.Absent)).Action);
        Assert.Equal(RecordAction.None, Reconciler.Decide(Policy(TwoWay, delete: TwoWay), new ReconcileInput(null, SideSnapshot.Absent, SideSnapshot.Deleted("101"))).Action);
    }

    [Fact]
    public void Fields_are_decided_independently_within_one_record()
    {
        var policy = new ReconcilePolicy(
            new[] { new FieldMapping("Name", "invoice_number"), new FieldMapping("Amount__c", "amount"), new FieldMapping("Paid__c", "paid") },
            ConflictWinner.Salesforce, SalesforceToHubSpot, None);
        var link = new RecordLink("a01", "101", new Dictionary<string, string?> { ["Name"] = "n", ["Amount__c"] = "1", ["Paid__c"] = "false" });
        var sf = SideSnapshot.Present("a01", new Dictionary<string, string?> { ["Name"] = "n2", ["Amount__c"] = "1", ["Paid__c"] = "false" });
        var hs = SideSnapshot.Present("101", new Dictionary<string, string?> { ["Name"] = "n", ["Amount__c"] = "1", ["Paid__c"] = "true" });

        var decision = Reconciler.Decide(policy, new ReconcileInput(link, sf, hs));

        Assert.Equal(RecordAction.Update, decision.Action);
        Assert.Equal(new[] { ("Name", SyncSide.HubSpot, "n2"), ("Paid__c", SyncSide.Salesforce, "true") },
            decision.Changes.Select(c => (c.Field, c.Target, c.NewValue!)));
        Assert.True(decision.WritesTo(SyncSide.HubSpot));
        Assert.True(decision.WritesTo(SyncSide.Salesforce));
    }
}
