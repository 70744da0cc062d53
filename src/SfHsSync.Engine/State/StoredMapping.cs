using SfHsSync.Engine.Errors;
using SfHsSync.Engine.Mapping;

namespace SfHsSync.Engine.State;

/// <summary>
/// A mapping named alone (Get-SyncError | Start-Sync, Start-Sync -Mapping Invoices) found through the state: the
/// definition its last run stored, unless the file it was read from is still where it was and holds it, in which
/// case the file's (the one the user edits) is run. <see cref="Note"/> says which, and why.
/// </summary>
public sealed record StoredMapping(SyncMapping Mapping, MappingDefinition Definition, string Note)
{
    /// <summary>The run settings of the mapping's file when the file's definition is run (its salesforceApiBudget); null otherwise.</summary>
    public SyncFileSettings? FileSettings { get; init; }

    public const string NotInStateErrorId = "SyncMappingNotInState";

    /// <summary>
    /// The mapping <paramref name="name"/> as the state knows it. SyncMappingNotInState when no run stored it; a mapping
    /// file that is there but cannot be read fails with its own error rather than being passed over for an older definition.
    /// </summary>
    public static async Task<StoredMapping> ResolveAsync(IStateStore store, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var definition = await store.GetMappingDefinitionAsync(name, cancellationToken).ConfigureAwait(false) ?? throw NotInState(store, name);
        if (definition.SourcePath is not { } file || !File.Exists(file))
        {
            var where = definition.SourcePath is null ? "it was not read from a file" : $"its file {definition.SourcePath} is no longer there";
            return new StoredMapping(definition.Read(), definition, $"Mapping '{name}': the definition stored by {By(definition)} is run ({where}).");
        }

        var (mappings, settings) = SyncMappingFile.ReadWithSettings(file);
        var fromFile = mappings.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.Ordinal));
        if (fromFile is null)
        {
            return new StoredMapping(definition.Read(), definition,
                $"Mapping '{name}': its file {file} no longer holds it; the definition stored by {By(definition)} is run.");
        }

        return new StoredMapping(fromFile, definition, definition.Describes(fromFile)
            ? $"Mapping '{name}' is read from {file}, as {By(definition)} ran it."
            : $"Mapping '{name}' changed in {file} since {By(definition)} stored it; the file's definition is run, and stored with this run.")
        {
            FileSettings = settings,
        };
    }

    private static string By(MappingDefinition definition)
        => definition.RunId is { } run ? $"run {run} ({definition.StoredAt:u})" : $"a copy ({definition.StoredAt:u})";

    private static SyncException NotInState(IStateStore store, string name)
        => new(NotInStateErrorId, SyncErrorKind.ObjectNotFound,
            $"The state at {store.Location} keeps no definition of mapping '{name}': no Start-Sync or Import-SalesforceObject run of this module stored it there.", name)
        {
            RecommendedAction = $"Name the mapping's file (Start-Sync -Path <file>) or pipe the mapping (Import-SyncMapping <file> | Start-Sync); the run stores its definition for next time. Check -State points at the state that syncs '{name}'.",
        };
}
