using System.Diagnostics;
using SfHsSync.Bench.Protocol;
using SfHsSync.Engine.HubSpot;
using SfHsSync.Engine.Salesforce;

namespace SfHsSync.Bench.SyncRole;

/// <summary>Each pass's CPU time and both clients' calls, and the results of several passes added into one.</summary>
internal sealed class PassMeter(Process process, SalesforceClient salesforce, HubSpotClient hubSpot)
{
    private readonly List<double> _cpu = [];
    private readonly List<long> _salesforceCalls = [];
    private readonly List<long> _hubSpotCalls = [];
    private TimeSpan _cpuAtStart;
    private long _salesforceAtStart;
    private long _hubSpotAtStart;

    public void Start()
    {
        process.Refresh();
        _cpuAtStart = process.TotalProcessorTime;
        _salesforceAtStart = salesforce.ApiCallCount;
        _hubSpotAtStart = hubSpot.ApiCallCount;
    }

    public void Stop()
    {
        process.Refresh();
        _cpu.Add((process.TotalProcessorTime - _cpuAtStart).TotalSeconds);
        _salesforceCalls.Add(salesforce.ApiCallCount - _salesforceAtStart);
        _hubSpotCalls.Add(hubSpot.ApiCallCount - _hubSpotAtStart);
    }

    /// <summary>The passes' figures with the per-pass lists and the daily allowances the headers stated.</summary>
    public SyncMetrics Into(SyncMetrics metrics) => metrics with
    {
        PassCpuSeconds = [.. _cpu],
        PassSalesforceCalls = [.. _salesforceCalls],
        PassHubSpotCalls = [.. _hubSpotCalls],
        SalesforceDailyAllowance = salesforce.LastApiUsage?.Max,
        HubSpotDailyLimit = hubSpot.DailyLimit,
    };

    /// <summary>Two passes' results as one: counts added; the first that did not succeed gives the state and error.</summary>
    public static SyncMetrics Add(SyncMetrics? sum, SyncMetrics next) => sum is null ? next : sum with
    {
        State = sum.State != "Succeeded" ? sum.State : next.State,
        Error = sum.State != "Succeeded" ? sum.Error : next.Error,
        Read = sum.Read + next.Read,
        WrittenToHubSpot = sum.WrittenToHubSpot + next.WrittenToHubSpot,
        WrittenToSalesforce = sum.WrittenToSalesforce + next.WrittenToSalesforce,
        Conflicts = sum.Conflicts + next.Conflicts,
        Failed = sum.Failed + next.Failed,
    };
}
