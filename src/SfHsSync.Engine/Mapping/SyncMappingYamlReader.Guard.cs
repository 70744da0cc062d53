using System.Globalization;
using SfHsSync.Engine.Errors;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using Tokens = YamlDotNet.Core.Tokens;

namespace SfHsSync.Engine.Mapping;

/// <summary>
/// What a mapping file is refused for before it is loaded at all, hostile or merely not YAML as the specification writes
/// it: aliases that would expand beyond <see cref="MaxAliasExpansion"/> nodes ("billion laughs", checked first, on its
/// own ErrorId), nesting deeper than <see cref="MaxDepth"/>, a value longer than <see cref="MaxScalarLength"/>, a tag
/// other than YAML's core ones (<c>!!python/object</c>), merge keys (<c>&lt;&lt;</c>), and tabs in indentation, which
/// YAML forbids and YamlDotNet accepts. Tabs inside quoted or block values, after content and in flow collections stay legal.
/// </summary>
public sealed partial class SyncMappingYamlReader
{
    public const string AliasLimitErrorId = "SyncMappingYamlAliasLimit";

    /// <summary>The nodes a document may hold once its aliases are expanded: a mapping file has a few hundred.</summary>
    public const long MaxAliasExpansion = 100_000;

    public const int MaxDepth = 32;

    public const int MaxScalarLength = 65_536;

    private const string CoreTagPrefix = "tag:yaml.org,2002:";

    private static readonly HashSet<string> CoreTags = new(StringComparer.Ordinal) { "str", "int", "float", "bool", "null", "map", "seq" };

    private sealed class Frame(AnchorName anchor, bool isMapping)
    {
        public AnchorName Anchor { get; } = anchor;

        public bool IsMapping { get; } = isMapping;

        public long Size { get; set; } = 1;

        public int Children { get; set; }
    }

    /// <summary>Refuses what <see cref="ReadStream"/> must never load; YAML syntax errors surface as YamlException, as from the loader.</summary>
    private void Guard(string yaml)
    {
        try
        {
            GuardEvents(yaml);
        }
        catch (YamlException)
        {
            // A tab in indentation is the likeliest cause of a scanner error, and it is named better than the scanner names it.
            GuardTabs(yaml);
            throw;
        }

        GuardTabs(yaml);
    }

    private void GuardEvents(string yaml)
    {
        var parser = new Parser(new StringReader(yaml));
        var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
        var stack = new Stack<Frame>();
        var total = 0L;
        var aliases = 0;
        var last = Mark.Empty;
        while (Next(parser, yaml, ref last))
        {
            var current = parser.Current!;
            switch (current)
            {
                case DocumentStart:
                    sizes.Clear();
                    stack.Clear();
                    total = 0;
                    aliases = 0;
                    break;
                case AnchorAlias alias:
                    aliases++;
                    var size = sizes.GetValueOrDefault(alias.Value.Value, 1);
                    AddToParent(stack, size);
                    total = Saturated(total + size);
                    if (total > MaxAliasExpansion)
                    {
                        throw Error(AliasLimitErrorId, SyncErrorKind.InvalidData, At(alias.Start),
                            string.Create(CultureInfo.InvariantCulture, $"its first {aliases:N0} aliases would already expand the document to {total:N0} nodes, over the limit of {MaxAliasExpansion:N0}: anchors whose values repeat other anchors grow exponentially (a 'billion laughs' document); write the values out or use fewer aliases"));
                    }

                    break;
                case Scalar scalar:
                    GuardTag(scalar);
                    if (scalar.Value.Length > MaxScalarLength)
                    {
                        throw Error(InvalidErrorId, SyncErrorKind.InvalidData, At(scalar.Start),
                            string.Create(CultureInfo.InvariantCulture, $"a value of {scalar.Value.Length:N0} characters; a mapping file's values are names and settings, at most {MaxScalarLength:N0} characters"));
                    }

                    if (stack.TryPeek(out var owner) && owner.IsMapping && owner.Children % 2 == 0 && scalar.Style == ScalarStyle.Plain && scalar.Value == "<<")
                    {
                        throw Error(InvalidErrorId, SyncErrorKind.InvalidData, At(scalar.Start), "merge keys ('<<') are not part of YAML 1.2 and are not read; write the keys out in each place");
                    }

                    Remember(sizes, scalar.Anchor, 1);
                    AddToParent(stack, 1);
                    total++;
                    break;
                case NodeEvent start when current is MappingStart or SequenceStart:
                    GuardTag(start);
                    if (stack.Count >= MaxDepth)
                    {
                        throw Error(InvalidErrorId, SyncErrorKind.InvalidData, At(start.Start),
                            string.Create(CultureInfo.InvariantCulture, $"the document nests deeper than {MaxDepth} levels; a mapping file needs 5"));
                    }

                    stack.Push(new Frame(start.Anchor, current is MappingStart));
                    total++;
                    break;
                case MappingEnd or SequenceEnd:
                    var done = stack.Pop();
                    Remember(sizes, done.Anchor, done.Size);
                    AddToParent(stack, done.Size);
                    break;
            }
        }
    }

    /// <summary>YamlDotNet's scanner gives up on some unclosed flow collections this way; the last event read is the best mark there is.</summary>
    private bool Next(Parser parser, string yaml, ref Mark last)
    {
        try
        {
            last = parser.Current?.Start ?? last;
            return parser.MoveNext();
        }
        catch (InvalidOperationException ex)
        {
            GuardTabs(yaml);
            throw Error(InvalidErrorId, SyncErrorKind.InvalidData, At(parser.Current?.Start ?? last), "the YAML is malformed after this point; look for an unclosed '{', '[' or quote", ex);
        }
    }

    /// <summary>Counts a finished node (its expanded size) into the collection that holds it.</summary>
    private static void AddToParent(Stack<Frame> stack, long size)
    {
        if (stack.TryPeek(out var parent))
        {
            parent.Size = Saturated(parent.Size + size);
            parent.Children++;
        }
    }

    private static long Saturated(long value) => value < 0 || value > long.MaxValue / 4 ? long.MaxValue / 4 : value;

    private static void Remember(Dictionary<string, long> sizes, AnchorName anchor, long size)
    {
        if (!anchor.IsEmpty)
        {
            sizes[anchor.Value] = size;
        }
    }

    /// <summary>Only YAML's core tags are read; any other (a language's object tag) is refused where it stands.</summary>
    private void GuardTag(NodeEvent node)
    {
        if (node.Tag.IsEmpty || node.Tag.IsNonSpecific)
        {
            return;
        }

        var tag = node.Tag.Value;
        if (tag.StartsWith(CoreTagPrefix, StringComparison.Ordinal) && CoreTags.Contains(tag[CoreTagPrefix.Length..]))
        {
            return;
        }

        var shown = tag.StartsWith(CoreTagPrefix, StringComparison.Ordinal) ? "!!" + tag[CoreTagPrefix.Length..] : tag;
        throw Error(InvalidErrorId, SyncErrorKind.InvalidData, At(node.Start), $"the tag '{shown}' is not read: a mapping file holds plain text, numbers, lists and keys (YAML's core tags only)");
    }

    /// <summary>
    /// YAML indents with spaces only: a line whose leading whitespace holds a tab is refused, unless the line continues a
    /// quoted or block value or sits in a flow collection (YAML allows tabs there). Read as text, so files YamlDotNet's
    /// scanner chokes on still get the line and column of the tab.
    /// </summary>
    private void GuardTabs(string yaml)
    {
        var allowed = TabFriendlySpans(yaml);
        var line = 1;
        for (var lineStart = 0; lineStart < yaml.Length; line++)
        {
            var end = yaml.IndexOf('\n', lineStart);
            end = end < 0 ? yaml.Length : end;
            var indent = 0;
            while (lineStart + indent < end && yaml[lineStart + indent] is ' ' or '\t')
            {
                indent++;
            }

            var tab = yaml.AsSpan(lineStart, indent).IndexOf('\t');
            var content = lineStart + indent < end && yaml[lineStart + indent] is not '#' and not '\r';
            if (tab >= 0 && content && !allowed.Any(span => span.Start < lineStart && lineStart <= span.End))
            {
                throw Error(InvalidErrorId, SyncErrorKind.InvalidData, new MappingSource(_file, line, tab + 1),
                    "a tab indents this line; YAML indents with spaces only (tabs may follow content or sit inside quoted values)");
            }

            lineStart = end + 1;
        }
    }

    /// <summary>Where tabs may start a line: multi-line quoted or block scalars, and flow collections (to the end when unclosed).</summary>
    private static List<(long Start, long End)> TabFriendlySpans(string yaml)
    {
        var spans = new List<(long, long)>();
        var flows = new Stack<long>();
        var scanner = new Scanner(new StringReader(yaml), skipComments: true);
        try
        {
            while (scanner.MoveNext())
            {
                switch (scanner.Current)
                {
                    case Tokens.Scalar scalar when scalar.End.Line > scalar.Start.Line:
                        spans.Add((scalar.Start.Index, scalar.End.Index));
                        break;
                    case Tokens.FlowSequenceStart or Tokens.FlowMappingStart:
                        flows.Push(scanner.Current.Start.Index);
                        break;
                    case Tokens.FlowSequenceEnd or Tokens.FlowMappingEnd when flows.Count > 0:
                        var from = flows.Pop();
                        spans.Add((from, scanner.Current.End.Index));
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is YamlException or InvalidOperationException)
        {
            // What could be scanned is known; the rest is read as block context.
        }

        spans.AddRange(flows.Select(from => (from, (long)yaml.Length)));
        return spans;
    }
}
