using SfHsSync.Engine.HubSpot;
using SfHsSync.Engine.Salesforce;
using SfHsSync.Engine.State;

namespace SfHsSync.Engine.Sync;

/// <summary>A record pair as a pass assembled it: the reconciler's input plus the raw records it came from.</summary>
public sealed record RecordPair(RecordLink? Link, SideSnapshot Salesforce, SideSnapshot HubSpot)
{
    public SalesforceRecord? SalesforceRecord { get; init; }

    public HubSpotRecord? HubSpotRecord { get; init; }

    /// <summary>
    /// Once a step committed it: the Salesforce record the step gave this pair's HubSpot record when the pair had none
    /// (a create, or an upsert that found one by the HubSpot id); null otherwise.
    /// </summary>
    public string? StepSalesforceId { get; init; }

    /// <summary>True when the step created <see cref="StepSalesforceId"/> (so it holds only what the step wrote).</summary>
    public bool StepCreatedSalesforce { get; init; }

    public ReconcileInput Input => new(Link, Salesforce, HubSpot);

    public string? SalesforceId => Salesforce.Id ?? Link?.SalesforceId;

    public string? HubSpotId => HubSpot.Id ?? Link?.HubSpotId;

    /// <summary>True when a linked pair has a mapped field with no last-synced value and one side was not read.</summary>
    public bool NeedsOtherSide(IEnumerable<string> fieldKeys)
        => Link is not null
           && (Salesforce.State == SideState.Unchanged || HubSpot.State == SideState.Unchanged)
           && Salesforce.State != HubSpot.State
           && fieldKeys.Any(k => !Link.Values.ContainsKey(k));
}
