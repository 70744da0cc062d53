using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SfHsSync.Sandbox.HubSpot;

/// <summary>
/// A checked search request (PublicObjectSearchRequest) turned into predicates and one sort. Filters in a group
/// are ANDed, groups are ORed. Numbers, dates and datetimes compare as numbers (dates as epoch ms); other types
/// compare case-insensitively. Ties are broken by id, so paging through a sorted result is stable.
/// </summary>
internal sealed class HubSpotSearchQuery
{
    public const int MaxLimit = 200;
    public const int MaxResults = 10_000;
    private const int MaxGroups = 5;
    private const int MaxFiltersPerGroup = 6;
    private const int MaxFilters = 18;

    private static readonly string[] Operators =
        ["EQ", "NEQ", "LT", "LTE", "GT", "GTE", "BETWEEN", "IN", "NOT_IN", "HAS_PROPERTY", "NOT_HAS_PROPERTY", "CONTAINS_TOKEN", "NOT_CONTAINS_TOKEN"];

    private readonly List<List<Func<HubSpotRecord, bool>>> _groups = [];

    private HubSpotSearchQuery()
    {
    }

    public IReadOnlyList<string> Properties { get; private init; } = [];

    public int Limit { get; private init; }

    public int After { get; private init; }

    /// <summary>What identifies the matching set (not the page), so paging reuses one computed result.</summary>
    public string CacheKey { get; private init; } = "";

    private HubSpotProperty? SortProperty { get; init; }

    private bool Descending { get; init; }

    private string? Text { get; init; }

    private IReadOnlyList<string> TextProperties { get; init; } = [];

    public static HubSpotSearchQuery Parse(JsonElement body, HubSpotObjectType type)
    {
        var limit = body.TryGetProperty("limit", out var l) && l.ValueKind != JsonValueKind.Null
            ? l.TryGetInt32(out var li) && li is >= 1 and <= MaxLimit ? li : throw Invalid($"'limit' must be a whole number from 1 to {MaxLimit}; it was {l.GetRawText()}.")
            : 10;
        var after = ParseAfter(body);
        var (sortProperty, descending) = ParseSort(body, type);
        var text = HubSpotJson.String(body, "query");
        var query = new HubSpotSearchQuery
        {
            Properties = HubSpotJson.Strings(body, "properties"),
            Limit = limit,
            After = after,
            SortProperty = sortProperty,
            Descending = descending,
            Text = string.IsNullOrWhiteSpace(text) ? null : text.Trim(),
            TextProperties = type.SearchableProperties.Concat(type.PrimaryDisplayProperty is { } p ? [p] : []).Append("hs_object_id").Distinct().ToArray(),
            CacheKey = string.Join('\u001f', type.ObjectTypeId, Raw(body, "filterGroups"), Raw(body, "sorts"), text ?? ""),
        };
        query.ParseFilterGroups(body, type);
        return query;
    }

    /// <summary>The records that match, sorted, before paging.</summary>
    public List<HubSpotRecord> Run(IEnumerable<HubSpotRecord> candidates)
    {
        var matches = candidates.Where(Matches).ToList();
        if (SortProperty is null)
        {
            return matches;
        }

        var numeric = SortProperty.Type is "number" or "date" or "datetime";
        var name = SortProperty.Name;
        var keyed = matches.Select(r =>
        {
            var has = r.Values.TryGetValue(name, out var v);
            var number = has && numeric && HubSpotValueRules.TryNumeric(SortProperty.Type, v!, out var d) ? d : (decimal?)null;
            return (Record: r, Has: has, Number: number, Text: v);
        }).ToList();

        var sign = Descending ? -1 : 1;
        keyed.Sort((a, b) =>
        {
            // Records without a value go last in either direction.
            if (a.Has != b.Has)
            {
                return a.Has ? -1 : 1;
            }

            var c = !a.Has ? 0
                : numeric ? Nullable.Compare(a.Number, b.Number)
                : string.Compare(a.Text, b.Text, StringComparison.OrdinalIgnoreCase);
            return c != 0 ? sign * c : a.Record.Id.CompareTo(b.Record.Id);
        });
        return keyed.Select(k => k.Record).ToList();
    }

    private bool Matches(HubSpotRecord record)
    {
        // The free-text query looks into the searchable properties, as HubSpot's default search does.
        if (Text is not null && !TextProperties.Any(p => record.Values.TryGetValue(p, out var v) && v.Contains(Text, StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        return _groups.Count == 0 || _groups.Any(g => g.All(f => f(record)));
    }

    private void ParseFilterGroups(JsonElement body, HubSpotObjectType type)
    {
        if (!body.TryGetProperty("filterGroups", out var groups) || groups.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (groups.ValueKind != JsonValueKind.Array)
        {
            throw Invalid("'filterGroups' must be an array.");
        }

        if (groups.GetArrayLength() > MaxGroups)
        {
            throw Invalid($"Too many filterGroups: {groups.GetArrayLength()}; at most {MaxGroups}.");
        }

        var total = 0;
        var g = 0;
        foreach (var group in groups.EnumerateArray())
        {
            if (!group.TryGetProperty("filters", out var filters) || filters.ValueKind != JsonValueKind.Array)
            {
                throw Invalid($"filterGroups[{g}] needs a 'filters' array.");
            }

            if (filters.GetArrayLength() > MaxFiltersPerGroup)
            {
                throw Invalid($"filterGroups[{g}] has {filters.GetArrayLength()} filters; at most {MaxFiltersPerGroup}.");
            }

            var predicates = new List<Func<HubSpotRecord, bool>>();
            var f = 0;
            foreach (var filter in filters.EnumerateArray())
            {
                predicates.Add(Predicate(filter, type, $"filterGroups[{g}].filters[{f}]"));
                f++;
                total++;
            }

            if (total > MaxFilters)
            {
                throw Invalid($"Too many filters: at most {MaxFilters} across all filterGroups.");
            }

            _groups.Add(predicates);
            g++;
        }
    }

    private static Func<HubSpotRecord, bool> Predicate(JsonElement filter, HubSpotObjectType type, string where)
    {
        var name = HubSpotJson.String(filter, "propertyName") ?? throw Invalid($"{where} needs 'propertyName'.");
        var property = type.Property(name) ?? throw Invalid($"{where}: property '{name}' does not exist on {type.FullyQualifiedName}.");
        var op = HubSpotJson.String(filter, "operator") ?? throw Invalid($"{where} needs 'operator'.");
        if (!Operators.Contains(op))
        {
            throw Invalid($"{where}: operator '{op}' is not one of {string.Join(", ", Operators)}.");
        }

        var numeric = property.Type is "number" or "date" or "datetime";
        string Value(string member) => FilterValue(filter, member) ?? throw Invalid($"{where}: operator {op} needs '{member}'.");
        decimal Number(string raw) => HubSpotValueRules.TryNumeric(property.Type, raw, out var d)
            ? d
            : throw Invalid($"{where}: '{raw}' is not a valid {property.Type} for {name}.");
        IReadOnlyList<string> ValueList()
        {
            if (!filter.TryGetProperty("values", out var vs) || vs.ValueKind != JsonValueKind.Array)
            {
                throw Invalid($"{where}: operator {op} needs 'values'.");
            }

            return vs.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText()).ToArray();
        }

        // A multiple-checkbox value matches on any of its options.
        IEnumerable<string> Parts(string v) => property.IsMultiValued ? v.Split(';') : [v];

        Func<string, bool> test;
        switch (op)
        {
            case "HAS_PROPERTY":
                return r => r.Values.ContainsKey(name);
            case "NOT_HAS_PROPERTY":
                return r => !r.Values.ContainsKey(name);
            case "EQ" or "NEQ":
                {
                    var target = Value("value");
                    if (numeric)
                    {
                        var n = Number(target);
                        test = v => HubSpotValueRules.TryNumeric(property.Type, v, out var d) && d == n;
                    }
                    else
                    {
                        test = v => Parts(v).Any(p => string.Equals(p, target, StringComparison.OrdinalIgnoreCase));
                    }

                    break;
                }

            case "LT" or "LTE" or "GT" or "GTE":
                {
                    var target = Value("value");
                    Func<int, bool> accept = op switch
                    {
                        "LT" => c => c < 0,
                        "LTE" => c => c <= 0,
                        "GT" => c => c > 0,
                        _ => c => c >= 0,
                    };
                    if (numeric)
                    {
                        var n = Number(target);
                        test = v => HubSpotValueRules.TryNumeric(property.Type, v, out var d) && accept(d.CompareTo(n));
                    }
                    else
                    {
                        test = v => accept(string.Compare(v, target, StringComparison.OrdinalIgnoreCase));
                    }

                    break;
                }

            case "BETWEEN":
                {
                    var low = Value("value");
                    var high = Value("highValue");
                    if (numeric)
                    {
                        var (lo, hi) = (Number(low), Number(high));
                        test = v => HubSpotValueRules.TryNumeric(property.Type, v, out var d) && d >= lo && d <= hi;
                    }
                    else
                    {
                        test = v => string.Compare(v, low, StringComparison.OrdinalIgnoreCase) >= 0 && string.Compare(v, high, StringComparison.OrdinalIgnoreCase) <= 0;
                    }

                    break;
                }

            case "IN" or "NOT_IN":
                {
                    var values = ValueList();
                    if (numeric)
                    {
                        var numbers = values.Select(Number).ToHashSet();
                        test = v => HubSpotValueRules.TryNumeric(property.Type, v, out var d) && numbers.Contains(d);
                    }
                    else
                    {
                        var set = values.ToHashSet(StringComparer.OrdinalIgnoreCase);
                        test = v => Parts(v).Any(set.Contains);
                    }

                    break;
                }

            default:
                {
                    var token = TokenPattern(Value("value"));
                    test = v => Regex.Split(v, @"[^\p{L}\p{N}@._*-]+").Any(t => t.Length > 0 && token.IsMatch(t)) || token.IsMatch(v);
                    break;
                }
        }

        // Negative operators also match records that have no value.
        return op is "NEQ" or "NOT_IN" or "NOT_CONTAINS_TOKEN"
            ? r => !r.Values.TryGetValue(name, out var v) || !test(v)
            : r => r.Values.TryGetValue(name, out var v) && test(v);
    }

    /// <summary>A CONTAINS_TOKEN value: a whole token, case-insensitive, where '*' stands for any characters.</summary>
    private static Regex TokenPattern(string value) =>
        new("^" + Regex.Escape(value).Replace("\\*", ".*", StringComparison.Ordinal) + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static string? FilterValue(JsonElement filter, string member) =>
        filter.TryGetProperty(member, out var v)
            ? v.ValueKind switch
            {
                JsonValueKind.String => v.GetString(),
                JsonValueKind.Number => v.GetRawText(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => null,
            }
            : null;

    private static (HubSpotProperty?, bool) ParseSort(JsonElement body, HubSpotObjectType type)
    {
        if (!body.TryGetProperty("sorts", out var sorts) || sorts.ValueKind != JsonValueKind.Array || sorts.GetArrayLength() == 0)
        {
            return (null, false);
        }

        if (sorts.GetArrayLength() > 1)
        {
            throw Invalid($"Only one sort is supported; the request has {sorts.GetArrayLength()}.");
        }

        var sort = sorts[0];
        string name;
        var descending = false;
        if (sort.ValueKind == JsonValueKind.String && sort.GetString()!.TrimStart().StartsWith('{'))
        {
            // The contract types sorts as strings, so some clients send the sort object JSON-encoded.
            try
            {
                using var inner = JsonDocument.Parse(sort.GetString()!);
                return ParseSortObject(inner.RootElement, type);
            }
            catch (JsonException)
            {
                throw Invalid($"sorts[0] '{sort.GetString()}' is not a property name or a sort object.");
            }
        }

        if (sort.ValueKind == JsonValueKind.String)
        {
            // The contract's form: "propertyName" ascending, "-propertyName" descending.
            name = sort.GetString()!;
            if (name.StartsWith('-'))
            {
                (name, descending) = (name[1..], true);
            }
        }
        else
        {
            return ParseSortObject(sort, type);
        }

        return (SortableProperty(name, type), descending);
    }

    private static (HubSpotProperty?, bool) ParseSortObject(JsonElement sort, HubSpotObjectType type)
    {
        var direction = HubSpotJson.String(sort, "direction") ?? "ASCENDING";
        var descending = direction switch
        {
            "ASCENDING" => false,
            "DESCENDING" => true,
            _ => throw Invalid($"sorts[0].direction '{direction}' is not ASCENDING or DESCENDING."),
        };
        return (SortableProperty(HubSpotJson.String(sort, "propertyName"), type), descending);
    }

    private static HubSpotProperty SortableProperty(string? name, HubSpotObjectType type) =>
        string.IsNullOrEmpty(name)
            ? throw Invalid("sorts[0] needs 'propertyName'.")
            : type.Property(name) ?? throw Invalid($"sorts[0]: property '{name}' does not exist on {type.FullyQualifiedName}.");

    private static int ParseAfter(JsonElement body)
    {
        if (!body.TryGetProperty("after", out var a) || a.ValueKind == JsonValueKind.Null)
        {
            return 0;
        }

        var text = a.ValueKind == JsonValueKind.String ? a.GetString()! : a.GetRawText();
        if (text.Length == 0)
        {
            return 0;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var after))
        {
            throw Invalid($"'after' must be the paging token from a previous page; '{text}' is not.");
        }

        if (after >= MaxResults)
        {
            throw Invalid(string.Create(CultureInfo.InvariantCulture,
                $"Search cannot page past {MaxResults:N0} results ('after' was {after}). Narrow the filters, e.g. move a window on hs_lastmodifieddate and hs_object_id."));
        }

        return after;
    }

    private static string Raw(JsonElement body, string member) => body.TryGetProperty(member, out var v) ? v.GetRawText() : "";

    private static HubSpotApiException Invalid(string message) => new(HubSpotError.Validation(message));
}
