using System.Globalization;
using SfHsSync.Engine.Mapping;
using SfHsSync.Engine.State;
using SfHsSync.Engine.Sync;
using SfHsSync.Sandbox.HubSpot;
using SfHsSync.Sandbox.Salesforce;

namespace SfHsSync.Engine.Tests.Sync.Support;

/// <summary>A promise of the sync that did not hold, with the round, the step and every edit made so far.</summary>
internal sealed class ModelViolation : Exception
{
    public ModelViolation(string message)
        : base(message)
    {
    }

    public ModelViolation(string message, Exception inner)
        : base(message, inner)
    {
    }
}

/// <summary>
/// What a mapping promises, checked against the sandboxes after every pass: it applies a round of user edits to both
/// sides, runs a pass, and asserts that linked records agree on every two-way field, one-way fields equal their source,
/// unsynced fields keep what the user wrote, no record is duplicated or left unlinked without a recorded error, each
/// field edited on one side travelled, each conflict went to the configured winner and was recorded, creates and
/// deletes travelled as the rules say, and that a pass right after, with no new edits, writes nothing.
/// </summary>
internal sealed class SyncModel(SyncWorld world, SyncMapping mapping)
{
    private const char Sf = 'S';
    private const char Hs = 'H';

    private readonly HashSet<(char Side, string Id)> _mayStayUnlinked = new();
    private readonly Dictionary<(char Side, string Id), string?> _unsynced = new();
    private readonly List<string> _log = new();
    private string _step = "start";

    /// <summary>How much each kind of promise was exercised, so a run of the model cannot pass by checking nothing.</summary>
    public ModelCoverage Coverage { get; } = new();

    private string UnsyncedField => mapping.Fields.Single(f => f.Direction == SyncDirection.None).SalesforceField;

    private sealed class RoundEdits
    {
        public Dictionary<string, Dictionary<string, string?>> Salesforce { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, Dictionary<string, string?>> HubSpot { get; } = new(StringComparer.Ordinal);

        public HashSet<string> CreatedInSalesforce { get; } = new(StringComparer.Ordinal);

        public HashSet<string> CreatedInHubSpot { get; } = new(StringComparer.Ordinal);

        public HashSet<string> DeletedInSalesforce { get; } = new(StringComparer.Ordinal);

        public HashSet<string> ArchivedInHubSpot { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>The first pass over the Demo seed, then the quiet pass after it.</summary>
    public async Task StartAsync(int keepInvoices)
    {
        // Few records, so that random edits keep meeting on the same ones: conflicts, edits to failed records, deletes of edited ones.
        foreach (var record in world.Org.Records(SyncWorld.Invoice).Skip(keepInvoices))
        {
            world.Org.Delete(SyncWorld.Invoice, record.Id);
        }

        foreach (var record in world.Org.Records(SyncWorld.Invoice))
        {
            _unsynced[(Sf, record.Id)] = InvoiceValues.Of(record)[UnsyncedField];
        }

        _step = "first pass";
        var before = await ModelSnapshot.ReadAsync(world, mapping.Name);
        var result = await world.PassAsync(mapping);
        _log.Add($"first pass: {Show(result)}");
        var after = await ModelSnapshot.ReadAsync(world, mapping.Name);
        var edits = new RoundEdits();
        edits.CreatedInSalesforce.UnionWith(before.Salesforce.Keys);
        CheckCreatesAndDeletes(before, after, edits);
        CheckStructure(after);
        CheckValues(after);
        await QuietPassAsync();
    }

    public async Task RoundAsync(int number, IReadOnlyList<ModelEdit> round)
    {
        _step = $"round {number}, edits";
        var before = await ModelSnapshot.ReadAsync(world, mapping.Name);
        var edits = Apply(number, round, before);

        _step = $"round {number}, pass";
        var result = await world.PassAsync(mapping);
        _log.Add($"round {number} pass: {Show(result)}");
        Check(result.State != SyncRunState.Failed, $"the pass failed: {result.Error}");
        var after = await ModelSnapshot.ReadAsync(world, mapping.Name);
        CheckCreatesAndDeletes(before, after, edits);
        CheckStructure(after);
        CheckValues(after);
        await CheckEditsTravelledAsync(before, after, edits, result.RunId);
        Coverage.FailedRecords += after.FailedSalesforce.Count + after.FailedHubSpot.Count;

        _step = $"round {number}, quiet pass";
        await QuietPassAsync();
    }

    public string Describe(Exception failure)
        => $"{_step}: {failure.Message}\nwhat happened:\n  {string.Join("\n  ", _log)}";

    private RoundEdits Apply(int number, IReadOnlyList<ModelEdit> round, ModelSnapshot before)
    {
        var edits = new RoundEdits();
        foreach (var edit in round)
        {
            var liveSf = world.Org.Records(SyncWorld.Invoice).Select(r => r.Id).Order(StringComparer.Ordinal).ToList();
            var liveHs = world.Account.Records(SyncWorld.HubSpotType).Select(r => r.Id).OrderBy(id => long.Parse(id, CultureInfo.InvariantCulture)).ToList();
            string done;
            try
            {
                done = edit.Kind switch
                {
                    EditKind.SalesforceCreate => CreateInSalesforce(edit.Record!, edits),
                    EditKind.HubSpotCreate => CreateInHubSpot(edit.Record!, edits),
                    EditKind.SalesforceUpdate when liveSf.Count > 0 => UpdateSalesforce(liveSf[edit.Pick % liveSf.Count], edit.Field!, edit.Value, edits),
                    EditKind.HubSpotUpdate when liveHs.Count > 0 => UpdateHubSpot(liveHs[edit.Pick % liveHs.Count], edit.Field!, edit.Value, edits),
                    EditKind.BothUpdate => UpdateBoth(edit, before, edits),
                    EditKind.SalesforceDelete when liveSf.Count > 0 => DeleteInSalesforce(liveSf[edit.Pick % liveSf.Count], edits),
                    EditKind.HubSpotArchive when liveHs.Count > 0 => ArchiveInHubSpot(liveHs[edit.Pick % liveHs.Count], edits),
                    _ => "nothing to edit",
                };
            }
            catch (Exception e) when (e is SalesforceWriteException or HubSpotApiException)
            {
                // The user's own edit was refused (a validation rule, say): it did not happen.
                done = $"refused: {e.Message}";
            }

            _log.Add($"round {number}: {edit} -> {done}");
        }

        return edits;
    }

    private string CreateInSalesforce(IReadOnlyDictionary<string, string?> values, RoundEdits edits)
    {
        var id = world.Org.Insert(SyncWorld.Invoice, values.ToDictionary(kv => kv.Key, kv => ToSalesforce(kv.Key, kv.Value)));
        edits.CreatedInSalesforce.Add(id);
        _unsynced[(Sf, id)] = InvoiceValues.Read(UnsyncedField, values.GetValueOrDefault(UnsyncedField));
        return $"SF {id}";
    }

    private string CreateInHubSpot(IReadOnlyDictionary<string, string?> values, RoundEdits edits)
    {
        var id = world.Account.CreateRecord(SyncWorld.HubSpotType, values.Where(kv => kv.Value is not null).ToDictionary(kv => PropertyOf(kv.Key), kv => kv.Value!));
        edits.CreatedInHubSpot.Add(id);
        _unsynced[(Hs, id)] = InvoiceValues.Read(UnsyncedField, values.GetValueOrDefault(UnsyncedField));
        return $"HS {id}";
    }

    private string UpdateSalesforce(string id, string field, string? value, RoundEdits edits)
    {
        world.Org.Update(SyncWorld.Invoice, id, new Dictionary<string, object?> { [field] = ToSalesforce(field, value) });
        Remember(edits.Salesforce, id, field, value);
        if (field == UnsyncedField)
        {
            _unsynced[(Sf, id)] = InvoiceValues.Read(field, value);
        }

        return $"SF {id}";
    }

    private string UpdateHubSpot(string id, string field, string? value, RoundEdits edits)
    {
        world.Account.UpdateRecord(SyncWorld.HubSpotType, id, new Dictionary<string, string> { [PropertyOf(field)] = value ?? string.Empty });
        Remember(edits.HubSpot, id, field, value);
        if (field == UnsyncedField)
        {
            _unsynced[(Hs, id)] = InvoiceValues.Read(field, value);
        }

        return $"HS {id}";
    }

    private string UpdateBoth(ModelEdit edit, ModelSnapshot before, RoundEdits edits)
    {
        var pairs = before.LinkOfSalesforce
            .Where(kv => world.Org.Find(kv.Key) is { IsDeleted: false } && world.Account.FindRecord(SyncWorld.HubSpotType, kv.Value) is { Archived: false })
            .OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList();
        if (pairs.Count == 0)
        {
            return "no linked pair";
        }

        var (sfId, hsId) = pairs[edit.Pick % pairs.Count];
        string sfDone;
        try
        {
            sfDone = UpdateSalesforce(sfId, edit.Field!, edit.Value, edits);
        }
        catch (SalesforceWriteException e)
        {
            sfDone = $"SF refused: {e.Message}";
        }

        return sfDone + " and " + UpdateHubSpot(hsId, edit.Field!, edit.HubSpotValue, edits);
    }

    private string DeleteInSalesforce(string id, RoundEdits edits)
    {
        world.Org.Delete(SyncWorld.Invoice, id);
        edits.DeletedInSalesforce.Add(id);
        return $"SF {id}";
    }

    private string ArchiveInHubSpot(string id, RoundEdits edits)
    {
        world.Account.ArchiveRecord(SyncWorld.HubSpotType, id);
        edits.ArchivedInHubSpot.Add(id);
        return $"HS {id}";
    }

    private static void Remember(Dictionary<string, Dictionary<string, string?>> edits, string id, string field, string? value)
    {
        if (!edits.TryGetValue(id, out var fields))
        {
            edits[id] = fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        }

        fields[field] = InvoiceValues.Read(field, value);
    }

    private async Task QuietPassAsync()
    {
        var before = await ModelSnapshot.ReadAsync(world, mapping.Name);
        world.ResetRequestLogs();
        var result = await world.PassAsync(mapping);
        var traffic = world.Traffic();
        _log.Add($"quiet pass: {Show(result)}; {traffic}");
        var after = await ModelSnapshot.ReadAsync(world, mapping.Name);

        Check(result.Conflicts == 0, $"a pass with no new edits settled {result.Conflicts} conflict(s)");
        Check(after.Salesforce.Count == before.Salesforce.Count && after.HubSpot.Count == before.HubSpot.Count,
            $"a pass with no new edits changed the number of records: Salesforce {before.Salesforce.Count} -> {after.Salesforce.Count}, HubSpot {before.HubSpot.Count} -> {after.HubSpot.Count}");
        foreach (var (id, record) in before.Salesforce.Where(r => !before.SalesforceExplained(r.Key)))
        {
            Check(after.Salesforce.TryGetValue(id, out var now) && now.SystemModstamp == record.SystemModstamp, $"a pass with no new edits wrote to {before.NameOf(id)}");
        }

        foreach (var (id, record) in before.HubSpot.Where(r => !before.HubSpotExplained(r.Key)))
        {
            Check(after.HubSpot.TryGetValue(id, out var now) && now.UpdatedAt == record.UpdatedAt, $"a pass with no new edits wrote to {before.NameOf(id)}");
        }

        if (!before.HasErrors)
        {
            Check(traffic.HubSpotBatchWrites == 0 && traffic.SalesforceCollectionWrites == 0, $"a pass with no new edits and no failed records made write calls: {traffic}");
            Check(result.CreatedInHubSpot + result.UpdatedInHubSpot + result.ArchivedInHubSpot + result.CreatedInSalesforce + result.UpdatedInSalesforce + result.DeletedInSalesforce == 0,
                $"a pass with no new edits reports writes: {Show(result)}");
        }

        CheckStructure(after);
        CheckValues(after);
    }

    /// <summary>Every link joins two live records; every live record is linked, or an error or the rules explain why not; link keys name the link.</summary>
    private void CheckStructure(ModelSnapshot s)
    {
        foreach (var (sfId, hsId) in s.LinkOfSalesforce)
        {
            Check(s.Salesforce.ContainsKey(sfId) && s.HubSpot.ContainsKey(hsId), $"link {s.NameOf(sfId)} = {s.NameOf(hsId)} joins a record that is gone");
        }

        foreach (var (id, record) in s.Salesforce)
        {
            var linked = s.LinkOfSalesforce.TryGetValue(id, out var partner);
            Check(linked || s.FailedSalesforce.Contains(id) || _mayStayUnlinked.Contains((Sf, id)),
                $"{s.NameOf(id)} has no HubSpot record, and no recorded error says why");
            if ((string?)record["HubSpot_Id__c"] is { } key && !s.SalesforceExplained(id))
            {
                Check(linked ? key == partner : !s.HubSpot.ContainsKey(key), $"{s.NameOf(id)} names {s.NameOf(key)} in HubSpot_Id__c but is linked to {(linked ? s.NameOf(partner!) : "nothing")}");
            }
        }

        foreach (var (id, record) in s.HubSpot)
        {
            var linked = s.LinkOfHubSpot.TryGetValue(id, out var partner);
            Check(linked || s.FailedHubSpot.Contains(id) || _mayStayUnlinked.Contains((Hs, id)),
                $"{s.NameOf(id)} has no Salesforce record, and no recorded error says why");
            if (record.Properties.GetValueOrDefault("salesforce_id") is { } key && !s.HubSpotExplained(id))
            {
                Check(linked ? key == partner : !s.Salesforce.ContainsKey(key), $"{s.NameOf(id)} names {s.NameOf(key)} in salesforce_id but is linked to {(linked ? s.NameOf(partner!) : "nothing")}");
            }
        }

        foreach (var twice in s.HubSpot.Values.Select(r => r.Properties.GetValueOrDefault("salesforce_id")).OfType<string>().GroupBy(k => k).Where(g => g.Count() > 1))
        {
            Check(false, $"{twice.Count()} HubSpot records carry salesforce_id {twice.Key}: a duplicate");
        }
    }

    /// <summary>A clean linked pair agrees on two-way fields, one-way fields equal their source, and unsynced fields hold what the user wrote.</summary>
    private void CheckValues(ModelSnapshot s)
    {
        foreach (var (sfId, hsId) in s.LinkOfSalesforce.Where(kv => s.Clean(kv.Key)))
        {
            var sf = InvoiceValues.Of(s.Salesforce[sfId]);
            var hs = InvoiceValues.Of(s.HubSpot[hsId]);
            foreach (var field in mapping.Fields)
            {
                var key = field.SalesforceField;
                if (field.Direction == SyncDirection.None)
                {
                    Check(sf[key] == _unsynced.GetValueOrDefault((Sf, sfId)) && hs[key] == _unsynced.GetValueOrDefault((Hs, hsId)),
                        $"unsynced {key} changed: {s.NameOf(sfId)} has {sf[key] ?? "null"} (user wrote {_unsynced.GetValueOrDefault((Sf, sfId)) ?? "null"}), {s.NameOf(hsId)} has {hs[key] ?? "null"} (user wrote {_unsynced.GetValueOrDefault((Hs, hsId)) ?? "null"})");
                }
                else
                {
                    Check(sf[key] == hs[key], $"{field.Direction} field {key} differs with no error recorded: {s.NameOf(sfId)} has {sf[key] ?? "null"}, {s.NameOf(hsId)} has {hs[key] ?? "null"}");
                }
            }
        }
    }

    /// <summary>User creates reached the other side (or an error or the create rule explains why not); deletes travelled as the delete rule says.</summary>
    private void CheckCreatesAndDeletes(ModelSnapshot before, ModelSnapshot after, RoundEdits edits)
    {
        foreach (var id in edits.CreatedInSalesforce.Where(after.Salesforce.ContainsKey))
        {
            var linked = after.LinkOfSalesforce.TryGetValue(id, out var partner);
            if (Reconciler.Travels(mapping.CreateDirection, SyncSide.HubSpot))
            {
                Check(linked || after.FailedSalesforce.Contains(id), $"{after.NameOf(id)} was created in Salesforce and neither reached HubSpot nor failed");
                Coverage.CreatesTravelled += linked ? 1 : 0;
                Check(!linked || !before.HubSpot.ContainsKey(partner!), $"{after.NameOf(id)}, new in Salesforce, was linked to {after.NameOf(partner ?? "-")}, which existed before");
            }
            else
            {
                Check(!linked, $"{after.NameOf(id)} was created in Salesforce and copied to HubSpot against the create rule {mapping.CreateDirection}");
                _mayStayUnlinked.Add((Sf, id));
            }
        }

        foreach (var id in edits.CreatedInHubSpot.Where(after.HubSpot.ContainsKey))
        {
            var linked = after.LinkOfHubSpot.TryGetValue(id, out var partner);
            if (Reconciler.Travels(mapping.CreateDirection, SyncSide.Salesforce))
            {
                Check(linked || after.FailedHubSpot.Contains(id), $"{after.NameOf(id)} was created in HubSpot and neither reached Salesforce nor failed");
                Coverage.CreatesTravelled += linked ? 1 : 0;
                Check(!linked || !before.Salesforce.ContainsKey(partner!), $"{after.NameOf(id)}, new in HubSpot, was linked to {after.NameOf(partner ?? "-")}, which existed before");
            }
            else
            {
                Check(!linked, $"{after.NameOf(id)} was created in HubSpot and copied to Salesforce against the create rule {mapping.CreateDirection}");
                _mayStayUnlinked.Add((Hs, id));
            }
        }

        foreach (var id in edits.DeletedInSalesforce.Where(before.LinkOfSalesforce.ContainsKey))
        {
            var partner = before.LinkOfSalesforce[id];
            Check(!after.LinkOfSalesforce.ContainsKey(id), $"{before.NameOf(id)} was deleted but is still linked");
            Coverage.DeletesOfLinked++;
            if (edits.ArchivedInHubSpot.Contains(partner))
            {
                continue;
            }

            if (Reconciler.Travels(mapping.DeleteDirection, SyncSide.HubSpot))
            {
                Check(!after.HubSpot.ContainsKey(partner), $"{before.NameOf(id)} was deleted in Salesforce but {before.NameOf(partner)} lives on in HubSpot");
            }
            else
            {
                Check(after.HubSpot.ContainsKey(partner), $"{before.NameOf(id)} was deleted in Salesforce and {before.NameOf(partner)} was archived against the delete rule {mapping.DeleteDirection}");
                _mayStayUnlinked.Add((Hs, partner));
            }
        }

        foreach (var id in edits.ArchivedInHubSpot.Where(before.LinkOfHubSpot.ContainsKey))
        {
            var partner = before.LinkOfHubSpot[id];
            Check(!after.LinkOfHubSpot.ContainsKey(id), $"{before.NameOf(id)} was archived but is still linked");
            Coverage.DeletesOfLinked++;
            if (edits.DeletedInSalesforce.Contains(partner))
            {
                continue;
            }

            if (Reconciler.Travels(mapping.DeleteDirection, SyncSide.Salesforce))
            {
                Check(!after.Salesforce.ContainsKey(partner), $"{before.NameOf(id)} was archived in HubSpot but {before.NameOf(partner)} lives on in Salesforce");
            }
            else
            {
                Check(after.Salesforce.ContainsKey(partner), $"{before.NameOf(id)} was archived in HubSpot and {before.NameOf(partner)} was deleted against the delete rule {mapping.DeleteDirection}");
                _mayStayUnlinked.Add((Sf, partner));
            }
        }
    }

    /// <summary>
    /// For every pair clean before and after the pass: a field edited on one side carries that edit on both; edited on
    /// both to different values, it carries the winner's, and the conflict is recorded with that winner; one-way fields
    /// carry their source's value whatever the target did.
    /// </summary>
    private async Task CheckEditsTravelledAsync(ModelSnapshot before, ModelSnapshot after, RoundEdits edits, long runId)
    {
        var expectedConflicts = new HashSet<(string SalesforceId, string Field, SyncSide Winner)>();
        var predicted = new HashSet<string>(StringComparer.Ordinal);
        var winner = mapping.ConflictWinner == ConflictWinner.Salesforce ? SyncSide.Salesforce : SyncSide.HubSpot;
        foreach (var (sfId, hsId) in before.LinkOfSalesforce)
        {
            if (!before.Clean(sfId) || !after.Clean(sfId) || after.LinkOfSalesforce[sfId] != hsId
                || edits.DeletedInSalesforce.Contains(sfId) || edits.ArchivedInHubSpot.Contains(hsId))
            {
                continue;
            }

            predicted.Add(sfId);
            var agreed = InvoiceValues.Of(before.Salesforce[sfId]);
            var sf = InvoiceValues.Of(after.Salesforce[sfId]);
            var hs = InvoiceValues.Of(after.HubSpot[hsId]);
            var sfEdits = edits.Salesforce.GetValueOrDefault(sfId);
            var hsEdits = edits.HubSpot.GetValueOrDefault(hsId);
            foreach (var field in mapping.Fields.Where(f => f.Direction != SyncDirection.None))
            {
                var key = field.SalesforceField;
                var was = agreed[key];
                var sfChanged = sfEdits is not null && sfEdits.TryGetValue(key, out var sfValue) && sfValue != was;
                var hsChanged = hsEdits is not null && hsEdits.TryGetValue(key, out var hsValue) && hsValue != was;
                var sfNew = sfChanged ? sfEdits![key] : was;
                var hsNew = hsChanged ? hsEdits![key] : was;
                string? expected;
                switch (field.Direction)
                {
                    case SyncDirection.SalesforceToHubSpot:
                        expected = sfNew;
                        break;
                    case SyncDirection.HubSpotToSalesforce:
                        expected = hsNew;
                        break;
                    default:
                        expected = (sfChanged, hsChanged) switch
                        {
                            (true, true) when sfNew != hsNew => winner == SyncSide.Salesforce ? sfNew : hsNew,
                            (false, true) => hsNew,
                            _ => sfNew,
                        };
                        if (sfChanged && hsChanged && sfNew != hsNew)
                        {
                            expectedConflicts.Add((sfId, key, winner));
                        }

                        break;
                }

                Coverage.EditsTravelled += sfChanged || hsChanged ? 1 : 0;
                Check(sf[key] == expected && hs[key] == expected,
                    $"{field.Direction} field {key} of {after.NameOf(sfId)} / {after.NameOf(hsId)}: was {was ?? "null"}, edited in Salesforce to {(sfChanged ? sfNew ?? "null" : "-")}, in HubSpot to {(hsChanged ? hsNew ?? "null" : "-")}; " +
                    $"expected {expected ?? "null"} on both, found {sf[key] ?? "null"} / {hs[key] ?? "null"}");
            }
        }

        var recorded = (await world.State.GetConflictsAsync(mapping.Name, 100_000, CancellationToken.None))
            .Where(c => c.RunId == runId && predicted.Contains(c.SalesforceId))
            .Select(c => (c.SalesforceId, c.Field, c.Winner)).ToHashSet();
        Coverage.Conflicts += expectedConflicts.Count;
        Check(recorded.SetEquals(expectedConflicts),
            $"conflicts recorded {Show(recorded)}, expected {Show(expectedConflicts)}");
    }

    private static void Check(bool condition, string problem)
    {
        if (!condition)
        {
            throw new ModelViolation(problem);
        }
    }

    private static string Show(IEnumerable<(string SalesforceId, string Field, SyncSide Winner)> conflicts)
        => "[" + string.Join(", ", conflicts.OrderBy(c => c.SalesforceId, StringComparer.Ordinal).Select(c => $"{c.SalesforceId}.{c.Field} won by {c.Winner}")) + "]";

    private static string Show(SyncRunResult r)
        => $"{r.State}, created {r.CreatedInHubSpot}/{r.CreatedInSalesforce}, updated {r.UpdatedInHubSpot}/{r.UpdatedInSalesforce}, deleted {r.ArchivedInHubSpot}/{r.DeletedInSalesforce}, conflicts {r.Conflicts}, failed {r.Failed}";

    private static string PropertyOf(string field) => InvoiceValues.Fields.First(f => f.Field == field).Property;

    private static object? ToSalesforce(string field, string? value) => value is null ? null : field switch
    {
        "Amount__c" or "Units__c" => decimal.Parse(value, CultureInfo.InvariantCulture),
        "Paid__c" => value == "true",
        _ => value,
    };
}

/// <summary>Counts of what a model run checked.</summary>
internal sealed class ModelCoverage
{
    public int EditsTravelled { get; set; }

    public int Conflicts { get; set; }

    public int CreatesTravelled { get; set; }

    public int DeletesOfLinked { get; set; }

    public int FailedRecords { get; set; }

    public void Add(ModelCoverage other)
    {
        EditsTravelled += other.EditsTravelled;
        Conflicts += other.Conflicts;
        CreatesTravelled += other.CreatesTravelled;
        DeletesOfLinked += other.DeletesOfLinked;
        FailedRecords += other.FailedRecords;
    }

    public override string ToString()
        => $"{EditsTravelled} field edit(s) followed, {Conflicts} conflict(s) settled, {CreatesTravelled} create(s) and {DeletesOfLinked} delete(s) of linked records travelled, {FailedRecords} failed record(s) seen after passes";
}
