using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;
using SfHsSync.Engine.Connections;
using SfHsSync.Engine.Mapping;

namespace SfHsSync.Commands.Completion;

/// <summary>
/// What a completer knows about the command being completed: the connections it would use (its -SalesforceConnection
/// or -HubSpotConnection, else the current ones; never the environment, whose flows would sign in on a Tab) and the
/// mapping it works on, where that is knowable without running anything: bound with -Mapping, or coming down the
/// pipeline from New-SyncMapping, Import-SyncMapping of a named file, or a variable, past the cmdlets that edit it.
/// </summary>
internal sealed class CompletionScope
{
    private static readonly HashSet<string> PassThrough = new(StringComparer.OrdinalIgnoreCase)
    {
        "Add-FieldMapping", "Add-AssociationMapping", "Set-FieldMapping", "Remove-FieldMapping", "Remove-AssociationMapping",
        "Set-SyncMapping", "Enable-SyncMapping", "Disable-SyncMapping", "Test-SyncMapping",
    };

    private readonly CommandAst? _command;
    private readonly IDictionary _bound;

    public CompletionScope(CommandAst? command, IDictionary? fakeBoundParameters)
    {
        _command = command;
        _bound = fakeBoundParameters ?? new Hashtable();
    }

    public SalesforceConnection? Salesforce => Bound<SalesforceConnection>("SalesforceConnection") ?? SessionConnections.Salesforce;

    public HubSpotConnection? HubSpot => Bound<HubSpotConnection>("HubSpotConnection") ?? SessionConnections.HubSpot;

    /// <summary>The Salesforce and HubSpot objects of the mapping the command works on, or nulls when that is not knowable.</summary>
    public (string? Salesforce, string? HubSpot) MappedObjects()
    {
        if (Bound<object>("Mapping") is { } bound)
        {
            return ObjectsOf(bound);
        }

        if (string.Equals(_command?.GetCommandName(), "New-SyncMapping", StringComparison.OrdinalIgnoreCase))
        {
            // The mapping being made: its own -SalesforceObject and -HubSpotObject (for -HubSpotIdField, -SalesforceIdProperty).
            return (BoundText("SalesforceObject"), BoundText("HubSpotObject"));
        }

        return _command?.Parent is PipelineAst pipeline ? FromPipeline(pipeline, pipeline.PipelineElements.IndexOf(_command)) : (null, null);
    }

    /// <summary>The current folder of the session (the FileSystem provider's), or null outside a runspace.</summary>
    public static string? CurrentFolder()
        => InSession("Get-Location", ("PSProvider", "FileSystem")) is PathInfo location ? location.ProviderPath : null;

    public string? BoundText(string name) => Bound<object>(name)?.ToString();

    private T? Bound<T>(string name)
        where T : class
        => _bound.Contains(name) ? Unwrap(_bound[name]) as T : null;

    private static (string?, string?) FromPipeline(PipelineAst pipeline, int index)
    {
        for (var i = index - 1; i >= 0; i--)
        {
            switch (pipeline.PipelineElements[i])
            {
                case CommandExpressionAst { Expression: VariableExpressionAst variable }:
                    return ObjectsOf(VariableValue(variable.VariablePath));
                case CommandAst command when string.Equals(command.GetCommandName(), "New-SyncMapping", StringComparison.OrdinalIgnoreCase):
                    var bound = StaticParameterBinder.BindCommand(command, true).BoundParameters;
                    return (Constant(bound, "SalesforceObject"), Constant(bound, "HubSpotObject"));
                case CommandAst command when string.Equals(command.GetCommandName(), "Import-SyncMapping", StringComparison.OrdinalIgnoreCase):
                    return ObjectsOf(ReadFile(Constant(StaticParameterBinder.BindCommand(command, true).BoundParameters, "Path")));
                case CommandAst command when command.GetCommandName() is { } name && PassThrough.Contains(name):
                    continue;
                default:
                    return (null, null);
            }
        }

        return (null, null);
    }

    private static string? Constant(Dictionary<string, ParameterBindingResult> bound, string name)
        => bound.TryGetValue(name, out var result) && result.Value is StringConstantExpressionAst text ? text.Value : null;

    private static IReadOnlyList<SyncMapping>? ReadFile(string? path)
    {
        var folder = CurrentFolder();
        if (path is null || folder is null || WildcardPattern.ContainsWildcardCharacters(path))
        {
            return null;
        }

        var full = Path.Combine(folder, path);
        try
        {
            return File.Exists(full) ? SyncMappingFile.Read(full) : null;
        }
        catch (Exception ex) when (ex is Engine.Errors.SyncException or IOException)
        {
            return null;
        }
    }

    /// <summary>The objects of a mapping, or of several that all map the same objects.</summary>
    private static (string?, string?) ObjectsOf(object? value)
    {
        var mappings = Unwrap(value) switch
        {
            SyncMapping one => new[] { one },
            IEnumerable many and not string => many.Cast<object?>().Select(Unwrap).OfType<SyncMapping>().ToArray(),
            _ => Array.Empty<SyncMapping>(),
        };
        string? Single(Func<SyncMapping, string> pick)
            => mappings.Select(pick).Distinct(StringComparer.OrdinalIgnoreCase).Count() == 1 ? pick(mappings[0]) : null;
        return (Single(m => m.SalesforceObject), Single(m => m.HubSpotObject));
    }

    /// <summary>A variable's value as the command line would read it ($name, $script:name, $global:name); null for $env: and the like.</summary>
    private static object? VariableValue(VariablePath path)
    {
        var name = ("Name", (object)(path.IsUnqualified ? path.UserPath : path.UserPath[(path.UserPath.IndexOf(':') + 1)..]));
        var value = ("ValueOnly", (object)true);
        if (path.IsScript || path.IsGlobal)
        {
            return InSession("Get-Variable", name, value, ("Scope", path.IsScript ? "Script" : "Global"));
        }

        return path.IsVariable ? InSession("Get-Variable", name, value) : null;
    }

    /// <summary>
    /// Runs one command in the session being completed (a completer runs on its pipeline thread, where the session
    /// state proxy refuses concurrent calls) and returns its output: one value, a list of several, or null.
    /// </summary>
    private static object? InSession(string command, params (string Name, object Value)[] parameters)
    {
        if (Runspace.DefaultRunspace is null)
        {
            return null;
        }

        using var shell = PowerShell.Create(RunspaceMode.CurrentRunspace);
        shell.AddCommand(command).AddParameter("ErrorAction", ActionPreference.Ignore);
        foreach (var (name, value) in parameters)
        {
            shell.AddParameter(name, value);
        }

        var output = shell.Invoke();
        return output.Count switch
        {
            0 => null,
            1 => Unwrap(output[0]),
            _ => output.Select(o => Unwrap(o)).ToList(),
        };
    }

    private static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;
}
