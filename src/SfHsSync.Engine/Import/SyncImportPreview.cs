namespace SfHsSync.Engine.Import;

/// <summary>What an import would do (Import-SalesforceObject -WhatIf): how many records it would read, and how.</summary>
public sealed record SyncImportPreview
{
    public required string Mapping { get; init; }

    public required string SalesforceObject { get; init; }

    public required string HubSpotObject { get; init; }

    /// <summary>Records the import would read: every record of the object (changed since ChangedSince), or those left when resuming.</summary>
    public long Records { get; init; }

    public ImportReadMethod Method { get; init; }

    public DateTimeOffset? ChangedSince { get; init; }

    /// <summary>The unfinished import this run would continue, when there is one.</summary>
    public long? ResumesImport { get; init; }

    public override string ToString()
        => ResumesImport is { } id
            ? $"{Mapping}: {Records:N0} {SalesforceObject} record(s) left to import into {HubSpotObject} (resuming import {id}, {Method})"
            : $"{Mapping}: {Records:N0} {SalesforceObject} record(s) would be imported into {HubSpotObject} ({Method})";
}
