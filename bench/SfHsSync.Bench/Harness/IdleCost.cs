namespace SfHsSync.Bench.Harness;

/// <summary>
/// What each idle pass (nothing changed on either side) cost, from the syncing process's own clients, and the daily
/// allowances both services stated in their headers (Salesforce's Sforce-Limit-Info, HubSpot's X-HubSpot-RateLimit-Daily).
/// </summary>
internal sealed record IdleCost(int Linked, long[] SalesforceCalls, long[] HubSpotCalls, double[] CpuSeconds, long? SalesforceDailyAllowance, long? HubSpotDailyLimit)
{
    public int Passes => CpuSeconds.Length;

    /// <summary>Salesforce calls of a pass after the first (the first also reads the metadata the run keeps).</summary>
    public double SalesforcePerPass => Warm(SalesforceCalls);

    /// <summary>HubSpot calls of a pass after the first.</summary>
    public double HubSpotPerPass => Warm(HubSpotCalls);

    /// <summary>Every pass after the first made the same calls to each side.</summary>
    public bool Steady => SalesforceCalls.Skip(1).Distinct().Count() <= 1 && HubSpotCalls.Skip(1).Distinct().Count() <= 1;

    /// <summary>CPU of the first pass, which also pays for loading and compiling the code it runs.</summary>
    public double FirstPassCpuSeconds => CpuSeconds.Length > 0 ? CpuSeconds[0] : 0;

    /// <summary>Mean CPU of the passes after the first (the first alone when there is one).</summary>
    public double WarmPassCpuSeconds => CpuSeconds.Length > 1 ? CpuSeconds.Skip(1).Average() : FirstPassCpuSeconds;

    private static double Warm(long[] calls) => calls.Length > 1 ? calls.Skip(1).Average() : calls.Length == 1 ? calls[0] : 0;
}
