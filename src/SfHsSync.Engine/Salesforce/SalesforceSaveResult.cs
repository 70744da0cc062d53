namespace SfHsSync.Engine.Salesforce;

/// <summary>
/// What a write did to one input record. Writes return one result per input, in input order: <see cref="Index"/> is the
/// input's position, so a result always maps back to the record it is about.
/// </summary>
public sealed record SalesforceSaveResult(int Index, string? Id, bool Success, bool? Created, IReadOnlyList<SalesforceRecordError> Errors)
{
    /// <summary>True when the record was not written because the job stopped before reaching it (Bulk ingest only).</summary>
    public bool Unprocessed { get; init; }

    public override string ToString() => Success
        ? $"#{Index} {Id} {(Created == true ? "created" : "saved")}"
        : $"#{Index} {Id ?? "(none)"} failed: {string.Join("; ", Errors)}";
}
