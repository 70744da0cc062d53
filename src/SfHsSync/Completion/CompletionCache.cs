using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace SfHsSync.Commands.Completion;

/// <summary>
/// What Tab completion read from a connection (the org's objects, an object's fields, the account's schemas), kept per
/// connection for a few minutes so Tab never waits twice for the same list. A read that takes longer than Tab should
/// wait offers nothing this time and keeps running; the next Tab gets its answer. A read that failed is forgotten sooner,
/// and never shows as an error: completion offers nothing instead.
/// </summary>
internal static class CompletionCache
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan FailureLifetime = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);
    private static readonly ConditionalWeakTable<object, ConcurrentDictionary<string, Entry>> ByConnection = new();

    /// <summary>The list under <paramref name="key"/> for <paramref name="connection"/>, read with <paramref name="read"/> when not cached.</summary>
    public static IReadOnlyList<CompletionCandidate> Get(object connection, string key, Func<Task<IReadOnlyList<CompletionCandidate>>> read)
    {
        var entries = ByConnection.GetValue(connection, _ => new ConcurrentDictionary<string, Entry>(StringComparer.OrdinalIgnoreCase));
        var now = DateTimeOffset.UtcNow;
        var entry = entries.AddOrUpdate(key, _ => Entry.Start(read, now), (_, old) => old.IsStale(now) ? Entry.Start(read, now) : old);
        return Await(entry.Read);
    }

    /// <summary>The answer of a read, or nothing when it failed or is still running after as long as Tab should wait.</summary>
    public static IReadOnlyList<CompletionCandidate> Await(Task<IReadOnlyList<CompletionCandidate>> read)
    {
        try
        {
            return read.Wait(Patience) ? read.Result : Array.Empty<CompletionCandidate>();
        }
        catch (AggregateException)
        {
            return Array.Empty<CompletionCandidate>();
        }
    }

    private sealed record Entry(Task<IReadOnlyList<CompletionCandidate>> Read, DateTimeOffset Started)
    {
        public static Entry Start(Func<Task<IReadOnlyList<CompletionCandidate>>> read, DateTimeOffset now) => new(Task.Run(read), now);

        public bool IsStale(DateTimeOffset now)
            => now - Started > (Read.IsFaulted || Read.IsCanceled ? FailureLifetime : Lifetime);
    }
}

/// <summary>One name Tab may offer, with the text shown beside it (a label and a type).</summary>
internal sealed record CompletionCandidate(string Name, string ToolTip);
