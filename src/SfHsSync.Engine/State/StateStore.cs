using SfHsSync.Engine.Errors;
using SfHsSync.Engine.State.Sqlite;

namespace SfHsSync.Engine.State;

/// <summary>Opens the state store a location names.</summary>
public static class StateStore
{
    public static async Task<IStateStore> OpenAsync(StateLocation location, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(location);
        return location.Provider switch
        {
            StateProvider.Sqlite => await SqliteStateStore.OpenAsync(location, cancellationToken).ConfigureAwait(false),
            _ => throw new SyncException("SyncStateProviderUnavailable", SyncErrorKind.NotSupported,
                $"State in {location.Provider} ({location.Display}) is not available in this version; use a SQLite file path.", location.Display),
        };
    }
}
