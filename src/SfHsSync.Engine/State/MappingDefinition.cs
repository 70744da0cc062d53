using System.Security.Cryptography;
using System.Text;
using SfHsSync.Engine.Mapping;

namespace SfHsSync.Engine.State;

/// <summary>
/// A mapping's definition as its last run ran it, kept in the state (mapping_definitions) so a command that names the
/// mapping alone (Get-SyncError | Start-Sync) can run it: the mapping file's YAML for that one mapping (names, directions
/// and rules only: a mapping holds no credentials), the file it was read from, the YAML's SHA-256, when and by which run.
/// </summary>
public sealed record MappingDefinition(string Mapping, string Yaml, string? SourcePath, string Hash)
{
    /// <summary>The file name given to a definition read back from the state when it was never read from a file.</summary>
    public const string StateSourcePrefix = "state:";

    public DateTimeOffset StoredAt { get; init; }

    /// <summary>The run that stored it (null when it was copied without its run).</summary>
    public long? RunId { get; init; }

    /// <summary>The definition of <paramref name="mapping"/> as a run of <paramref name="runId"/> keeps it.</summary>
    public static MappingDefinition Of(SyncMapping mapping, long? runId)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        var yaml = SyncMappingYamlWriter.Write([mapping]);
        var source = mapping.Source?.File is { Length: > 0 } file && !file.StartsWith(StateSourcePrefix, StringComparison.Ordinal) ? file : null;
        return new MappingDefinition(mapping.Name, yaml, source, HashOf(yaml)) { RunId = runId, StoredAt = DateTimeOffset.UtcNow };
    }

    /// <summary>The SHA-256 of a definition's YAML, lower-case hex.</summary>
    public static string HashOf(string yaml) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(yaml))).ToLowerInvariant();

    /// <summary>True when <paramref name="mapping"/> is the mapping this definition describes (compared on its YAML).</summary>
    public bool Describes(SyncMapping mapping) => string.Equals(HashOf(SyncMappingYamlWriter.Write([mapping])), Hash, StringComparison.Ordinal);

    /// <summary>The mapping read back; it names its source file (or "state:Name") so the next run keeps the same source.</summary>
    public SyncMapping Read() => SyncMappingYamlReader.Read(Yaml, SourcePath ?? StateSourcePrefix + Mapping).Single();

    public override string ToString() => $"{Mapping} (stored {StoredAt:u}{(RunId is { } run ? $" by run {run}" : string.Empty)}{(SourcePath is null ? string.Empty : $", from {SourcePath}")})";
}
