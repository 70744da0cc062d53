using System.Globalization;

namespace SfHsSync.Engine.State;

/// <summary>The run_api_use table: one row per finished run with the yardsticks its API calls are read against.</summary>
public abstract partial class SqlStateStore
{
    public async Task RecordApiUseAsync(RunApiUse use, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(use);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null, """
            INSERT INTO run_api_use (run_id, mapping, sf_min_calls, hs_min_calls, sf_daily_used, sf_daily_max, hs_rate_limit, hs_rate_interval_ms, hs_daily_limit)
            VALUES (@run, @mapping, @sfMin, @hsMin, @used, @max, @rate, @interval, @hsDaily)
            ON CONFLICT (run_id) DO UPDATE SET sf_min_calls = excluded.sf_min_calls, hs_min_calls = excluded.hs_min_calls,
                sf_daily_used = excluded.sf_daily_used, sf_daily_max = excluded.sf_daily_max,
                hs_rate_limit = excluded.hs_rate_limit, hs_rate_interval_ms = excluded.hs_rate_interval_ms, hs_daily_limit = excluded.hs_daily_limit
            """,
            new()
            {
                ["run"] = use.RunId, ["mapping"] = use.Mapping, ["sfMin"] = use.SalesforceMinimumCalls, ["hsMin"] = use.HubSpotMinimumCalls,
                ["used"] = use.SalesforceDailyUsed, ["max"] = use.SalesforceDailyMax, ["rate"] = use.HubSpotRateLimit,
                ["interval"] = use.HubSpotRateInterval is { } interval ? (long)interval.TotalMilliseconds : null, ["hsDaily"] = use.HubSpotDailyLimit,
            }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyDictionary<long, RunApiUse>> GetApiUseAsync(string? mapping, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT run_id, mapping, sf_min_calls, hs_min_calls, sf_daily_used, sf_daily_max, hs_rate_limit, hs_rate_interval_ms, hs_daily_limit FROM run_api_use"
                              + (mapping is null ? string.Empty : " WHERE mapping = @mapping");
        if (mapping is not null)
        {
            AddParameter(command, "@mapping", mapping);
        }

        var found = new Dictionary<long, RunApiUse>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            long? Optional(int i) => reader.IsDBNull(i) ? null : Convert.ToInt64(reader.GetValue(i), CultureInfo.InvariantCulture);
            found[reader.GetInt64(0)] = new RunApiUse
            {
                RunId = reader.GetInt64(0),
                Mapping = reader.GetString(1),
                SalesforceMinimumCalls = reader.GetInt64(2),
                HubSpotMinimumCalls = reader.GetInt64(3),
                SalesforceDailyUsed = Optional(4),
                SalesforceDailyMax = Optional(5),
                HubSpotRateLimit = Optional(6),
                HubSpotRateInterval = Optional(7) is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
                HubSpotDailyLimit = Optional(8),
            };
        }

        return found;
    }
}
