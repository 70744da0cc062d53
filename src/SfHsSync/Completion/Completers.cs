using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace SfHsSync.Commands.Completion;

/// <summary>What every SfHsSync completer shares: the candidates filtered by what was typed (a prefix, or a wildcard pattern).</summary>
public abstract class NameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
        var pattern = WildcardPattern.Get(typed + "*", WildcardOptions.IgnoreCase);
        IEnumerable<CompletionCandidate> candidates;
        try
        {
            candidates = Candidates(new CompletionScope(commandAst, fakeBoundParameters)).ToList();
        }
        catch (Exception ex) when (ex is not (OutOfMemoryException or StackOverflowException))
        {
            // Tab never shows an error: whatever could not be read offers nothing.
            candidates = Array.Empty<CompletionCandidate>();
        }

        return candidates
            .Where(c => pattern.IsMatch(c.Name))
            .DistinctBy(c => c.Name, StringComparer.OrdinalIgnoreCase)
            .OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase)
            .Select(c => new CompletionResult(Quoted(c.Name), c.Name, CompletionResultType.ParameterValue, c.ToolTip));
    }

    private protected abstract IEnumerable<CompletionCandidate> Candidates(CompletionScope scope);

    /// <summary>What <paramref name="read"/> gives for a connection and a name (an object's), or nothing when either is unknown.</summary>
    private protected static IReadOnlyList<CompletionCandidate> Read<TConnection>(
        TConnection? connection, string? name, Func<TConnection, string, IReadOnlyList<CompletionCandidate>> read)
        where TConnection : class
        => connection is not null && name is not null ? read(connection, name) : Array.Empty<CompletionCandidate>();

    private static string Quoted(string name)
        => name.IndexOfAny(new[] { ' ', '\'', '"', '$', '`', ';', '(', ')', '{', '}', ',', '|', '&', '@', '#' }) < 0 ? name : $"'{name.Replace("'", "''")}'";
}

/// <summary>Completes a Salesforce object's API name from the connected org's describe.</summary>
public sealed class SalesforceObjectCompleter : NameCompleter
{
    private protected override IEnumerable<CompletionCandidate> Candidates(CompletionScope scope)
        => Read(scope.Salesforce, string.Empty, (connection, _) => ConnectedSchemas.SalesforceObjects(connection));
}

/// <summary>Completes a field of the mapping's Salesforce object (bound on the command line or piped in) from the org's describe.</summary>
public sealed class SalesforceFieldCompleter : NameCompleter
{
    private protected override IEnumerable<CompletionCandidate> Candidates(CompletionScope scope)
        => Read(scope.Salesforce, scope.MappedObjects().Salesforce, ConnectedSchemas.SalesforceFields);
}

/// <summary>Completes a HubSpot object type (custom objects from the account's schemas, and the standard objects).</summary>
public sealed class HubSpotObjectCompleter : NameCompleter
{
    private protected override IEnumerable<CompletionCandidate> Candidates(CompletionScope scope)
        => Read(scope.HubSpot, string.Empty, (connection, _) => ConnectedSchemas.HubSpotObjects(connection));
}

/// <summary>Completes a property of the mapping's HubSpot object (bound on the command line or piped in) from the account's schema.</summary>
public sealed class HubSpotPropertyCompleter : NameCompleter
{
    private protected override IEnumerable<CompletionCandidate> Candidates(CompletionScope scope)
        => Read(scope.HubSpot, scope.MappedObjects().HubSpot, ConnectedSchemas.HubSpotProperties);
}

/// <summary>Completes a mapping name from the current folder's YAML files and the state the command points at (-State).</summary>
public sealed class MappingNameCompleter : NameCompleter
{
    private protected override IEnumerable<CompletionCandidate> Candidates(CompletionScope scope) => MappingNames.Find(scope.BoundText("State"));
}
