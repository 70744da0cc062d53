using System.Collections.Concurrent;
using System.Text.Json;
using SfHsSync.Sandbox.Salesforce.Auth;
using SfHsSync.Sandbox.Salesforce.Bulk;
using SfHsSync.Sandbox.Salesforce.Data;
using SfHsSync.Sandbox.Salesforce.Schema;
using SfHsSync.Sandbox.Salesforce.Soql;
using SfHsSync.Sandbox.Salesforce.Traffic;

namespace SfHsSync.Sandbox.Salesforce;

/// <summary>
/// The emulated Salesforce org: its objects and records, tokens, daily allowance, faults and request log.
/// The HTTP endpoints work through it, and tests use it directly:
/// <list type="bullet">
/// <item>data: <see cref="Insert"/>, <see cref="InsertMany"/>, <see cref="Update"/>, <see cref="Delete"/>, <see cref="Find"/>,
/// <see cref="Count"/>, <see cref="Records"/> (writes act as an administrator in Setup: they may touch what the API cannot,
/// such as RecordType, but values are checked as the API checks them, and a refusal throws <see cref="SalesforceWriteException"/>);</item>
/// <item>time: <see cref="Clock"/> (freeze it to give many writes one SystemModstamp, advance it to age records and tokens);</item>
/// <item>calls: <see cref="Requests"/> (method, path, status of every answer; <c>Count</c>, <c>Reset</c>, and an <c>Answered</c> event);</item>
/// <item>limits and faults: <see cref="Options"/> is live (set DailyApiRequests, LockRowFailureShare, ServiceUnavailableShare,
/// FailFromRequest, Latency, AccessTokenLifetime at any time), <see cref="ApiRequestsUsed"/>, <see cref="SetApiRequestsUsed"/>,
/// <see cref="ExpireAllTokens"/>.</item>
/// </list>
/// Thread-safe: Kestrel serves calls concurrently, so every read and write of records goes through one lock.
/// </summary>
public sealed class SalesforceOrg
{
    public const string OrganizationId = "00D5g00000SfHsSEAV";

    private const int MaxOpenCursors = 200;

    private readonly object _gate = new();
    private readonly Dictionary<string, SObjectTable> _tables = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, SObjectTable> _tablesByPrefix = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, QueryCursor> _cursors = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _cursorOrder = new();
    private readonly RecordWriter _writer;
    private long _cursorSequence;

    private SalesforceOrg(SalesforceSandboxOptions options)
    {
        Options = options;
        Clock = new SalesforceClock(options.TimeProvider);
        Tokens = new AccessTokens(Clock, () => Options.AccessTokenLifetime);
        Tokens.Register(DefaultAccessToken);
        Grants = new TokenGrant(options, () => BaseUrl);
        Usage = new ApiUsage(options);
        Faults = new FaultPlan(options);
        Jobs = new BulkJobs(this);
        _writer = new RecordWriter(FindLocked, prefix => _tablesByPrefix.GetValueOrDefault(prefix));
    }

    /// <summary>Limits, faults and credentials; changes take effect on the next call.</summary>
    public SalesforceSandboxOptions Options { get; }

    /// <summary>Where this half listens; set once the server has started. Also the login URL and My Domain of the org.</summary>
    public Uri BaseUrl { get; internal set; } = new("http://127.0.0.1/");

    /// <summary>A token the sandbox accepts from the start (until <see cref="SalesforceSandboxOptions.AccessTokenLifetime"/> passes or tokens are expired).</summary>
    public string DefaultAccessToken { get; } = "sandbox-salesforce-token";

    /// <summary>The user every write is made as (CreatedById, LastModifiedById, default OwnerId).</summary>
    public string UserId => SeedReader.IntegrationUserId;

    /// <summary>Source of CreatedDate, LastModifiedDate and SystemModstamp, and of token ages.</summary>
    public SalesforceClock Clock { get; }

    /// <summary>Every answered call since start or the last reset.</summary>
    public RequestLog Requests { get; } = new();

    /// <summary>Calls counted against the daily allowance so far.</summary>
    public int ApiRequestsUsed => Usage.Used;

    /// <summary>The emulated objects, in seed order.</summary>
    public IReadOnlyList<SObjectSchema> Objects { get; private set; } = Array.Empty<SObjectSchema>();

    internal AccessTokens Tokens { get; }

    internal TokenGrant Grants { get; }

    internal ApiUsage Usage { get; }

    internal FaultPlan Faults { get; }

    /// <summary>Calls answered 503 SERVER_UNAVAILABLE (an injected fault) since start or the last reset.</summary>
    public long UnavailableServed => Faults.UnavailableServed;

    /// <summary>Records or calls refused UNABLE_TO_LOCK_ROW (an injected fault) since start or the last reset.</summary>
    public long LockedRowsServed => Faults.LockedRowsServed;

    internal BulkJobs Jobs { get; }

    internal RecordWriter Writer => _writer;

    internal object Gate => _gate;

    /// <summary>Builds an org from the Salesforce half of a seed (null for an empty org).</summary>
    public static SalesforceOrg Create(JsonElement? seed, SalesforceSandboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var org = new SalesforceOrg(options);
        var seeded = SeedReader.Read(seed);
        if (seeded.All(o => o.Schema.Name != OrganizationObject.Name))
        {
            seeded = [.. seeded, .. SeedReader.Read(OrganizationObject.Seed(OrganizationId))];
        }

        if (seeded.All(o => o.Schema.Name != UserObject.Name && o.Schema.KeyPrefix != "005"))
        {
            seeded = [.. seeded, .. SeedReader.Read(UserObject.Seed())];
        }

        foreach (var obj in seeded)
        {
            var table = new SObjectTable(obj.Schema);
            if (!org._tables.TryAdd(obj.Schema.Name, table) || !org._tablesByPrefix.TryAdd(obj.Schema.KeyPrefix, table))
            {
                throw new InvalidDataException($"Salesforce seed object '{obj.Schema.Name}' repeats a name or key prefix ({obj.Schema.KeyPrefix}).");
            }
        }

        org.Objects = seeded.Select(o => o.Schema).ToArray();
        foreach (var obj in seeded)
        {
            foreach (var record in obj.Records)
            {
                org.LoadSeedRecord(obj.Schema, record);
            }
        }

        return org;
    }

    public SObjectSchema? FindObject(string name) => _tables.TryGetValue(name, out var t) ? t.Schema : null;

    /// <summary>Creates a record as the API would, checked the same way; returns its id.</summary>
    public string Insert(string objectName, IReadOnlyDictionary<string, object?> values)
        => InsertMany(objectName, [values])[0];

    /// <summary>Creates many records in one go (all share one SystemModstamp); all or none are created.</summary>
    public IReadOnlyList<string> InsertMany(string objectName, IEnumerable<IReadOnlyDictionary<string, object?>> records)
    {
        var table = TableOrThrow(objectName);
        lock (_gate)
        {
            var journal = new RecordWriter.Journal();
            var context = new WriteContext(Clock.Now(), UserId, journal, AsAdmin: true);
            var ids = new List<string>();
            var index = 0;
            foreach (var values in records)
            {
                var outcome = _writer.Create(table, Inputs(values), context);
                if (!outcome.Success)
                {
                    journal.Rollback();
                    throw new SalesforceWriteException(objectName, index, outcome.Errors[0]);
                }

                ids.Add(outcome.Id!);
                index++;
            }

            return ids;
        }
    }

    /// <summary>Changes fields of a record as a PATCH would.</summary>
    public void Update(string objectName, string id, IReadOnlyDictionary<string, object?> values)
    {
        var table = TableOrThrow(objectName);
        lock (_gate)
        {
            var outcome = _writer.Update(table, SalesforceId.Normalize(id) ?? id, Inputs(values), new WriteContext(Clock.Now(), UserId, null, AsAdmin: true));
            if (!outcome.Success)
            {
                throw new SalesforceWriteException(objectName, 0, outcome.Errors[0]);
            }
        }
    }

    /// <summary>Moves a record to the recycle bin: queryAll and getDeleted still see it.</summary>
    public void Delete(string objectName, string id)
    {
        var table = TableOrThrow(objectName);
        lock (_gate)
        {
            var outcome = _writer.Delete(table, SalesforceId.Normalize(id) ?? id, new WriteContext(Clock.Now(), UserId, null, AsAdmin: true));
            if (!outcome.Success)
            {
                throw new SalesforceWriteException(objectName, 0, outcome.Errors[0]);
            }
        }
    }

    /// <summary>The record with this id (15 or 18 characters, deleted ones too), or null.</summary>
    public SObjectRecord? Find(string id)
    {
        lock (_gate)
        {
            return FindLocked(id);
        }
    }

    public int Count(string objectName, bool includeDeleted = false)
    {
        var table = TableOrThrow(objectName);
        lock (_gate)
        {
            return table.Count(includeDeleted);
        }
    }

    /// <summary>A snapshot of an object's records in creation order.</summary>
    public IReadOnlyList<SObjectRecord> Records(string objectName, bool includeDeleted = false)
    {
        var table = TableOrThrow(objectName);
        lock (_gate)
        {
            return table.Rows.Where(r => includeDeleted || !r.IsDeleted).ToArray();
        }
    }

    /// <summary>Sets the calls counted against today's allowance (the maximum is <see cref="SalesforceSandboxOptions.DailyApiRequests"/>).</summary>
    public void SetApiRequestsUsed(int used) => Usage.Set(used);

    /// <summary>Every token issued so far, the default one included, answers 401 INVALID_SESSION_ID from now on.</summary>
    public void ExpireAllTokens() => Tokens.ExpireAll();

    /// <summary>Clears the request log and restarts the call count that <see cref="SalesforceSandboxOptions.FailFromRequest"/> and fault draws use.</summary>
    public void ResetRequests()
    {
        Requests.Reset();
        Faults.Reset();
    }

    internal SObjectTable? FindTable(string name) => _tables.GetValueOrDefault(name);

    internal SObjectRecord? FindLocked(string id)
    {
        var normalized = SalesforceId.Normalize(id);
        return normalized is not null && _tablesByPrefix.TryGetValue(normalized[..3], out var table) ? table.Find(normalized) : null;
    }

    /// <summary>Runs a query and snapshots the matching records (immutable, so later pages show the rows as they were).</summary>
    internal QueryCursor OpenQuery(SoqlQuery query, bool includeDeleted, int batchSize)
    {
        var table = _tables[query.From.Name];
        SObjectRecord[] rows;
        lock (_gate)
        {
            // An object without IsDeleted keeps no recycle bin: queryAll finds none of its deleted records.
            var withDeleted = includeDeleted && table.Schema.HasField(SystemFields.IsDeleted);
            IEnumerable<SObjectRecord> matching = table.Rows.Where(r => (withDeleted || !r.IsDeleted) && (query.Where is null || query.Where.Matches(r)));
            rows = matching.ToArray();
        }

        if (query.OrderBy.Count > 0)
        {
            // A stable sort keeps creation order among equal keys, so paging is repeatable.
            rows = rows.Order(new RecordOrder(query.OrderBy)).ToArray();
        }

        IEnumerable<SObjectRecord> window = rows;
        if (query.Offset > 0)
        {
            window = window.Skip(query.Offset);
        }

        if (query.Limit is { } limit)
        {
            window = window.Take(limit);
        }

        var locator = "01g5g" + Interlocked.Increment(ref _cursorSequence).ToString("D10", System.Globalization.CultureInfo.InvariantCulture);
        var cursor = new QueryCursor(locator, query, window.ToArray(), batchSize);
        _cursors[locator] = cursor;
        _cursorOrder.Enqueue(locator);
        while (_cursorOrder.Count > MaxOpenCursors && _cursorOrder.TryDequeue(out var old))
        {
            _cursors.TryRemove(old, out _);
        }

        return cursor;
    }

    internal QueryCursor? FindCursor(string locator) => _cursors.GetValueOrDefault(locator);

    /// <summary>The selected values of a page of rows, parent fields looked up under the lock.</summary>
    internal object?[][] ReadPage(QueryCursor cursor, int offset, int count)
    {
        var columns = cursor.Query.Columns;
        var page = new object?[Math.Max(0, Math.Min(count, cursor.Rows.Count - offset))][];
        lock (_gate)
        {
            for (var i = 0; i < page.Length; i++)
            {
                var row = cursor.Rows[offset + i];
                var values = new object?[columns.Count];
                for (var c = 0; c < columns.Count; c++)
                {
                    values[c] = columns[c].Read(row, FindLocked);
                }

                page[i] = values;
            }
        }

        return page;
    }

    private void LoadSeedRecord(SObjectSchema schema, JsonElement record)
    {
        var table = _tables[schema.Name];
        var inputs = record.EnumerateObject()
            .Where(p => p.Name != "Id")
            .Select(p => new KeyValuePair<string, InputValue>(p.Name, InputValue.FromJson(p.Value)))
            .ToList();
        lock (_gate)
        {
            var outcome = _writer.Create(table, inputs, new WriteContext(Clock.Now(), UserId, null, AsAdmin: true));
            if (!outcome.Success)
            {
                throw new InvalidDataException($"Salesforce seed record of {schema.Name} is refused: {outcome.Errors[0].StatusCode}: {outcome.Errors[0].Message}");
            }

            if (record.TryGetProperty("Id", out var id) && id.GetString() is { } wanted)
            {
                // Seeds name their own ids so that other seed records can point at them.
                var normalized = SalesforceId.Normalize(wanted) ?? throw new InvalidDataException($"Salesforce seed record of {schema.Name} has Id '{wanted}', which is no Salesforce id.");
                if (!normalized.StartsWith(schema.KeyPrefix, StringComparison.Ordinal))
                {
                    throw new InvalidDataException($"Salesforce seed record Id '{wanted}' does not start with {schema.Name}'s key prefix {schema.KeyPrefix}.");
                }

                var created = table.Find(outcome.Id!)!;
                table.Remove(created.Id);
                var values = new Dictionary<string, object?>(created.Values, StringComparer.OrdinalIgnoreCase) { ["Id"] = normalized };
                table.Put(new SObjectRecord(schema, normalized, values, null) { Touched = created.Touched });
            }
        }
    }

    private SObjectTable TableOrThrow(string objectName)
        => _tables.GetValueOrDefault(objectName) ?? throw new ArgumentException($"The sandbox org has no object '{objectName}'. It has: {string.Join(", ", _tables.Keys)}.", nameof(objectName));

    private static IEnumerable<KeyValuePair<string, InputValue>> Inputs(IReadOnlyDictionary<string, object?> values)
        => values.Select(kv => new KeyValuePair<string, InputValue>(kv.Key, InputValue.FromObject(kv.Value)));
}
