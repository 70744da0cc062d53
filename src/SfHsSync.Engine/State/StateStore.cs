using SfHsSync.Engine.Errors;
using SfHsSync.Engine.State.PostgreSql;
using SfHsSync.Engine.State.Sqlite;

namespace SfHsSync.Engine.State;

/// <summary>Opens the state store a location names, its outages handled by <see cref="ResilientStateStore"/>.</summary>
public static class StateStore
{
    public static async Task<IStateStore> OpenAsync(StateLocation location, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(location);
        return location.Provider switch
        {
            StateProvider.Sqlite => new ResilientStateStore(await SqliteStateStore.OpenAsync(location, cancellationToken).ConfigureAwait(false)),
            StateProvider.PostgreSql => new ResilientStateStore(await PostgreSqlStateStore.OpenAsync(location, cancellationToken).ConfigureAwait(false)),
            _ => throw new SyncException("SyncStateProviderUnknown", SyncErrorKind.NotSupported, $"Unknown state provider {location.Provider}.", location.Display),
        };
    }
}
