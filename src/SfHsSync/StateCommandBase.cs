using System.Management.Automation;
using SfHsSync.Engine.State;

namespace SfHsSync.Commands;

/// <summary>
/// A cmdlet that reads or writes the state store: -State (a SQLite file path, a postgresql:// URI or an Npgsql
/// connection string), else SFHSSYNC_STATE, else the user's default SQLite file.
/// </summary>
public abstract class StateCommandBase : SfHsSyncCmdlet
{
    /// <summary>Where the state lives. A file path means SQLite; a postgresql:// URI or connection string means PostgreSQL.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? State { get; set; }

    /// <summary>
    /// Opens the state store this cmdlet is pointed at; a relative file path (from -State or SFHSSYNC_STATE) is resolved
    /// against PowerShell's current location, not the process's working folder.
    /// </summary>
    protected IStateStore OpenState()
    {
        var location = ResolveStateLocation(State);
        WriteVerbose($"State: {location.Display}");
        return Run(ct => StateStore.OpenAsync(location, ct));
    }

    /// <summary>Opens the state store, hands it to <paramref name="use"/>, and closes it however that ends.</summary>
    protected void WithState(Action<IStateStore> use)
    {
        var store = OpenState();
        try
        {
            use(store);
        }
        finally
        {
            store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }
}
