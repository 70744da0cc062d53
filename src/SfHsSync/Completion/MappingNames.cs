using SfHsSync.Engine.Errors;
using SfHsSync.Engine.Mapping;
using SfHsSync.Engine.State;

namespace SfHsSync.Commands.Completion;

/// <summary>The mapping names Tab offers: those in the current folder's YAML files, and those recorded in the state.</summary>
internal static class MappingNames
{
    private const int MostFiles = 50;

    public static IEnumerable<CompletionCandidate> Find(string? state)
    {
        var folder = CompletionScope.CurrentFolder();
        var fromFiles = folder is null ? Enumerable.Empty<CompletionCandidate>() : InFolder(folder);
        return fromFiles.Concat(InState(state, folder)).DistinctBy(c => c.Name, StringComparer.OrdinalIgnoreCase);
    }

    private static IEnumerable<CompletionCandidate> InFolder(string folder)
    {
        var files = Directory.EnumerateFiles(folder, "*.yml").Concat(Directory.EnumerateFiles(folder, "*.yaml")).Take(MostFiles);
        foreach (var file in files)
        {
            IReadOnlyList<SyncMapping> mappings;
            try
            {
                mappings = SyncMappingFile.Read(file);
            }
            catch (Exception ex) when (ex is SyncException or IOException or UnauthorizedAccessException)
            {
                continue; // not a mapping file, or not readable: nothing to offer from it
            }

            foreach (var mapping in mappings)
            {
                yield return new CompletionCandidate(mapping.Name, $"{mapping.SalesforceObject} <-> {mapping.HubSpotObject} ({Path.GetFileName(file)})");
            }
        }
    }

    /// <summary>Names recorded in the state the command points at; a SQLite file that does not exist yet is not created by a Tab.</summary>
    private static IEnumerable<CompletionCandidate> InState(string? state, string? folder)
    {
        try
        {
            if (state is not null && folder is not null && !state.Contains("://", StringComparison.Ordinal) && !state.Contains('=', StringComparison.Ordinal))
            {
                state = Path.Combine(folder, state);
            }

            var location = StateLocation.Resolve(state);
            if (location.Provider == StateProvider.Sqlite && !File.Exists(location.Display))
            {
                return Array.Empty<CompletionCandidate>();
            }

            // Not cached: a pass records new mappings, and reading them is one query.
            return CompletionCache.Await(Task.Run<IReadOnlyList<CompletionCandidate>>(async () =>
            {
                await using var store = await StateStore.OpenAsync(location, CancellationToken.None).ConfigureAwait(false);
                var names = await store.GetMappingsAsync(CancellationToken.None).ConfigureAwait(false);
                return names.Select(n => new CompletionCandidate(n, $"recorded in {location.Display}")).ToList();
            }));
        }
        catch (SyncException)
        {
            return Array.Empty<CompletionCandidate>();
        }
    }
}
