namespace SfHsSync.Commands.Completion;

/// <summary>Completes Start-SyncSandbox -Seed: the built-in seeds, then the seed files (*.seed.json) of the current folder.</summary>
public sealed class SandboxSeedCompleter : NameCompleter
{
    private static readonly (string Name, string ToolTip)[] BuiltIn =
    [
        ("Demo", "An invoicing business: Account, Invoice__c and more; the invoices custom object in HubSpot."),
        ("Standard", "Every standard object HubSpot's custom object sync supports, described as a real org does, with sample records."),
        ("Empty", "No objects and no records."),
    ];

    /// <summary>True for the names Start-SyncSandbox takes as built-in seeds rather than file paths.</summary>
    public static bool IsBuiltIn(string seed) => BuiltIn.Any(b => string.Equals(b.Name, seed, StringComparison.OrdinalIgnoreCase));

    private protected override IEnumerable<CompletionCandidate> Candidates(CompletionScope scope)
    {
        foreach (var (name, toolTip) in BuiltIn)
        {
            yield return new CompletionCandidate(name, toolTip);
        }

        if (CompletionScope.CurrentFolder() is not { } folder)
        {
            yield break;
        }

        foreach (var file in Directory.EnumerateFiles(folder, "*.seed.json").Take(100).Order(StringComparer.OrdinalIgnoreCase))
        {
            yield return new CompletionCandidate("./" + Path.GetFileName(file), "A seed file (docs/sandbox-seeds.md).");
        }
    }
}
