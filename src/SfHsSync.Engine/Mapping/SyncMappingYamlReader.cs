using System.Globalization;
using System.Text.RegularExpressions;
using SfHsSync.Engine.Errors;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using static SfHsSync.Engine.Mapping.SyncMappingYamlFormat;

namespace SfHsSync.Engine.Mapping;

/// <summary>
/// Reads mapping files (see <see cref="SyncMappingYamlFormat"/>) through YamlDotNet's representation model, which keeps
/// the line and column of every node: every mapping, field and association read carries its <see cref="MappingSource"/>,
/// and every refusal names the file, line and column. A file is read whole or not at all: nothing half-loaded is returned.
/// </summary>
public sealed partial class SyncMappingYamlReader
{
    public const string InvalidErrorId = "SyncMappingYamlInvalid";
    public const string UnknownKeyErrorId = "SyncMappingYamlUnknownKey";
    public const string KeyMissingErrorId = "SyncMappingYamlKeyMissing";
    public const string ValueInvalidErrorId = "SyncMappingYamlValueInvalid";
    public const string FormatUnsupportedErrorId = "SyncMappingFormatUnsupported";
    public const string MappingDuplicateErrorId = "SyncMappingDuplicate";

    private readonly string _file;

    private SyncMappingYamlReader(string file) => _file = file;

    /// <summary>Reads the mappings in <paramref name="yaml"/>; <paramref name="file"/> names the source in Source and in errors.</summary>
    public static IReadOnlyList<SyncMapping> Read(string yaml, string file)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentException.ThrowIfNullOrEmpty(file);
        return new SyncMappingYamlReader(file).ReadStream(yaml);
    }

    private IReadOnlyList<SyncMapping> ReadStream(string yaml)
    {
        var stream = new YamlStream();
        var parser = new Parser(new StringReader(yaml));
        try
        {
            Guard(yaml);
            stream.Load(parser);
        }
        catch (AnchorNotFoundException ex)
        {
            // YamlDotNet resolves aliases at the end of the document and loses their marks; the alias's own text is findable.
            throw Error(InvalidErrorId, SyncErrorKind.InvalidData, AliasMark(yaml, ex) ?? At(ex.Start), $"the YAML is malformed: {WithoutMarks(ex.Message).TrimEnd('.')}", ex);
        }
        catch (YamlException ex)
        {
            var end = ex.End.Line > ex.Start.Line ? $" (the problem reaches line {ex.End.Line}, column {ex.End.Column})" : string.Empty;
            throw Error(InvalidErrorId, SyncErrorKind.InvalidData, At(ex.Start), $"the YAML is malformed: {WithoutMarks(ex.Message).TrimEnd('.')}{end}", ex);
        }
        catch (InvalidOperationException ex)
        {
            // YamlDotNet's scanner gives up this way on some unclosed flow collections; the last event it read is the best mark there is.
            var mark = parser.Current?.Start ?? Mark.Empty;
            throw Error(InvalidErrorId, SyncErrorKind.InvalidData, At(mark), "the YAML is malformed after this point; look for an unclosed '{', '[' or quote", ex);
        }

        if (stream.Documents.Count == 0)
        {
            throw Error(InvalidErrorId, SyncErrorKind.InvalidData, new MappingSource(_file, 1, 1), $"the file holds no YAML document; a mapping file starts with '{FormatVersionKey}: {CurrentVersion}'");
        }

        if (stream.Documents.Count > 1)
        {
            throw Error(InvalidErrorId, SyncErrorKind.InvalidData, At(stream.Documents[1].RootNode), $"the file holds {stream.Documents.Count} YAML documents; a mapping file holds one (put several mappings under '{MappingsKey}')");
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw Error(InvalidErrorId, SyncErrorKind.InvalidData, At(stream.Documents[0].RootNode), $"the file must hold keys ('{FormatVersionKey}', then '{MappingsKey}' or one mapping's keys), not {Describe(stream.Documents[0].RootNode)}");
        }

        // The version comes first: a newer file's new keys should be reported as a newer format, not as unknown keys.
        CheckFormatVersion(root);

        var hasSet = root.Children.Keys.Any(k => k is YamlScalarNode { Value: MappingsKey });
        var keys = Keys(root, hasSet ? [FormatVersionKey, SettingsKey, MappingsKey] : [FormatVersionKey, SettingsKey, .. MappingKeys], "the top level");
        if (!hasSet)
        {
            if (!keys.ContainsKey(NameKey))
            {
                throw Error(KeyMissingErrorId, SyncErrorKind.InvalidData, At(root), $"the file has neither '{MappingsKey}' (a set of mappings) nor '{NameKey}' (one mapping at the top level)");
            }

            return [ReadMapping(root, keys)];
        }

        var (_, setNode) = keys[MappingsKey];
        if (IsNull(setNode))
        {
            return [];
        }

        if (setNode is not YamlSequenceNode list)
        {
            throw Error(ValueInvalidErrorId, SyncErrorKind.InvalidData, At(setNode), $"'{MappingsKey}' must be a list of mappings, not {Describe(setNode)}");
        }

        var mappings = new List<SyncMapping>();
        var byName = new Dictionary<string, SyncMapping>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in list.Children)
        {
            if (item is not YamlMappingNode node)
            {
                throw Error(ValueInvalidErrorId, SyncErrorKind.InvalidData, At(item), $"each item of '{MappingsKey}' must be a mapping's keys, not {Describe(item)}");
            }

            var mapping = ReadMapping(node, Keys(node, MappingKeys, "a mapping"));
            if (!byName.TryAdd(mapping.Name, mapping))
            {
                var first = byName[mapping.Name];
                throw Error(MappingDuplicateErrorId, SyncErrorKind.InvalidData, mapping.Source!, $"the mapping name '{mapping.Name}' is used twice, at {first.Source} and at {mapping.Source}; each mapping needs its own name");
            }

            mappings.Add(mapping);
        }

        return mappings;
    }

    private void CheckFormatVersion(YamlMappingNode root)
    {
        var entry = root.Children.FirstOrDefault(pair => pair.Key is YamlScalarNode { Value: FormatVersionKey });
        if (entry.Key is null)
        {
            throw Error(KeyMissingErrorId, SyncErrorKind.InvalidData, At(root), $"the required key '{FormatVersionKey}' is missing; start the file with '{FormatVersionKey}: {CurrentVersion}'");
        }

        var text = entry.Value is YamlScalarNode scalar ? scalar.Value : null;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version) || version < 1)
        {
            throw Error(ValueInvalidErrorId, SyncErrorKind.InvalidData, At(entry.Value), $"'{FormatVersionKey}' must be a whole number such as {CurrentVersion}, not {Describe(entry.Value)}");
        }

        if (version > CurrentVersion)
        {
            throw Error(FormatUnsupportedErrorId, SyncErrorKind.NotSupported, At(entry.Value), $"the file has format version {version}, written by a newer SfHsSync; this module reads format version {CurrentVersion}. Update the SfHsSync module to read it");
        }
    }

    private SyncMapping ReadMapping(YamlMappingNode node, Dictionary<string, (YamlScalarNode Key, YamlNode Value)> keys)
    {
        var name = Located(keys, node, NameKey, v => SyncMappingName.Check(v));
        var salesforceObject = Located(keys, node, SalesforceObjectKey, v => SalesforceName.Check(v, "Salesforce object"));
        var hubSpotObject = Located(keys, node, HubSpotObjectKey, v => HubSpotName.CheckObject(v, "HubSpot object"));
        var salesforceIdProperty = Optional(keys, SalesforceIdPropertyKey, v => HubSpotName.CheckProperty(v, "property holding the Salesforce Id"));
        var hubSpotIdField = Optional(keys, HubSpotIdFieldKey, v => SalesforceName.Check(v, "external ID field holding the HubSpot id"));
        var status = EnumValue(keys, StatusKey, MappingStatus.Active);
        var conflictWinner = EnumValue(keys, ConflictWinnerKey, ConflictWinner.Salesforce);
        var createDirection = EnumValue(keys, CreateDirectionKey, SyncDirection.SalesforceToHubSpot);
        var deleteDirection = EnumValue(keys, DeleteDirectionKey, SyncDirection.None);

        var fields = Items(keys, FieldsKey).Select(ReadField).ToList();
        var associations = Items(keys, AssociationsKey).Select(ReadAssociation).ToList();

        return Construct(node, () => new SyncMapping(
            name, salesforceObject, hubSpotObject, conflictWinner, createDirection, deleteDirection, salesforceIdProperty, hubSpotIdField, status,
            fields, associations, At(node)));
    }

    private FieldMapping ReadField(YamlMappingNode node)
    {
        var keys = Keys(node, FieldKeys, "a field mapping");
        var salesforceField = Located(keys, node, SalesforceFieldKey, v => SalesforceName.Check(v, "Salesforce field"));
        var hubSpotProperty = Located(keys, node, HubSpotPropertyKey, v => HubSpotName.CheckProperty(v, "HubSpot property"));
        var direction = EnumValue(keys, DirectionKey, SyncDirection.TwoWay);
        return Construct(node, () => new FieldMapping(salesforceField, hubSpotProperty, direction, At(node)));
    }

    private AssociationMapping ReadAssociation(YamlMappingNode node)
    {
        var keys = Keys(node, AssociationKeys, "an association mapping");
        var salesforceField = Located(keys, node, SalesforceFieldKey, v => SalesforceName.Check(v, "association's lookup field"));
        var hubSpotObject = Located(keys, node, HubSpotObjectKey, v => HubSpotName.CheckObject(v, "association's target object"));
        var via = Optional(keys, ViaKey, v => SyncMappingName.Check(v, "Via mapping"));
        var targetIdProperty = Optional(keys, TargetIdPropertyKey, v => HubSpotName.CheckProperty(v, "target id property"));
        var label = Optional(keys, AssociationLabelKey, v => v);
        var typeId = Optional(keys, AssociationTypeIdKey, v => v) is { } text ? TypeId(keys[AssociationTypeIdKey].Value, text) : (int?)null;
        var direction = EnumValue(keys, DirectionKey, SyncDirection.SalesforceToHubSpot);
        return Construct(node, () => new AssociationMapping(salesforceField, hubSpotObject, via, targetIdProperty, label, typeId, direction, At(node)));
    }

    private int TypeId(YamlNode node, string text)
        => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? id
            : throw Error(ValueInvalidErrorId, SyncErrorKind.InvalidData, At(node), $"'{AssociationTypeIdKey}' must be a positive whole number (a HubSpot association type id), not '{text}'");

    /// <summary>The keys of a YAML mapping, refusing keys that are not in <paramref name="allowed"/> and values that are not scalars where scalars belong.</summary>
    private Dictionary<string, (YamlScalarNode Key, YamlNode Value)> Keys(YamlMappingNode node, IReadOnlyCollection<string> allowed, string owner)
    {
        var keys = new Dictionary<string, (YamlScalarNode, YamlNode)>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in node.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key } scalarKey)
            {
                throw Error(InvalidErrorId, SyncErrorKind.InvalidData, At(keyNode), $"a key in {owner} must be plain text, not {Describe(keyNode)}");
            }

            if (!allowed.Contains(key))
            {
                var suggestion = allowed.FirstOrDefault(a => string.Equals(a, key, StringComparison.OrdinalIgnoreCase));
                var hint = suggestion is not null
                    ? $"keys are case-sensitive: did you mean '{suggestion}'?"
                    : key == MappingsKey
                        ? $"'{MappingsKey}' cannot sit beside a single mapping's keys: use one form or the other"
                        : $"{owner} takes {string.Join(", ", allowed.Select(a => $"'{a}'"))}";
                throw Error(UnknownKeyErrorId, SyncErrorKind.InvalidData, At(scalarKey), $"unknown key '{key}' in {owner}; {hint}");
            }

            if (!keys.TryAdd(key, (scalarKey, value)))
            {
                throw Error(InvalidErrorId, SyncErrorKind.InvalidData, At(scalarKey), $"the key '{key}' appears twice in {owner}");
            }
        }

        return keys;
    }

    private string Located(Dictionary<string, (YamlScalarNode Key, YamlNode Value)> keys, YamlMappingNode owner, string key, Func<string, string> check)
    {
        if (!keys.TryGetValue(key, out var entry))
        {
            throw Error(KeyMissingErrorId, SyncErrorKind.InvalidData, At(owner), $"the required key '{key}' is missing");
        }

        var text = Scalar(entry.Value, key) ?? throw Error(ValueInvalidErrorId, SyncErrorKind.InvalidData, At(entry.Value), $"the required key '{key}' has no value");
        return Checked(entry.Value, text, check);
    }

    private string? Optional(Dictionary<string, (YamlScalarNode Key, YamlNode Value)> keys, string key, Func<string, string> check)
        => keys.TryGetValue(key, out var entry) && Scalar(entry.Value, key) is { } text ? Checked(entry.Value, text, check) : null;

    private string Checked(YamlNode node, string text, Func<string, string> check)
    {
        try
        {
            return check(text);
        }
        catch (SyncException ex)
        {
            throw Relocated(ex, At(node));
        }
    }

    private T EnumValue<T>(Dictionary<string, (YamlScalarNode Key, YamlNode Value)> keys, string key, T fallback)
        where T : struct, Enum
    {
        if (!keys.TryGetValue(key, out var entry) || Scalar(entry.Value, key) is not { } text)
        {
            return fallback;
        }

        // Enum.TryParse would take "7" or "1, 2"; only a defined name is a valid value in a file meant for people.
        var name = Enum.GetNames<T>().FirstOrDefault(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase));
        return name is not null
            ? Enum.Parse<T>(name)
            : throw Error(ValueInvalidErrorId, SyncErrorKind.InvalidData, At(entry.Value), $"'{text}' is not a valid value for '{key}'; use one of {string.Join(", ", Enum.GetNames<T>())}");
    }

    private IEnumerable<YamlMappingNode> Items(Dictionary<string, (YamlScalarNode Key, YamlNode Value)> keys, string key)
    {
        if (!keys.TryGetValue(key, out var entry) || IsNull(entry.Value))
        {
            return [];
        }

        if (entry.Value is not YamlSequenceNode list)
        {
            throw Error(ValueInvalidErrorId, SyncErrorKind.InvalidData, At(entry.Value), $"'{key}' must be a list, not {Describe(entry.Value)}");
        }

        return list.Children.Select(item => item as YamlMappingNode
            ?? throw Error(ValueInvalidErrorId, SyncErrorKind.InvalidData, At(item), $"each item of '{key}' must be a set of keys, not {Describe(item)}")).ToList();
    }

    /// <summary>The text of a scalar value, or null for YAML's null (an empty plain value, ~ or null).</summary>
    private string? Scalar(YamlNode node, string key)
    {
        if (node is not YamlScalarNode scalar)
        {
            throw Error(ValueInvalidErrorId, SyncErrorKind.InvalidData, At(node), $"'{key}' must be a single value, not {Describe(node)}");
        }

        return IsNull(scalar) ? null : scalar.Value;
    }

    private static bool IsNull(YamlNode node)
        => node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } scalar
           && (string.IsNullOrEmpty(scalar.Value) || scalar.Value is "~" or "null" or "Null" or "NULL");

    private T Construct<T>(YamlNode node, Func<T> make)
    {
        try
        {
            return make();
        }
        catch (SyncException ex)
        {
            // A duplicate is best pointed at the second of the pair: that is the line most likely added by mistake.
            var source = (ex.Target as FieldMapping)?.Source ?? (ex.Target as AssociationMapping)?.Source ?? At(node);
            throw Relocated(ex, source);
        }
    }

    private static SyncException Relocated(SyncException ex, MappingSource source)
        => new(ex.ErrorId, ex.Kind, $"{Where(source)}: {ex.Message}", source, ex) { RecommendedAction = ex.RecommendedAction };

    private SyncException Error(string errorId, SyncErrorKind kind, MappingSource source, string message, Exception? inner = null)
        => new(errorId, kind, $"{Where(source)}: {message}.", source, inner)
        {
            RecommendedAction = $"Fix {Path.GetFileName(source.File)} at line {source.Line}, column {source.Column}.",
        };

    private static string Where(MappingSource source) => $"{source.File} (line {source.Line}, column {source.Column})";

    private MappingSource At(YamlNode node) => At(node.Start);

    private MappingSource At(Mark mark) => new(_file, (int)Math.Max(1, mark.Line), (int)Math.Max(1, mark.Column));

    private static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode { Value: var v } => $"the value '{v}'",
        YamlSequenceNode => "a list",
        YamlMappingNode => "a set of keys",
        _ => "that node",
    };

    private MappingSource? AliasMark(string yaml, AnchorNotFoundException ex)
    {
        var anchor = AnchorName().Match(ex.Message);
        var index = anchor.Success ? yaml.IndexOf("*" + anchor.Groups[1].Value, StringComparison.Ordinal) : -1;
        if (index < 0)
        {
            return null;
        }

        var lineStart = yaml.LastIndexOf('\n', Math.Max(0, index - 1)) + 1;
        var line = yaml.AsSpan(0, index).Count('\n') + 1;
        return new MappingSource(_file, line, index - lineStart + 1);
    }

    private static string WithoutMarks(string message) => MarksPrefix().Replace(message, string.Empty);

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex MarksPrefix();

    [GeneratedRegex("anchor '([^']+)'")]
    private static partial Regex AnchorName();
}
