using System.Globalization;
using System.Text.RegularExpressions;
using SfHsSync.Engine.Errors;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using static SfHsSync.Engine.Mapping.SyncMappingYamlFormat;

namespace SfHsSync.Engine.Mapping;

/// <summary>
/// Writes mappings as a mapping file (see <see cref="SyncMappingYamlFormat"/>): one mapping at the top level, several
/// under <c>mappings</c>. The output is deterministic (fixed key order, LF line ends, no trailing spaces) so a file kept
/// in git changes only where a mapping changed. Fields are written one per line, in flow style, for short diffs.
/// </summary>
public static partial class SyncMappingYamlWriter
{
    public const string Header = "# SfHsSync sync mappings. Edit freely; check with Test-SyncMapping; read with Import-SyncMapping.";

    /// <summary>The YAML text of <paramref name="mappings"/>; SyncMappingDuplicate when two share a name (no reader could tell them apart).</summary>
    public static string Write(IReadOnlyList<SyncMapping> mappings)
    {
        ArgumentNullException.ThrowIfNull(mappings);
        RefuseDuplicateNames(mappings);

        var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        text.Write(Header);
        text.Write('\n');
        var emitter = new Emitter(text, new EmitterSettings().WithBestIndent(2).WithBestWidth(int.MaxValue).WithNewLine("\n"));
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart());
        emitter.Emit(new MappingStart());
        Key(emitter, FormatVersionKey);
        emitter.Emit(new Scalar(null, null, CurrentVersion.ToString(CultureInfo.InvariantCulture), ScalarStyle.Plain, true, false));
        if (mappings.Count == 1)
        {
            MappingBody(emitter, mappings[0]);
        }
        else
        {
            Key(emitter, MappingsKey);
            emitter.Emit(new SequenceStart(null, null, true, mappings.Count == 0 ? SequenceStyle.Flow : SequenceStyle.Block));
            foreach (var mapping in mappings)
            {
                emitter.Emit(new MappingStart());
                MappingBody(emitter, mapping);
                emitter.Emit(new MappingEnd());
            }

            emitter.Emit(new SequenceEnd());
        }

        emitter.Emit(new MappingEnd());
        emitter.Emit(new DocumentEnd(true));
        emitter.Emit(new StreamEnd());
        return text.ToString();
    }

    private static void MappingBody(IEmitter emitter, SyncMapping mapping)
    {
        Pair(emitter, NameKey, mapping.Name);
        Pair(emitter, StatusKey, mapping.Status.ToString());
        Pair(emitter, SalesforceObjectKey, mapping.SalesforceObject);
        Pair(emitter, HubSpotObjectKey, mapping.HubSpotObject);
        Pair(emitter, ConflictWinnerKey, mapping.ConflictWinner.ToString());
        Pair(emitter, CreateDirectionKey, mapping.CreateDirection.ToString());
        Pair(emitter, DeleteDirectionKey, mapping.DeleteDirection.ToString());
        Pair(emitter, SalesforceIdPropertyKey, mapping.SalesforceIdProperty);
        Pair(emitter, HubSpotIdFieldKey, mapping.HubSpotIdField);

        Key(emitter, FieldsKey);
        emitter.Emit(new SequenceStart(null, null, true, mapping.Fields.Count == 0 ? SequenceStyle.Flow : SequenceStyle.Block));
        foreach (var field in mapping.Fields)
        {
            emitter.Emit(new MappingStart(null, null, true, MappingStyle.Flow));
            Pair(emitter, SalesforceFieldKey, field.SalesforceField);
            Pair(emitter, HubSpotPropertyKey, field.HubSpotProperty);
            Pair(emitter, DirectionKey, field.Direction.ToString());
            emitter.Emit(new MappingEnd());
        }

        emitter.Emit(new SequenceEnd());

        Key(emitter, AssociationsKey);
        emitter.Emit(new SequenceStart(null, null, true, mapping.Associations.Count == 0 ? SequenceStyle.Flow : SequenceStyle.Block));
        foreach (var association in mapping.Associations)
        {
            emitter.Emit(new MappingStart());
            Pair(emitter, SalesforceFieldKey, association.SalesforceField);
            Pair(emitter, HubSpotObjectKey, association.HubSpotObject);
            Pair(emitter, AssociationLabelKey, association.AssociationLabel);
            Pair(emitter, AssociationTypeIdKey, association.AssociationTypeId?.ToString(CultureInfo.InvariantCulture), numeric: true);
            Pair(emitter, ViaKey, association.Via);
            Pair(emitter, TargetIdPropertyKey, association.TargetIdProperty);
            Pair(emitter, DirectionKey, association.Direction.ToString());
            emitter.Emit(new MappingEnd());
        }

        emitter.Emit(new SequenceEnd());
    }

    private static void Key(IEmitter emitter, string key) => emitter.Emit(new Scalar(null, null, key, ScalarStyle.Plain, true, false));

    private static void Pair(IEmitter emitter, string key, string? value, bool numeric = false)
    {
        if (value is null)
        {
            return;
        }

        Key(emitter, key);

        // Text that a YAML reader would take for a number, a boolean, a date or null is quoted, so every tool reads it back as text.
        var style = !numeric && LooksTyped().IsMatch(value) ? ScalarStyle.DoubleQuoted : ScalarStyle.Any;
        emitter.Emit(new Scalar(null, null, value, style, true, true));
    }

    private static void RefuseDuplicateNames(IReadOnlyList<SyncMapping> mappings)
    {
        var seen = new Dictionary<string, SyncMapping>(StringComparer.OrdinalIgnoreCase);
        foreach (var mapping in mappings)
        {
            ArgumentNullException.ThrowIfNull(mapping, nameof(mappings));
            if (!seen.TryAdd(mapping.Name, mapping))
            {
                throw new SyncException(
                    SyncMappingYamlReader.MappingDuplicateErrorId,
                    SyncErrorKind.InvalidData,
                    $"Two mappings are named '{mapping.Name}' ('{seen[mapping.Name]}' and '{mapping}'); one file cannot hold both, as names are how mappings refer to each other.",
                    mapping);
            }
        }
    }

    [GeneratedRegex(@"^(?:[-+.]?[0-9].*|~|null|true|false|yes|no|on|off|y|n|\.inf|\.nan|[-+]\.inf)\z", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LooksTyped();
}
