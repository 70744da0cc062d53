using Microsoft.Data.Sqlite;

namespace SfHsSync.SyncHost;

/// <summary>
/// Another process holding a SQLite state file locked, as a database browser or a second program would: it takes
/// BEGIN EXCLUSIVE on the file, writes the ready file, and keeps the lock until the release file appears (or, as a
/// deadlock guard only, two minutes pass), then rolls back and exits.
/// Usage: SfHsSync.SyncHost hold-lock &lt;state file&gt; &lt;ready file&gt; &lt;release file&gt;
/// </summary>
internal static class HoldLock
{
    public static async Task<int> RunAsync(string stateFile, string readyFile, string releaseFile)
    {
        await using var connection = new SqliteConnection($"Data Source={stateFile};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "BEGIN EXCLUSIVE";
        await command.ExecuteNonQueryAsync();
        await File.WriteAllTextAsync(readyFile, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var guard = DateTime.UtcNow.AddMinutes(2);
        while (!File.Exists(releaseFile) && DateTime.UtcNow < guard)
        {
            await Task.Delay(20);
        }

        command.CommandText = "ROLLBACK";
        await command.ExecuteNonQueryAsync();
        return File.Exists(releaseFile) ? 0 : 4;
    }
}
