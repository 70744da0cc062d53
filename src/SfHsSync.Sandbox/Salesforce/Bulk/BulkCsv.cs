using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace SfHsSync.Sandbox.Salesforce.Bulk;

/// <summary>Bulk API 2.0 CSV: comma-separated, LF line endings, every value quoted on the way out, as Salesforce writes it.</summary>
internal static class BulkCsv
{
    public static string Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\n", ShouldQuote = _ => true };
        using (var csv = new CsvWriter(text, config))
        {
            foreach (var h in header)
            {
                csv.WriteField(h);
            }

            csv.NextRecord();
            foreach (var row in rows)
            {
                foreach (var cell in row)
                {
                    csv.WriteField(cell);
                }

                csv.NextRecord();
            }
        }

        return text.ToString();
    }

    /// <summary>Reads an uploaded CSV file: its header and its rows (each as long as the header).</summary>
    public static (string[] Header, List<string[]> Rows) Read(string content, char delimiter)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = delimiter.ToString(),
            HasHeaderRecord = true,
            BadDataFound = null,
            MissingFieldFound = null,
            DetectColumnCountChanges = false,
        };
        using var reader = new StringReader(content);
        using var csv = new CsvReader(reader, config);
        var rows = new List<string[]>();
        if (!csv.Read())
        {
            return (Array.Empty<string>(), rows);
        }

        csv.ReadHeader();
        var header = csv.HeaderRecord ?? Array.Empty<string>();
        while (csv.Read())
        {
            var row = new string[header.Length];
            for (var i = 0; i < header.Length; i++)
            {
                row[i] = csv.TryGetField<string>(i, out var cell) ? cell ?? string.Empty : string.Empty;
            }

            rows.Add(row);
        }

        return (header, rows);
    }
}
