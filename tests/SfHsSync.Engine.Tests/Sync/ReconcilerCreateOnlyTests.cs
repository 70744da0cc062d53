using SfHsSync.Engine.Mapping;
using SfHsSync.Engine.State;
using SfHsSync.Engine.Sync;
using static SfHsSync.Engine.Mapping.SyncDirection;

namespace SfHsSync.Engine.Tests.Sync;

/// <summary>
/// A field Salesforce lets a create fill but no update change: the reconciler sends it on create and never in an
/// update (a two-way one travels Salesforce to HubSpot only once the record exists, a HubSpot-to-Salesforce one rests).
/// </summary>
public sealed class ReconcilerCreateOnlyTests
{
    private const string F = "Code__c";

    private static ReconcilePolicy Policy(SyncDirection direction, ConflictWinner winner = ConflictWinner.HubSpot)
        => new ReconcilePolicy(new[] { new FieldMapping(F, "code", direction) }, winner, TwoWay, None)
        {
            CreateOnlyInSalesforce = new HashSet<string>(StringComparer.Ordinal) { F },
        };

    private static RecordLink Linked(string? last) => new("a01", "101", new Dictionary<string, string?> { [F] = last });

    private static SideSnapshot Sf(string? value) => SideSnapshot.Present("a01", new Dictionary<string, string?> { [F] = value });

    private static SideSnapshot Hs(string? value) => SideSnapshot.Present("101", new Dictionary<string, string?> { [F] = value });

    [Theory]
    [InlineData(TwoWay)]
    [InlineData(HubSpotToSalesforce)]
    public void A_create_in_Salesforce_carries_the_create_only_field(SyncDirection direction)
    {
        var decision = Reconciler.Decide(Policy(direction), new ReconcileInput(null, SideSnapshot.Absent, Hs("C1")));

        Assert.Equal(RecordAction.CreateInSalesforce, decision.Action);
        Assert.Equal(("C1", SyncSide.Salesforce), (Assert.Single(decision.Changes).NewValue, decision.Changes[0].Target));
    }

    [Fact]
    public void A_HubSpot_edit_of_a_two_way_create_only_field_is_put_back_from_Salesforce_even_when_HubSpot_wins_conflicts()
    {
        var decision = Reconciler.Decide(Policy(TwoWay), new ReconcileInput(Linked("C1"), SideSnapshot.Unchanged, Hs("C2")));

        var change = Assert.Single(decision.Changes);
        Assert.Equal((SyncSide.HubSpot, "C1", FieldRule.OverwrittenAsOneWay), (change.Target, change.NewValue, change.Rule));
        Assert.DoesNotContain(decision.Changes, c => c.Target == SyncSide.Salesforce);
    }

    [Fact]
    public void A_Salesforce_edit_of_a_two_way_create_only_field_still_travels_to_HubSpot()
    {
        var decision = Reconciler.Decide(Policy(TwoWay), new ReconcileInput(Linked("C1"), Sf("C3"), SideSnapshot.Unchanged));

        Assert.Equal((SyncSide.HubSpot, "C3"), (Assert.Single(decision.Changes).Target, decision.Changes[0].NewValue));
    }

    [Fact]
    public void A_HubSpot_to_Salesforce_create_only_field_is_not_synced_after_the_create()
    {
        var decision = Reconciler.Decide(Policy(HubSpotToSalesforce), new ReconcileInput(Linked("C1"), SideSnapshot.Unchanged, Hs("C2")));

        Assert.Equal(RecordAction.None, decision.Action);
        Assert.Empty(decision.Changes);
        Assert.Empty(decision.Conflicts);
    }
}
