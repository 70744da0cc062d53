using System.Data.Common;
using System.Runtime.CompilerServices;

namespace SfHsSync.Engine.State;

/// <summary>
/// The one keyset-paging reader of the state's streams (links, association rows, field origins, field history): pages
/// of <see cref="KeysetPage"/> rows on the table's key, each on a connection of its own that is closed before the page's
/// rows are handed out, so memory stays flat however large a mapping is and no reader stays open while a caller commits.
/// </summary>
public abstract partial class SqlStateStore
{
    /// <summary>Rows a keyset page holds.</summary>
    internal const int KeysetPage = 1000;

    /// <summary>
    /// Streams <paramref name="sql"/> (a SELECT filtered on the cursor's parameters and ending in its ORDER BY; the
    /// LIMIT is added here) page by page: <paramref name="args"/> holds the mapping and the cursor's start, and
    /// <paramref name="after"/> gives the cursor's parameters after the last row of a full page.
    /// </summary>
    private async IAsyncEnumerable<T> ReadKeysetAsync<T>(string sql, Dictionary<string, object?> args, Func<T, Dictionary<string, object?>> after,
        Func<DbDataReader, T> read, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (true)
        {
            var page = new List<T>(KeysetPage);
            await using (var connection = await OpenAsync(cancellationToken).ConfigureAwait(false))
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"{sql} LIMIT {KeysetPage}";
                foreach (var (name, value) in args)
                {
                    AddParameter(command, "@" + name, value);
                }

                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    page.Add(read(reader));
                }
            }

            foreach (var row in page)
            {
                yield return row;
            }

            if (page.Count < KeysetPage)
            {
                yield break;
            }

            foreach (var (name, value) in after(page[^1]))
            {
                args[name] = value;
            }
        }
    }
}
