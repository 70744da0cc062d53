using CsCheck;

namespace SfHsSync.Engine.Tests.Sync.Support;

/// <summary>What a user does to the invoices between two passes.</summary>
internal enum EditKind
{
    SalesforceCreate,
    HubSpotCreate,
    SalesforceUpdate,
    HubSpotUpdate,

    /// <summary>The same field changed on both sides of one record, the way conflicts arise.</summary>
    BothUpdate,
    SalesforceDelete,
    HubSpotArchive,
}

/// <summary>
/// One edit. <see cref="Pick"/> chooses among the live records of a side when the edit runs (modulo their number), so a
/// generated scenario never names a record id. Values are the proofs' own readings (see InvoiceValues), null clears.
/// </summary>
internal sealed record ModelEdit(EditKind Kind, int Pick, string? Field, string? Value, string? HubSpotValue, IReadOnlyDictionary<string, string?>? Record)
{
    public override string ToString() => Kind switch
    {
        EditKind.SalesforceCreate or EditKind.HubSpotCreate => $"{Kind}({InvoiceValues.Show(Record!)})",
        EditKind.BothUpdate => $"{Kind}(#{Pick} {Field}: SF={Value ?? "null"}, HS={HubSpotValue ?? "null"})",
        EditKind.SalesforceUpdate or EditKind.HubSpotUpdate => $"{Kind}(#{Pick} {Field}={Value ?? "null"})",
        _ => $"{Kind}(#{Pick})",
    };
}

/// <summary>Rounds of edits; a pass runs after each round.</summary>
internal sealed record ModelScenario(IReadOnlyList<IReadOnlyList<ModelEdit>> Rounds)
{
    public override string ToString()
        => string.Join("\n", Rounds.Select((r, i) => $"round {i + 1}: " + (r.Count == 0 ? "(no edits)" : string.Join("; ", r))));

    /// <summary>
    /// Values are drawn from small sets so that both sides often write the same field, sometimes the same value. Two
    /// values a side refuses are in them on purpose: Void (HubSpot's status has no such option) and a negative amount
    /// (a Salesforce validation rule), each listed twice to come up often: each must end as a recorded record error,
    /// never as a silent divergence.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string?[]> SalesforceValues = new Dictionary<string, string?[]>
    {
        ["Amount__c"] = [null, "0", "12.5", "99.99", "1000"],
        ["Units__c"] = [null, "1", "2", "40"],
        ["Status__c"] = [null, "Draft", "Sent", "Paid", "Void", "Void"],
        ["Channels__c"] = [null, "Email", "Portal", "Email;Mail", "Mail;Portal"],
        ["Due_Date__c"] = [null, "2025-01-31", "2025-06-15", "2026-12-01"],
        ["Paid__c"] = ["true", "false"],
        ["Billing_Email__c"] = [null, "a@example.com", "b@example.com"],
    };

    public static readonly IReadOnlyDictionary<string, string?[]> HubSpotValues = new Dictionary<string, string?[]>
    {
        ["Amount__c"] = [null, "0", "12.5", "99.99", "1000", "-5", "-5"],
        ["Units__c"] = [null, "1", "2", "40"],
        ["Status__c"] = [null, "Draft", "Sent", "Paid"],
        ["Channels__c"] = [null, "Email", "Portal", "Email;Mail", "Mail;Portal"],
        ["Due_Date__c"] = [null, "2025-01-31", "2025-06-15", "2026-12-01"],
        ["Paid__c"] = ["true", "false"],
        ["Billing_Email__c"] = [null, "a@example.com", "b@example.com"],
    };

    private static readonly Gen<string> GenName = Gen.Int[1, 40].Select(i => $"INV-M-{i:D2}");

    private static Gen<(string Field, string? Value)> FieldValue(IReadOnlyDictionary<string, string?[]> values)
        => Gen.OneOfConst(values.Keys.Append("Name").ToArray())
            .SelectMany(field => field == "Name" ? GenName.Select(n => (field, (string?)n)) : Gen.OneOfConst(values[field]).Select(v => (field, v)));

    private static Gen<IReadOnlyDictionary<string, string?>> NewRecord(IReadOnlyDictionary<string, string?[]> values)
        => values.Keys.Aggregate(
            GenName.Select(n => (IReadOnlyDictionary<string, string?>)new Dictionary<string, string?>(StringComparer.Ordinal) { ["Name"] = n }),
            (gen, field) => gen.SelectMany(record => Gen.OneOfConst(values[field]).Select(v =>
                (IReadOnlyDictionary<string, string?>)new Dictionary<string, string?>((IDictionary<string, string?>)record, StringComparer.Ordinal) { [field] = v })));

    private static readonly Gen<int> GenPick = Gen.Int[0, 1000];

    private static readonly Gen<ModelEdit> GenEdit = Gen.Frequency(
        (2, NewRecord(SalesforceValues).Select(r => new ModelEdit(EditKind.SalesforceCreate, 0, null, null, null, r))),
        (2, NewRecord(HubSpotValues).Select(r => new ModelEdit(EditKind.HubSpotCreate, 0, null, null, null, r))),
        (4, Gen.Select(GenPick, FieldValue(SalesforceValues), (p, fv) => new ModelEdit(EditKind.SalesforceUpdate, p, fv.Field, fv.Value, null, null))),
        (4, Gen.Select(GenPick, FieldValue(HubSpotValues), (p, fv) => new ModelEdit(EditKind.HubSpotUpdate, p, fv.Field, fv.Value, null, null))),
        (3, Gen.Select(GenPick, FieldValue(SalesforceValues), (p, fv) => (p, fv))
            .SelectMany(x => (x.fv.Field == "Name" ? GenName.Select(n => (string?)n) : Gen.OneOfConst(HubSpotValues[x.fv.Field]))
                .Select(hs => new ModelEdit(EditKind.BothUpdate, x.p, x.fv.Field, x.fv.Value, hs, null)))),
        (1, GenPick.Select(p => new ModelEdit(EditKind.SalesforceDelete, p, null, null, null, null))),
        (1, GenPick.Select(p => new ModelEdit(EditKind.HubSpotArchive, p, null, null, null, null))));

    public static Gen<ModelScenario> Generator(int rounds)
        => GenEdit.Array[0, 8].Select(a => (IReadOnlyList<ModelEdit>)a).Array[rounds, rounds]
            .Select(r => new ModelScenario(r));
}
