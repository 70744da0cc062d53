namespace SfHsSync.Bench.Harness;

/// <summary>
/// The fewest calls a job could make to each side, given the APIs' page and batch caps, and how that was counted.
/// Fixed reads: the Salesforce describe and the HubSpot schema that resolving a mapping needs.
/// </summary>
internal sealed record CallMinimum(int Salesforce, int HubSpot, string Counted)
{
    /// <summary>REST query page (Salesforce's default and maximum batch size).</summary>
    public const int QueryPage = 2_000;

    /// <summary>Rows per Bulk 2.0 results page the engine asks for.</summary>
    public const int BulkPage = 50_000;

    /// <summary>Records an import reads with Bulk rather than REST pages above (the engine's default threshold).</summary>
    public const int BulkThreshold = 10_000;

    public const int HubSpotBatch = 100;
    public const int SalesforceBatch = 200;
    public const int SearchPage = 200;

    public int Total => Salesforce + HubSpot;

    /// <summary>
    /// An import of <paramref name="records"/>: describe, the count and the latest-change read that fix its total and
    /// watermark, the records (a Bulk job: create, one status read, result pages; or REST pages), and one HubSpot
    /// batch upsert per 100.
    /// </summary>
    public static CallMinimum Import(int records)
    {
        var bulk = records > BulkThreshold;
        var reads = bulk ? 2 + CeilDiv(records, BulkPage) : Math.Max(1, CeilDiv(records, QueryPage));
        var salesforce = 1 + 2 + reads;
        var hubSpot = 1 + CeilDiv(records, HubSpotBatch);
        var how = bulk
            ? $"SF: describe + count + latest + Bulk job (create, 1 poll, {CeilDiv(records, BulkPage)} page(s)); HS: schema + {CeilDiv(records, HubSpotBatch)} upserts"
            : $"SF: describe + count + latest + {reads} page(s); HS: schema + {CeilDiv(records, HubSpotBatch)} upserts";
        return new CallMinimum(salesforce, hubSpot, how);
    }

    /// <summary>
    /// One pass: Salesforce's changed records in query pages and one deletes read; HubSpot's changed records in search
    /// pages and one archived-records read; then the writes in full batches (HubSpot 100, Salesforce 200).
    /// </summary>
    public static CallMinimum Pass(int changedInSalesforce, int changedInHubSpot, int toHubSpot, int toSalesforce)
    {
        var sfPages = Math.Max(1, CeilDiv(changedInSalesforce, QueryPage));
        var hsPages = Math.Max(1, CeilDiv(changedInHubSpot, SearchPage));
        var salesforce = 1 + sfPages + 1 + CeilDiv(toSalesforce, SalesforceBatch);
        var hubSpot = 1 + hsPages + 1 + CeilDiv(toHubSpot, HubSpotBatch);
        return new CallMinimum(salesforce, hubSpot,
            $"SF: describe + {sfPages} change page(s) + 1 deletes read + {CeilDiv(toSalesforce, SalesforceBatch)} writes; " +
            $"HS: schema + {hsPages} search page(s) + 1 archived read + {CeilDiv(toHubSpot, HubSpotBatch)} writes");
    }

    /// <summary>
    /// <paramref name="passes"/> passes with nothing changed in one run: the describe and the schema once, kept for the
    /// run (issue 22: metadata is not re-read every pass), then per pass one Salesforce change page and one deletes
    /// read, one HubSpot search page and one archived-records read.
    /// </summary>
    public static CallMinimum IdlePasses(int passes)
        => new(1 + IdlePassSalesforce * passes, 1 + IdlePassHubSpot * passes,
            $"SF: describe once + {passes} x (1 change page + 1 deletes read); HS: schema once + {passes} x (1 search page + 1 archived read)");

    /// <summary>The fewest calls of one idle pass after the first: Salesforce's change page and deletes read.</summary>
    public const int IdlePassSalesforce = 2;

    /// <summary>HubSpot's search page and archived-records read.</summary>
    public const int IdlePassHubSpot = 2;

    private static int CeilDiv(int a, int b) => (a + b - 1) / b;
}
