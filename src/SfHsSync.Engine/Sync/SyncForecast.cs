using System.Globalization;
using SfHsSync.Engine.Salesforce;

namespace SfHsSync.Engine.Sync;

/// <summary>
/// What a pass would cost (Start-Sync -WhatIf): the calls it makes on each side (the preview's own reads, which the run
/// makes too, and its writes in full batches), as shares of what is left of the Salesforce org's daily allowance and of
/// HubSpot's daily limit.
/// </summary>
public sealed record SyncForecast
{
    public required string Mapping { get; init; }

    public long SalesforceCalls { get; init; }

    public long HubSpotCalls { get; init; }

    /// <summary>Calls the org has left today (Sforce-Limit-Info), when it reported them.</summary>
    public long? SalesforceRemaining { get; init; }

    /// <summary><see cref="SalesforceCalls"/> as a share (0 to 1, or more) of <see cref="SalesforceRemaining"/>.</summary>
    public double? SalesforceShareOfRemaining => SalesforceRemaining is > 0 and var left ? (double)SalesforceCalls / left : null;

    /// <summary>The HubSpot account's daily request limit, when HubSpot reported it.</summary>
    public long? HubSpotDailyLimit { get; init; }

    /// <summary><see cref="HubSpotCalls"/> as a share (0 to 1) of <see cref="HubSpotDailyLimit"/>.</summary>
    public double? HubSpotShareOfDailyLimit => HubSpotDailyLimit is > 0 and var limit ? (double)HubSpotCalls / limit : null;

    /// <summary>How the Salesforce object is read when not incrementally with queryAll (full comparison, deletes by Ids) and its cost per pass; else null.</summary>
    public string? Reading { get; init; }

    /// <summary>The forecast of a plan: the reads made to preview it plus a call per batch of each kind of write it holds.</summary>
    public static SyncForecast Of(string mapping, IReadOnlyList<SyncPlanItem> plan, (long Salesforce, long HubSpot) reads, SalesforceApiUsage? usage, long? hubSpotDailyLimit, SyncOptions options)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(options);
        var writable = plan.Where(p => p.Error is null).ToList();
        long Batches(int count, int size) => (count + Math.Max(1, size) - 1) / Math.Max(1, size);
        long HubSpot(Func<SyncPlanItem, bool> kind) => Batches(writable.Count(kind), options.HubSpotBatchSize);
        long Salesforce(Func<SyncPlanItem, bool> kind) => Batches(writable.Count(kind), options.SalesforceBatchSize);
        var toHubSpot = HubSpot(p => p.Action == RecordAction.CreateInHubSpot) + HubSpot(p => p.Action == RecordAction.ArchiveInHubSpot)
            + HubSpot(p => p.Action is RecordAction.Update or RecordAction.Link && p.Direction is PlanDirection.ToHubSpot or PlanDirection.Both)
            + Batches(writable.Sum(p => p.Associations.Count), options.HubSpotBatchSize);
        var toSalesforce = Salesforce(p => p.Action == RecordAction.CreateInSalesforce) + Salesforce(p => p.Action == RecordAction.DeleteInSalesforce)
            + Salesforce(p => p.Action is RecordAction.Update or RecordAction.Link && p.Direction is PlanDirection.ToSalesforce or PlanDirection.Both);
        return new SyncForecast
        {
            Mapping = mapping,
            SalesforceCalls = reads.Salesforce + toSalesforce,
            HubSpotCalls = reads.HubSpot + toHubSpot,
            SalesforceRemaining = usage?.Remaining,
            HubSpotDailyLimit = hubSpotDailyLimit,
        };
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Mapping}: about {SalesforceCalls} Salesforce call(s){Share(SalesforceShareOfRemaining, "of the org's remaining daily allowance")} and {HubSpotCalls} HubSpot call(s){Share(HubSpotShareOfDailyLimit, "of HubSpot's daily limit")}{(Reading is null ? string.Empty : ". " + Reading)}");

    private static string Share(double? share, string of) => share is { } s ? string.Create(CultureInfo.InvariantCulture, $" ({s:P2} {of})") : string.Empty;
}
