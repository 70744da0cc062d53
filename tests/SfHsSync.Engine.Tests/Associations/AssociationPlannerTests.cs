using SfHsSync.Engine.Mapping;
using SfHsSync.Engine.State;
using SfHsSync.Engine.Sync;
using SfHsSync.Engine.Sync.Associations;

namespace SfHsSync.Engine.Tests.Associations;

/// <summary>The per-record association decision, without any service: every way a lookup and an association can move.</summary>
public sealed class AssociationPlannerTests
{
    private static readonly AssociationRule OneWay = new("Account__c", "companies", TwoWay: false, ConflictWinner.Salesforce);
    private static readonly AssociationRule TwoWay = OneWay with { TwoWay = true };

    // Salesforce Accounts A, B, C sync with companies 10, 20, 30; Account W has no company yet.
    private static TargetMatch ToHubSpot(string id) => id switch
    {
        "A" => TargetMatch.Found("10"),
        "B" => TargetMatch.Found("20"),
        "C" => TargetMatch.Found("30"),
        _ => TargetMatch.Missing($"waiting for the related record to sync: {id}"),
    };

    private static TargetMatch ToSalesforce(string id) => id switch
    {
        "10" => TargetMatch.Found("A"),
        "20" => TargetMatch.Found("B"),
        "30" => TargetMatch.Found("C"),
        _ => TargetMatch.Missing($"company {id} has no Salesforce Id"),
    };

    private static AssociationSubject Read(string? lookup, params string[]? hubSpot)
        => new("inv1", "900") { SalesforceKnown = true, SalesforceTarget = lookup, HubSpotTargets = hubSpot };

    private static AssociationSubject HubSpotOnly(params string[] hubSpot) => new("inv1", "900") { HubSpotTargets = hubSpot };

    private static AssociationLink Row(string? target, string? targetHubSpot, AssociationLinkState state = AssociationLinkState.Synced)
        => new("inv1", "Account__c", state) { TargetSalesforceId = target, HubSpotId = "900", TargetHubSpotId = targetHubSpot };

    private static AssociationDecision Decide(AssociationRule rule, AssociationSubject subject, AssociationLink? row)
        => AssociationPlanner.Decide(rule, subject, row, ToHubSpot, ToSalesforce);

    [Fact]
    public void A_lookup_seen_for_the_first_time_creates_its_association()
    {
        var d = Decide(OneWay, Read("A", null), null);
        Assert.Equal("10", d.Create);
        Assert.Empty(d.Archive);
        Assert.Equal(Row("A", "10"), d.Row! with { UpdatedAt = default });
        Assert.Equal(AssociationChangeKind.Create, Assert.Single(d.Changes).Kind);
    }

    [Fact]
    public void An_unchanged_lookup_writes_nothing_and_keeps_the_row()
    {
        var d = Decide(OneWay, Read("A", null), Row("A", "10"));
        Assert.False(d.WritesAnything);
        Assert.Null(d.Row);
        Assert.Empty(d.Changes);
    }

    [Fact]
    public void A_changed_lookup_archives_the_old_association_and_creates_the_new_one()
    {
        var d = Decide(OneWay, Read("B", null), Row("A", "10"));
        Assert.Equal(new[] { "10" }, d.Archive);
        Assert.Equal("20", d.Create);
        Assert.Equal("B", d.Row!.TargetSalesforceId);
        Assert.Equal(new[] { AssociationChangeKind.Archive, AssociationChangeKind.Create }, d.Changes.Select(c => c.Kind));
    }

    [Fact]
    public void A_cleared_lookup_archives_its_association()
    {
        var d = Decide(OneWay, Read(null, null), Row("A", "10"));
        Assert.Equal(new[] { "10" }, d.Archive);
        Assert.Null(d.Create);
        Assert.Equal(AssociationLinkState.Synced, d.Row!.State);
        Assert.Null(d.Row.TargetSalesforceId);
        Assert.Null(d.Row.TargetHubSpotId);
    }

    [Fact]
    public void An_empty_lookup_seen_first_writes_nothing_but_is_remembered()
    {
        var d = Decide(OneWay, Read(string.Empty, null), null);
        Assert.False(d.WritesAnything);
        Assert.Null(d.Row!.TargetSalesforceId);
    }

    [Fact]
    public void A_target_that_does_not_sync_yet_waits_with_its_reason_and_the_old_association_goes()
    {
        var d = Decide(OneWay, Read("W", null), Row("A", "10"));
        Assert.Equal(new[] { "10" }, d.Archive);
        Assert.Null(d.Create);
        Assert.Equal(AssociationLinkState.Waiting, d.Row!.State);
        Assert.Equal("W", d.Row.TargetSalesforceId);
        Assert.StartsWith("waiting for the related record to sync", d.Row.Reason, StringComparison.Ordinal);
        Assert.Contains(d.Changes, c => c.Kind == AssociationChangeKind.Wait && c.Reason == d.Row.Reason);
    }

    [Fact]
    public void A_waiting_row_retried_without_its_record_creates_once_the_target_syncs()
    {
        var waiting = Row("C", null, AssociationLinkState.Waiting);
        var d = Decide(OneWay, new AssociationSubject("inv1", "900"), waiting);
        Assert.Equal("30", d.Create);
        Assert.Equal(AssociationLinkState.Synced, d.Row!.State);

        var still = AssociationPlanner.Decide(OneWay, new AssociationSubject("inv1", "900"), Row("W", null, AssociationLinkState.Waiting), ToHubSpot, ToSalesforce);
        Assert.Null(still.Create);
        Assert.Equal(AssociationLinkState.Waiting, still.Row!.State);
    }

    [Fact]
    public void A_record_relinked_to_another_HubSpot_record_gets_its_association_again()
    {
        var moved = Row("A", "10") with { HubSpotId = "800" };
        var d = Decide(OneWay, Read("A", null), moved);
        Assert.Equal("10", d.Create);
        Assert.Empty(d.Archive);
    }

    [Fact]
    public void A_record_never_carried_and_not_read_is_left_alone()
    {
        Assert.Null(Decide(TwoWay, new AssociationSubject("inv1", "900"), null).Row);
    }

    [Fact]
    public void One_way_associations_ignore_what_HubSpot_shows()
    {
        var d = Decide(OneWay, Read("A", "20"), Row("A", "10"));
        Assert.False(d.WritesAnything);
    }

    [Fact]
    public void Two_way_a_HubSpot_move_writes_the_Salesforce_lookup()
    {
        var d = Decide(TwoWay, HubSpotOnly("20"), Row("A", "10"));
        Assert.True(d.WritesSalesforce);
        Assert.Equal("B", d.SalesforceValue);
        Assert.Empty(d.Archive);
        Assert.Null(d.Create);
        Assert.Equal(Row("B", "20"), d.Row);
        Assert.Equal(AssociationChangeKind.UpdateSalesforce, Assert.Single(d.Changes).Kind);
    }

    [Fact]
    public void Two_way_a_HubSpot_addition_beside_the_old_association_moves_the_lookup_and_removes_the_old_one()
    {
        var d = Decide(TwoWay, HubSpotOnly("10", "30"), Row("A", "10"));
        Assert.Equal("C", d.SalesforceValue);
        Assert.Equal(new[] { "10" }, d.Archive);
    }

    [Fact]
    public void Two_way_a_HubSpot_removal_clears_the_lookup()
    {
        var d = Decide(TwoWay, HubSpotOnly(), Row("A", "10"));
        Assert.True(d.WritesSalesforce);
        Assert.Null(d.SalesforceValue);
        Assert.Null(d.Row!.TargetSalesforceId);
    }

    [Fact]
    public void Two_way_a_HubSpot_target_without_a_Salesforce_record_is_a_problem_not_a_write()
    {
        var d = Decide(TwoWay, HubSpotOnly("77"), Row("A", "10"));
        Assert.False(d.WritesAnything);
        Assert.Null(d.Row);
        Assert.Contains("company 77 has no Salesforce Id", d.Problem, StringComparison.Ordinal);

        var two = Decide(TwoWay, HubSpotOnly("20", "30"), Row("A", "10"));
        Assert.False(two.WritesAnything);
        Assert.Contains("2 new companies records (20, 30)", two.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_way_both_sides_changed_Salesforce_wins_by_default_and_the_conflict_is_kept()
    {
        var d = Decide(TwoWay, Read("C", "20"), Row("A", "10"));
        Assert.Equal(new[] { "20" }, d.Archive);
        Assert.Equal("30", d.Create);
        Assert.False(d.WritesSalesforce);
        Assert.Equal(new FieldConflict("Account__c", "C", "20", SyncSide.Salesforce), d.Conflict);
    }

    [Fact]
    public void Two_way_both_sides_changed_HubSpot_wins_when_the_mapping_says_so()
    {
        var d = Decide(TwoWay with { Winner = ConflictWinner.HubSpot }, Read("C", "20"), Row("A", "10"));
        Assert.True(d.WritesSalesforce);
        Assert.Equal("B", d.SalesforceValue);
        Assert.Null(d.Create);
        Assert.Equal(SyncSide.HubSpot, d.Conflict!.Winner);
    }

    [Fact]
    public void Two_way_both_sides_moved_to_the_same_target_is_no_conflict()
    {
        var d = Decide(TwoWay, Read("B", "20"), Row("A", "10"));
        Assert.False(d.WritesAnything);
        Assert.Null(d.Conflict);
        Assert.Equal(Row("B", "20"), d.Row);
    }

    [Fact]
    public void Two_way_first_sight_an_empty_lookup_takes_HubSpots_association()
    {
        var d = Decide(TwoWay, Read(null, "30"), null);
        Assert.True(d.WritesSalesforce);
        Assert.Equal("C", d.SalesforceValue);
        Assert.Null(d.Conflict);

        var set = Decide(TwoWay, Read("A", "30"), null);
        Assert.Equal("10", set.Create);
        Assert.Equal(new[] { "30" }, set.Archive);
    }
}
