using System.Globalization;
using SfHsSync.Engine.Mapping;
using SfHsSync.Engine.State;

namespace SfHsSync.Engine.Sync;

/// <summary>
/// The status a pass goes by: the one recorded in the state (Enable-SyncMapping or Disable-SyncMapping -State) when
/// there is one, else the mapping's own. Start-Sync asks at the start of every pass, so a running -Continuous sync
/// picks up a pause or an activation without a restart.
/// </summary>
public sealed record MappingActivation(string Mapping, MappingStatus Status, bool Recorded, DateTimeOffset? ChangedAt)
{
    public bool IsActive => Status == MappingStatus.Active;

    public static async Task<MappingActivation> ResolveAsync(IStateStore state, SyncMapping mapping, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(mapping);
        var settings = await state.GetMappingSettingsAsync(mapping.Name, cancellationToken).ConfigureAwait(false);
        return settings.Status is { } recorded
            ? new MappingActivation(mapping.Name, recorded, true, settings.StatusChangedAt)
            : new MappingActivation(mapping.Name, mapping.Status, false, null);
    }

    /// <summary>Why a mapping does or does not run, for a warning or a verbose line.</summary>
    public override string ToString()
        => (IsActive ? $"Mapping '{Mapping}' is active" : $"Mapping '{Mapping}' is paused (saved for later)")
           + (Recorded
               ? $" by the status recorded in the state{(ChangedAt is { } at ? " at " + at.ToString("u", CultureInfo.InvariantCulture) : string.Empty)}"
               : " by its own status");
}
