namespace SfHsSync.Engine.Mapping;

/// <summary>Whether a mapping syncs, or is kept but not synced until activated.</summary>
public enum MappingStatus
{
    Active,
    SavedForLater,
}
