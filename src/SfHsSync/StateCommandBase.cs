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

    /// <summary>Opens the state store this cmdlet is pointed at; a relative file path is resolved against the current location.</summary>
    protected IStateStore OpenState()
    {
        var value = State;
        if (value is not null && !value.Contains("://", StringComparison.Ordinal) && !value.Contains('=', StringComparison.Ordinal))
        {
            value = GetUnresolvedProviderPathFromPSPath(value);
        }

        var location = StateLocation.Resolve(value);
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
