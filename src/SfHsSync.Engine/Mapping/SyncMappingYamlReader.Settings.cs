using System.Globalization;
using SfHsSync.Engine.Errors;
using YamlDotNet.RepresentationModel;
using static SfHsSync.Engine.Mapping.SyncMappingYamlFormat;

namespace SfHsSync.Engine.Mapping;

/// <summary>Run settings a mapping file carries for every mapping in it, for pipelines that run it without parameters.</summary>
public sealed record SyncFileSettings
{
    public static readonly SyncFileSettings None = new();

    /// <summary>The share of the Salesforce org's daily API allowance, in percent (1 to 100), runs of the file may bring usage up to.</summary>
    public int? SalesforceApiBudget { get; init; }
}

public sealed partial class SyncMappingYamlReader
{
    /// <summary>
    /// The file's <c>settings</c> (<c>salesforceApiBudget: 25</c>); <see cref="SyncFileSettings.None"/> when it has none.
    /// Call after <see cref="Read"/> accepted the text: a bad setting is refused naming its line.
    /// </summary>
    public static SyncFileSettings ReadSettings(string yaml, string file)
    {
        var reader = new SyncMappingYamlReader(file);
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root
            || !root.Children.TryGetValue(new YamlScalarNode(SettingsKey), out var node) || IsNull(node))
        {
            return SyncFileSettings.None;
        }

        if (node is not YamlMappingNode settings)
        {
            throw reader.Error(ValueInvalidErrorId, SyncErrorKind.InvalidData, reader.At(node), $"'{SettingsKey}' must hold keys such as '{SalesforceApiBudgetKey}: 25', not {Describe(node)}");
        }

        var keys = reader.Keys(settings, [SalesforceApiBudgetKey], $"'{SettingsKey}'");
        if (!keys.TryGetValue(SalesforceApiBudgetKey, out var budget))
        {
            return SyncFileSettings.None;
        }

        var text = (budget.Value as YamlScalarNode)?.Value;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var percent) && percent is >= 1 and <= 100
            ? new SyncFileSettings { SalesforceApiBudget = percent }
            : throw reader.Error(ValueInvalidErrorId, SyncErrorKind.InvalidData, reader.At(budget.Value),
                $"'{SalesforceApiBudgetKey}' must be a whole percent from 1 to 100 (the share of the org's daily API allowance), not {Describe(budget.Value)}");
    }
}
