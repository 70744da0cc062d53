using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace SfHsSync.Cmdlets.Tests;

/// <summary>What one script run gave: its output, the non-terminating errors it wrote, and the verbose stream.</summary>
public sealed record PowerShellRun(IReadOnlyList<PSObject> Output, IReadOnlyList<ErrorRecord> Errors, IReadOnlyList<string> Verbose)
{
    /// <summary>The output objects unwrapped to their .NET values.</summary>
    public IReadOnlyList<object> Values => Output.Select(o => o.BaseObject).ToList();

    public IReadOnlyList<string> ErrorIds => Errors.Select(e => e.FullyQualifiedErrorId).ToList();
}

/// <summary>
/// A PowerShell runspace, as a user's session would be, that imported the SfHsSync module from the test output folder
/// (the SfHsSync.dll the tests build against) with the module's format files loaded.
/// </summary>
public sealed class PowerShellHost : IDisposable
{
    private static readonly Lazy<InitialSessionState> SessionState = new(CreateSessionState);
    private readonly Runspace _runspace;

    public PowerShellHost()
    {
        _runspace = RunspaceFactory.CreateRunspace(SessionState.Value);
        _runspace.Open();
    }

    public static string ModuleAssembly => Path.Combine(AppContext.BaseDirectory, "SfHsSync.dll");

    /// <summary>Runs <paramref name="script"/> with the given variables set; terminating errors stay inside the script (use try/catch there to see them).</summary>
    public PowerShellRun Run(string script, IReadOnlyDictionary<string, object?>? variables = null)
    {
        foreach (var (name, value) in variables ?? new Dictionary<string, object?>())
        {
            _runspace.SessionStateProxy.SetVariable(name, value);
        }

        using var shell = PowerShell.Create();
        shell.Runspace = _runspace;
        shell.AddScript(script);
        Collection<PSObject> output;
        try
        {
            output = shell.Invoke();
        }
        catch (RuntimeException ex)
        {
            throw new InvalidOperationException($"The script stopped with {ex.ErrorRecord.FullyQualifiedErrorId}: {ex.Message}", ex);
        }

        return new PowerShellRun(output.ToList(), shell.Streams.Error.ToList(), shell.Streams.Verbose.Select(v => v.Message).ToList());
    }

    public void Dispose() => _runspace.Dispose();

    private static InitialSessionState CreateSessionState()
    {
        var state = InitialSessionState.CreateDefault();
        state.ImportPSModule(ModuleAssembly);
        foreach (var format in Directory.GetFiles(AppContext.BaseDirectory, "SfHsSync.*.format.ps1xml"))
        {
            state.Formats.Add(new SessionStateFormatEntry(format));
        }

        state.ThrowOnRunspaceOpenError = true;
        return state;
    }
}
