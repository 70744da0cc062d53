using System.Globalization;
using Microsoft.Data.Sqlite;
using SfHsSync.Engine.State;
using Xunit.Abstractions;

namespace SfHsSync.Engine.Tests.Health;

/// <summary>
/// The cost of a field's story in the state: bytes per linked record of ten fields with and without the current origins,
/// and with one later change per record (one history row each). The numbers go into docs/benchmarks.md.
/// </summary>
public sealed class StateSizeTests(ITestOutputHelper output) : IDisposable
{
    private const int Links = 5000;
    private static readonly string[] Fields = ["Name", "Amount__c", "Tax_Rate__c", "Units__c", "Due_Date__c", "Sent_At__c", "Paid__c", "Status__c", "Channels__c", "Billing_Email__c"];
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sfhssync-size-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task The_story_of_ten_fields_costs_a_bounded_number_of_bytes_per_linked_record()
    {
        var bare = await BytesPerLinkAsync("bare", withOrigins: false, changes: false);
        var told = await BytesPerLinkAsync("told", withOrigins: true, changes: false);
        var changed = await BytesPerLinkAsync("changed", withOrigins: true, changes: true);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bytes per linked record: {bare:0} without origins, {told:0} with, {changed:0} after one more change of one field"));

        // Ten origins of about 30 bytes each, plus the page's overhead; one history row a few dozen bytes more.
        Assert.InRange(told - bare, 200, 500);
        Assert.InRange(changed - told, 20, 300);
    }

    private async Task<double> BytesPerLinkAsync(string name, bool withOrigins, bool changes)
    {
        var path = Path.Combine(_dir, name + ".db");
        await using (var store = await StateStore.OpenAsync(StateLocation.Parse(path), CancellationToken.None))
        {
            var run = await store.StartRunAsync("Invoices", SyncRunKind.Import, null, null, CancellationToken.None);
            foreach (var chunk in Enumerable.Range(0, Links).Chunk(500))
            {
                var links = chunk.Select(i => new RecordLink($"a0X5g{i:D13}", (100_000_000 + i).ToString(CultureInfo.InvariantCulture), Values(i, 0))).ToList();
                await store.CommitAsync(new StateChange
                {
                    Mapping = "Invoices",
                    RunId = run.Id,
                    Links = links,
                    FieldOrigins = withOrigins
                        ? links.ToDictionary(l => l.SalesforceId, l => (IReadOnlyList<FieldOrigin>)Fields.Select(f => new FieldOrigin(f, SyncSide.Salesforce, FieldRule.AlignedOnFirstLink)).ToList())
                        : new Dictionary<string, IReadOnlyList<FieldOrigin>>(),
                }, CancellationToken.None);

                if (changes)
                {
                    var later = links.Select(l => new RecordLink(l.SalesforceId, l.HubSpotId, new Dictionary<string, string?> { ["Amount__c"] = "999.00" })).ToList();
                    await store.CommitAsync(new StateChange
                    {
                        Mapping = "Invoices",
                        RunId = run.Id,
                        Links = later,
                        FieldOrigins = later.ToDictionary(l => l.SalesforceId, _ => (IReadOnlyList<FieldOrigin>)[new FieldOrigin("Amount__c", SyncSide.HubSpot, FieldRule.TravelledByDirection)]),
                    }, CancellationToken.None);
                }
            }
        }

        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE); VACUUM;";
            await command.ExecuteNonQueryAsync();
        }

        SqliteConnection.ClearAllPools();
        return (double)new FileInfo(path).Length / Links;
    }

    private static Dictionary<string, string?> Values(int i, int version) => new()
    {
        ["Name"] = $"INV-{i:D6}", ["Amount__c"] = (100 + i + version).ToString(CultureInfo.InvariantCulture) + ".00", ["Tax_Rate__c"] = "19.00",
        ["Units__c"] = (i % 7).ToString(CultureInfo.InvariantCulture), ["Due_Date__c"] = "2026-06-01", ["Sent_At__c"] = "2026-05-01T10:00:00.000Z",
        ["Paid__c"] = "false", ["Status__c"] = "Sent", ["Channels__c"] = "Email;Portal", ["Billing_Email__c"] = $"billing{i}@example.com",
    };

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }
}
