using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using SfHsSync.Engine.Metadata;

namespace SfHsSync.Engine.Salesforce;

/// <summary>
/// The CSV side of Bulk API 2.0: query result pages into records, records into an ingest upload, and the job's
/// result files back onto the rows they came from. Result files echo each row's uploaded cells after the sf__
/// columns, in no promised order, so a row is matched on those cells.
/// </summary>
internal static class SalesforceBulkCsv
{
    private const char KeySeparator = '\u001F';

    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture)
    {
        NewLine = "\n",
        DetectColumnCountChanges = false,
        BadDataFound = null,
        MissingFieldFound = null,
    };

    public enum ResultKind
    {
        Successful,
        Failed,
        Unprocessed,
    }

    /// <summary>An ingest upload: its CSV, its columns, and the input positions of each distinct row.</summary>
    public sealed record IngestUpload(string Csv, IReadOnlyList<string> Columns, Dictionary<string, Queue<int>> RowsByKey, IReadOnlyList<string?> Ids);

    public static IEnumerable<SalesforceRecord> ReadQueryPage(string csv, SoqlQuery query)
    {
        using var reader = new StringReader(csv);
        using var parser = new CsvReader(reader, Configuration);
        if (!parser.Read())
        {
            yield break;
        }

        parser.ReadHeader();
        var header = parser.HeaderRecord ?? [];
        var fields = header.Select(name => query.FieldInAnswer(name)).ToArray();
        var idColumn = Array.FindIndex(header, h => string.Equals(h, "Id", StringComparison.OrdinalIgnoreCase));
        while (parser.Read())
        {
            var values = new List<KeyValuePair<string, string?>>(header.Length);
            string? id = null;
            for (var i = 0; i < header.Length; i++)
            {
                var cell = parser.GetField(i) ?? string.Empty;
                if (i == idColumn)
                {
                    id = cell.Length == 0 ? null : cell;
                    continue;
                }

                values.Add(new(fields[i]?.Name ?? header[i], SalesforceWireValue.FromCsv(cell, fields[i]?.Type)));
            }

            yield return new SalesforceRecord(query.Object.Name, id, values);
        }
    }

    public static IngestUpload WriteIngest(SalesforceObjectDescription description, SalesforceBulkOperation operation, IReadOnlyList<SalesforceRecord> records)
    {
        var columns = new List<string>();
        if (operation is SalesforceBulkOperation.Update or SalesforceBulkOperation.Delete)
        {
            columns.Add("Id");
        }

        if (operation != SalesforceBulkOperation.Delete)
        {
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var record in records)
            {
                foreach (var name in record.Fields.Keys)
                {
                    var field = description.FindField(name)!;
                    if (seen.Add(field.Name))
                    {
                        columns.Add(field.Name);
                    }
                }
            }
        }

        var rowsByKey = new Dictionary<string, Queue<int>>(StringComparer.Ordinal);
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var writer = new CsvWriter(text, Configuration))
        {
            foreach (var column in columns)
            {
                writer.WriteField(column);
            }

            writer.NextRecord();
            var cells = new string[columns.Count];
            for (var index = 0; index < records.Count; index++)
            {
                var record = records[index];
                for (var c = 0; c < columns.Count; c++)
                {
                    // A field the record does not carry stays empty: Bulk leaves it unchanged; "#N/A" would clear it.
                    cells[c] = columns[c] == "Id"
                        ? record.Id ?? string.Empty
                        : record.Has(columns[c]) ? SalesforceWireValue.ToCsv(record[columns[c]]) : string.Empty;
                    writer.WriteField(cells[c]);
                }

                writer.NextRecord();
                var key = Key(cells);
                if (!rowsByKey.TryGetValue(key, out var positions))
                {
                    rowsByKey[key] = positions = new Queue<int>();
                }

                positions.Enqueue(index);
            }
        }

        return new IngestUpload(text.ToString(), columns, rowsByKey, records.Select(r => r.Id).ToArray());
    }

    public static void MapResults(string csv, ResultKind kind, IngestUpload upload, SalesforceSaveResult?[] results)
    {
        using var reader = new StringReader(csv);
        using var parser = new CsvReader(reader, Configuration);
        if (!parser.Read())
        {
            return;
        }

        parser.ReadHeader();
        var header = parser.HeaderRecord ?? [];
        int Column(string name) => Array.FindIndex(header, h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));
        var idColumn = Column("sf__Id");
        var createdColumn = Column("sf__Created");
        var errorColumn = Column("sf__Error");
        var dataColumns = upload.Columns.Select(Column).ToArray();
        var cells = new string[dataColumns.Length];
        while (parser.Read())
        {
            for (var c = 0; c < dataColumns.Length; c++)
            {
                cells[c] = dataColumns[c] < 0 ? string.Empty : parser.GetField(dataColumns[c]) ?? string.Empty;
            }

            if (!upload.RowsByKey.TryGetValue(Key(cells), out var positions) || positions.Count == 0)
            {
                continue;
            }

            var index = positions.Dequeue();
            var id = idColumn >= 0 ? NullIfEmpty(parser.GetField(idColumn)) : null;
            results[index] = kind switch
            {
                ResultKind.Successful => new SalesforceSaveResult(index, id, true,
                    createdColumn >= 0 && bool.TryParse(parser.GetField(createdColumn), out var created) ? created : null, []),
                ResultKind.Failed => new SalesforceSaveResult(index, id ?? upload.Ids[index], false, null,
                    [ParseError(errorColumn >= 0 ? parser.GetField(errorColumn) ?? string.Empty : string.Empty)]),
                _ => new SalesforceSaveResult(index, upload.Ids[index], false, null,
                    [new SalesforceRecordError("UNPROCESSED", "The Bulk job stopped before processing this record.", [])])
                {
                    Unprocessed = true,
                },
            };
        }
    }

    /// <summary>Reads sf__Error, "STATUS_CODE:message:field1,field2 --", into a record error.</summary>
    public static SalesforceRecordError ParseError(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.EndsWith("--", StringComparison.Ordinal))
        {
            trimmed = trimmed[..^2].TrimEnd();
        }

        var first = trimmed.IndexOf(':', StringComparison.Ordinal);
        if (first < 0)
        {
            return new SalesforceRecordError(trimmed.Length == 0 ? "UNKNOWN_ERROR" : trimmed, string.Empty, []);
        }

        var code = trimmed[..first];
        var rest = trimmed[(first + 1)..];
        var last = rest.LastIndexOf(':');
        if (last < 0)
        {
            return new SalesforceRecordError(code, rest.Trim(), []);
        }

        var fields = rest[(last + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new SalesforceRecordError(code, rest[..last].Trim(), fields);
    }

    private static string Key(IEnumerable<string> cells) => string.Join(KeySeparator, cells.Select(c => c == "#N/A" ? string.Empty : c));

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
