using SfHsSync.Engine.Errors;
using SfHsSync.Engine.Sync;

namespace SfHsSync.Engine.Import;

/// <summary>How an import reads and what it takes: the Bulk threshold, a changed-since filter, the match property, resume.</summary>
public sealed record ImportOptions
{
    /// <summary>Salesforce's own advice is Bulk above about 2,000 records, Heroku Connect's 10,000; REST pages are cheaper below.</summary>
    public const long DefaultBulkThreshold = 10_000;

    /// <summary>An import of more records than this reads them with a Bulk API 2.0 query; fewer go through REST query pages.</summary>
    public long BulkThreshold { get; init; } = DefaultBulkThreshold;

    /// <summary>Only records whose SystemModstamp is at or after this instant; null imports every record.</summary>
    public DateTimeOffset? ChangedSince { get; init; }

    /// <summary>
    /// A mapped HubSpot property (or its Salesforce field) that identifies a record on both sides: an unlinked HubSpot
    /// record with no Salesforce Id whose value equals a Salesforce record's is linked to it rather than duplicated.
    /// </summary>
    public string? MatchOn { get; init; }

    /// <summary>Fail unless there is an unfinished import to continue (a plain run continues one anyway).</summary>
    public bool Resume { get; init; }

    /// <summary>The lease, the runner's name and the HubSpot search lag, as a sync pass uses them.</summary>
    public SyncOptions Sync { get; init; } = new();

    /// <summary>Refuses options no import could run with, naming the option.</summary>
    public void Validate()
    {
        if (BulkThreshold < 0)
        {
            throw new SyncException("ImportBulkThresholdInvalid", SyncErrorKind.InvalidArgument,
                $"The Bulk threshold must be 0 or more records, not {BulkThreshold}.", BulkThreshold);
        }

        if (ChangedSince is { } since && since > DateTimeOffset.UtcNow.AddMinutes(5))
        {
            throw new SyncException("ImportChangedSinceInvalid", SyncErrorKind.InvalidArgument,
                $"ChangedSince {since:u} is in the future, so no record could match it.", since);
        }
    }
}
