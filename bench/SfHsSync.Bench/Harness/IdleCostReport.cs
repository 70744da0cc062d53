using System.Globalization;

namespace SfHsSync.Bench.Harness;

/// <summary>
/// The idle cost in words: calls and CPU per idle pass against the targets, and what one mapping synced every minute
/// costs a day, idle and with 1% changing (scenario 3's pass), against both services' daily allowances.
/// </summary>
internal static class IdleCostReport
{
    public const int PassesPerDay = 24 * 60;

    /// <summary>Issue 22's target for the engine CPU of one idle pass.</summary>
    public const double CpuTargetSeconds = 0.050;

    public static IEnumerable<string> Targets(IReadOnlyList<ScenarioResult> results)
    {
        if (results.FirstOrDefault(r => r.Idle is not null) is not { Idle: { } idle } row)
        {
            yield break;
        }

        const int minimumSf = CallMinimum.IdlePassSalesforce;
        const int minimumHs = CallMinimum.IdlePassHubSpot;
        var calls = idle.SalesforcePerPass <= minimumSf && idle.HubSpotPerPass <= minimumHs;
        var cpu = idle.WarmPassCpuSeconds < CpuTargetSeconds;
        yield return string.Create(CultureInfo.InvariantCulture,
            $"Idle pass (scenario {row.Id}), per pass per mapping after the first: SF {idle.SalesforcePerPass:0.##} calls (minimum {minimumSf}), HS {idle.HubSpotPerPass:0.##} (minimum {minimumHs}): **{(calls ? "met" : "missed")}**{(idle.Steady ? string.Empty : " (not the same in every pass)")}; " +
            $"engine CPU {idle.WarmPassCpuSeconds * 1000:F0} ms per pass after the first (the first, with start-up's compiling: {idle.FirstPassCpuSeconds * 1000:F0} ms): **{(cpu ? "met" : "missed")}** (< {CpuTargetSeconds * 1000:F0} ms).");
    }

    /// <summary>The API cost per day paragraph, or null when the idle scenario did not run.</summary>
    public static string? CostPerDay(IReadOnlyList<ScenarioResult> results)
    {
        if (results.FirstOrDefault(r => r.Idle is not null)?.Idle is not { } idle)
        {
            return null;
        }

        var text = $"**API cost per day** of one mapping synced every minute ({PassesPerDay:N0} passes), computed from this run: " +
                   $"with nothing changed (scenario 7's passes after the first), {Day(idle.SalesforcePerPass, idle.HubSpotPerPass, idle)}";
        if (results.FirstOrDefault(r => r.Id == "3") is { } changing)
        {
            var t = changing.Traffic;
            text += $"; with 1% changing every minute (scenario 3's pass over {changing.Title[(changing.Title.LastIndexOf("of ", StringComparison.Ordinal) + 3)..]} records: " +
                    $"{t.SalesforceCalls} Salesforce and {t.HubSpotCalls} HubSpot calls a pass, in a process of its own, so with the describe and the schema a continuous sync reads once), {Day(t.SalesforceCalls, t.HubSpotCalls, idle)}";
        }
        else
        {
            text += "; with 1% changing: scenario 3 did not run in this run";
        }

        return text + ". The allowances are those the services stated in their headers during scenario 7: Salesforce's " +
               "Sforce-Limit-Info (api-usage=USED/MAX, the sandbox's default org allowance) and HubSpot's X-HubSpot-RateLimit-Daily.";
    }

    private static string Day(double salesforcePerPass, double hubSpotPerPass, IdleCost idle)
    {
        var sf = salesforcePerPass * PassesPerDay;
        var hs = hubSpotPerPass * PassesPerDay;
        return $"{sf:N0} Salesforce calls ({Share(sf, idle.SalesforceDailyAllowance)} of the daily allowance of {Allowance(idle.SalesforceDailyAllowance)}) " +
               $"and {hs:N0} HubSpot calls ({Share(hs, idle.HubSpotDailyLimit)} of the daily limit of {Allowance(idle.HubSpotDailyLimit)})";
    }

    private static string Share(double calls, long? allowance) => allowance is > 0 and var a ? (calls / a).ToString("P1", CultureInfo.InvariantCulture) : "no allowance stated";

    private static string Allowance(long? allowance) => allowance is { } a ? a.ToString("N0", CultureInfo.InvariantCulture) : "(not stated)";
}
