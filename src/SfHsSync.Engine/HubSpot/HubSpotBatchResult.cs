namespace SfHsSync.Engine.HubSpot;

/// <summary>Why HubSpot refused one input of a batch: its category, message and the properties it names.</summary>
public sealed record HubSpotRecordError(string Category, string Message)
{
    public IReadOnlyList<string> PropertyNames { get; init; } = Array.Empty<string>();

    /// <summary>The detail code when HubSpot gives one, e.g. INVALID_OPTION.</summary>
    public string? Code { get; init; }

    public override string ToString()
        => PropertyNames.Count == 0 ? $"{Category}: {Message}" : $"{Category} ({string.Join(", ", PropertyNames)}): {Message}";
}

/// <summary>
/// The outcome of one input of a batch call, at the input's position: the record HubSpot returned, or the error that
/// names why this input (and only this one) failed.
/// </summary>
public sealed record HubSpotBatchResult
{
    /// <summary>Position of the input in the list given to the batch method.</summary>
    public required int Index { get; init; }

    /// <summary>The id or unique value the input named, when it named one.</summary>
    public string? Key { get; init; }

    /// <summary>The HubSpot record id, when known.</summary>
    public string? Id { get; init; }

    public HubSpotRecord? Record { get; init; }

    /// <summary>For upserts: true when the record was created rather than updated.</summary>
    public bool IsNew { get; init; }

    public HubSpotRecordError? Error { get; init; }

    public bool Success => Error is null;

    public override string ToString() => Success ? $"#{Index} ok {Id}" : $"#{Index} failed {Key}: {Error}";
}
