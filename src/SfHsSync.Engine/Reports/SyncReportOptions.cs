namespace SfHsSync.Engine.Reports;

/// <summary>What Export-SyncReport draws: one mapping or all, runs from a time on, and how many of the latest conflicts.</summary>
public sealed record SyncReportOptions
{
    /// <summary>Only this mapping; null for every mapping the state holds (a section each).</summary>
    public string? Mapping { get; init; }

    /// <summary>Only runs started at or after this time; null for all (up to <see cref="MaxRuns"/>).</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>The most recent runs drawn per mapping.</summary>
    public int MaxRuns { get; init; } = 200;

    /// <summary>The latest conflicts listed per mapping.</summary>
    public int Conflicts { get; init; } = 25;

    /// <summary>When the report was made (shown in its heading).</summary>
    public DateTimeOffset GeneratedAt { get; init; } = DateTimeOffset.UtcNow;
}
