using SfHsSync.Engine.Errors;
using SfHsSync.Engine.Mapping;

namespace SfHsSync.Engine.Validation;

/// <summary>
/// Checks a set of mappings against both live schemas: reads the metadata once for the whole set
/// (<see cref="SchemaSnapshot"/>), then runs every rule on every mapping. Test-SyncMapping shows the result;
/// Start-Sync and Import-SalesforceObject call <see cref="EnsureValidAsync"/> and refuse a set with errors.
/// </summary>
public sealed class MappingValidator
{
    public const string InvalidErrorId = "SyncMappingInvalid";

    public MappingValidator(IEnumerable<MappingRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        Rules = rules.ToArray();
        var duplicate = Rules.GroupBy(r => r.Id, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Two rules share the id {duplicate.Key}.", nameof(rules));
        }
    }

    /// <summary>A validator with every rule of <see cref="MappingRules.All"/>.</summary>
    public static MappingValidator Default { get; } = new(MappingRules.All);

    public IReadOnlyList<MappingRule> Rules { get; }

    /// <summary>
    /// The diagnostics of every mapping in <paramref name="mappings"/>, tested together (limits and Via count the set),
    /// in mapping order and, within a mapping, in file order.
    /// </summary>
    public async Task<IReadOnlyList<SyncDiagnostic>> ValidateAsync(IReadOnlyList<SyncMapping> mappings, ISchemaSource source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mappings);
        ArgumentNullException.ThrowIfNull(source);
        if (mappings.Count == 0)
        {
            return [];
        }

        var snapshot = await SchemaSnapshot.LoadAsync(mappings, source, cancellationToken).ConfigureAwait(false);
        return Validate(mappings, snapshot);
    }

    /// <summary>The diagnostics of <paramref name="mappings"/> against metadata already read.</summary>
    public IReadOnlyList<SyncDiagnostic> Validate(IReadOnlyList<SyncMapping> mappings, SchemaSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(mappings);
        ArgumentNullException.ThrowIfNull(snapshot);
        if (mappings.Any(m => m is null))
        {
            throw new ArgumentException("The set of mappings holds an empty (null) entry.", nameof(mappings));
        }

        var diagnostics = new List<SyncDiagnostic>();
        for (var i = 0; i < mappings.Count; i++)
        {
            var check = new MappingCheck(mappings[i], i, mappings, snapshot);
            // OrderBy is stable: findings on one line keep the rules' order.
            diagnostics.AddRange(Rules.SelectMany(rule => rule.Check(check)).OrderBy(d => d.Source?.Line ?? 0));
        }

        return diagnostics;
    }

    /// <summary>
    /// Validates and throws <see cref="InvalidErrorId"/> (InvalidData) naming each error when any is found; returns the
    /// warnings and information otherwise, for the caller to show.
    /// </summary>
    public async Task<IReadOnlyList<SyncDiagnostic>> EnsureValidAsync(IReadOnlyList<SyncMapping> mappings, ISchemaSource source, CancellationToken cancellationToken = default)
    {
        var diagnostics = await ValidateAsync(mappings, source, cancellationToken).ConfigureAwait(false);
        var errors = diagnostics.Where(d => d.IsError).ToArray();
        if (errors.Length == 0)
        {
            return diagnostics;
        }

        var names = errors.Select(e => e.Mapping).Distinct(StringComparer.Ordinal).ToArray();
        var lines = string.Join(Environment.NewLine, errors.Take(20).Select(e => "  " + e));
        var more = errors.Length > 20 ? $"{Environment.NewLine}  ... and {errors.Length - 20} more" : string.Empty;
        throw new SyncException(
            InvalidErrorId,
            SyncErrorKind.InvalidData,
            $"{(names.Length == 1 ? $"The mapping '{names[0]}' has" : $"The mappings {string.Join(", ", names.Select(n => $"'{n}'"))} have")} {errors.Length} error{(errors.Length == 1 ? string.Empty : "s")}:{Environment.NewLine}{lines}{more}",
            errors)
        {
            RecommendedAction = "Fix the errors (Test-SyncMapping lists them with suggestions) and run again.",
        };
    }
}
