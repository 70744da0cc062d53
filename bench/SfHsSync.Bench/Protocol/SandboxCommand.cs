namespace SfHsSync.Bench.Protocol;

/// <summary>What the harness asks of the sandbox process; it answers each with one <see cref="SandboxAnswer"/> line.</summary>
internal enum SandboxVerb
{
    /// <summary>Insert Count invoices straight into the org (no API calls), named from Prefix.</summary>
    SeedInvoices,

    /// <summary>Change Amount__c on Count Salesforce invoices spread evenly over the object, starting at Offset.</summary>
    ChangeSalesforce,

    /// <summary>Change units on the HubSpot records linked to Count invoices, spread the same way.</summary>
    ChangeHubSpot,

    /// <summary>Change amount on both sides of Count linked records, to different values.</summary>
    Conflict,

    /// <summary>Set HubSpot's ten-second limit (null lifts it) and the search limit.</summary>
    Limits,

    /// <summary>
    /// Set Salesforce's daily API allowance (DailyApiRequests) and HubSpot's daily limit; null restores the sandbox's
    /// defaults, which are those of a real org and a Professional account (the harness otherwise lifts both).
    /// </summary>
    DailyAllowances,

    /// <summary>Forget both request logs, the rate-limit windows and refusal counts, and start watching HubSpot's traffic.</summary>
    Reset,

    /// <summary>The calls both sides answered since the last reset.</summary>
    Traffic,

    /// <summary>Records on each side.</summary>
    Counts,
}

internal sealed record SandboxCommand(SandboxVerb Verb)
{
    public int Count { get; init; }

    public int Offset { get; init; }

    /// <summary>How many slots the changes are spread over (every Stride-th record from Offset).</summary>
    public int Stride { get; init; } = 1;

    public string Prefix { get; init; } = "INV-B";

    public int? TenSecondlyLimit { get; init; }

    public int? SearchRequestsPerSecond { get; init; }

    public int? SalesforceDailyApiRequests { get; init; }

    public int? HubSpotDailyLimit { get; init; }
}

internal sealed record SandboxAnswer
{
    public bool Ok { get; init; } = true;

    public string? Error { get; init; }

    public int Changed { get; init; }

    public SandboxTraffic? Traffic { get; init; }

    public int SalesforceInvoices { get; init; }

    public int HubSpotInvoices { get; init; }
}

/// <summary>The sandbox's first line: where both services listen and the tokens they accept.</summary>
internal sealed record SandboxReady(Uri SalesforceUrl, Uri HubSpotUrl, string SalesforceAccessToken, string HubSpotAccessToken, int ProcessId);
