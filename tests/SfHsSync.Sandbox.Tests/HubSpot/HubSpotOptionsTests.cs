using SfHsSync.Sandbox.HubSpot;

namespace SfHsSync.Sandbox.Tests.HubSpot;

/// <summary>The HubSpot options travel in the sandbox's --options file (what Start-SyncSandbox passes).</summary>
public sealed class HubSpotOptionsTests
{
    [Fact]
    public void An_options_file_sets_the_HubSpot_limits_faults_and_delays()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sfhssync-hubspot-options-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """
            {
              "hubSpot": {
                "faultSeed": 42,
                "tenSecondlyLimit": 100,
                "dailyLimit": null,
                "searchRequestsPerSecond": 0,
                "searchableDelay": "00:00:02",
                "lockedShare": 0.05,
                "badGatewayShare": 0.01,
                "latency": "00:00:00.250"
              }
            }
            """);
        try
        {
            var options = SandboxCommandLine.ReadOptionsFile(path, new SandboxOptions()).HubSpot;
            Assert.Equal(42, options.FaultSeed);
            Assert.Equal(100, options.TenSecondlyLimit);
            Assert.Null(options.DailyLimit);
            Assert.Equal(0, options.SearchRequestsPerSecond);
            Assert.Equal(TimeSpan.FromSeconds(2), options.SearchableDelay);
            Assert.Equal(0.05, options.LockedShare);
            Assert.Equal(0.01, options.BadGatewayShare);
            Assert.Equal(TimeSpan.FromMilliseconds(250), options.Latency);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Defaults_are_HubSpot_Professional_limits_with_no_faults()
    {
        var options = new HubSpotSandboxOptions();
        Assert.Equal(190, options.TenSecondlyLimit);
        Assert.Equal(625_000, options.DailyLimit);
        Assert.Equal(5, options.SearchRequestsPerSecond);
        Assert.Equal(TimeSpan.Zero, options.SearchableDelay);
        Assert.Equal(0, options.LockedShare + options.BadGatewayShare);
    }
}
