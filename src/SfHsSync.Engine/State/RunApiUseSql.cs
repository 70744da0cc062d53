namespace SfHsSync.Engine.State;

/// <summary>
/// How a run's allowances are read: from its run_api_use row, the one place a run records them (migration 9);
/// runs.sf_allowance and runs.hs_daily_limit (migration 6) only for a run that has no such row.
/// </summary>
internal static class RunApiUseSql
{
    /// <summary>Two columns of a query over runs: the Salesforce daily allowance and HubSpot's daily limit.</summary>
    public const string Allowances = """
        COALESCE((SELECT u.sf_daily_max FROM run_api_use u WHERE u.run_id = runs.id), sf_allowance),
        COALESCE((SELECT u.hs_daily_limit FROM run_api_use u WHERE u.run_id = runs.id), hs_daily_limit)
        """;
}
