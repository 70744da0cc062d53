using SfHsSync.Engine.Mapping;

namespace SfHsSync.Engine.Validation;

/// <summary>
/// One finding of Test-SyncMapping: which rule (a stable id such as FD002 and its name), how much it matters, which
/// mapping and which part of it (an object, a field pair, an association), what is wrong, and what to do about it.
/// <see cref="Source"/> is the file, line and column to fix when the mapping came from YAML.
/// </summary>
public sealed record SyncDiagnostic
{
    public required string RuleId { get; init; }

    /// <summary>The rule's name, e.g. HubSpotPropertyMissing.</summary>
    public required string Rule { get; init; }

    public required DiagnosticSeverity Severity { get; init; }

    /// <summary>The name of the mapping the finding is about.</summary>
    public required string Mapping { get; init; }

    /// <summary>The part of the mapping: an object name, a field pair ("Amount__c -> amount"), an association.</summary>
    public required string Target { get; init; }

    public required string Message { get; init; }

    /// <summary>A suggested fix, or null.</summary>
    public string? Suggestion { get; init; }

    /// <summary>Where the mapping part was read from, or null for a mapping built in memory.</summary>
    public MappingSource? Source { get; init; }

    public bool IsError => Severity == DiagnosticSeverity.Error;

    /// <summary>"invoices.yaml:12:5: error FD002 HubSpotPropertyMissing [Invoices] ..." (compilers' layout, for logs).</summary>
    public override string ToString()
        => (Source is null ? string.Empty : $"{Source}: ") + $"{Severity.ToString().ToLowerInvariant()} {RuleId} {Rule} [{Mapping}] {Message}";
}
