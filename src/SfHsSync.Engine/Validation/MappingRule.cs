using SfHsSync.Engine.Mapping;

namespace SfHsSync.Engine.Validation;

/// <summary>
/// One check of a mapping against both live schemas, with a stable id (two letters for the area and a number: SF
/// Salesforce object, HS HubSpot object, MP the set of mappings, FD fields, AS associations, CR creates) and a name
/// read as &lt;Thing&gt;&lt;Problem&gt;. A rule reports nothing when what it checks cannot be seen (an object that
/// does not exist): the rule about that object says so once, instead of every field rule repeating it.
/// </summary>
public abstract class MappingRule
{
    protected MappingRule(string id, string name, DiagnosticSeverity severity, string description)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(description);
        Id = id;
        Name = name;
        Severity = severity;
        Description = description;
    }

    /// <summary>The stable id, e.g. FD002.</summary>
    public string Id { get; }

    /// <summary>The stable name, e.g. HubSpotPropertyMissing.</summary>
    public string Name { get; }

    public DiagnosticSeverity Severity { get; }

    /// <summary>What the rule checks, in one sentence.</summary>
    public string Description { get; }

    public abstract IEnumerable<SyncDiagnostic> Check(MappingCheck check);

    public override string ToString() => $"{Id} {Name} ({Severity})";

    protected SyncDiagnostic Report(MappingCheck check, string target, string message, string? suggestion, MappingSource? source = null)
    {
        ArgumentNullException.ThrowIfNull(check);
        return new SyncDiagnostic
        {
            RuleId = Id,
            Rule = Name,
            Severity = Severity,
            Mapping = check.Mapping.Name,
            Target = target,
            Message = message,
            Suggestion = suggestion,
            Source = source ?? check.Mapping.Source,
        };
    }
}
