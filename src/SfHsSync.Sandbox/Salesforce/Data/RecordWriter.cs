using System.Globalization;
using System.Net.Mail;
using SfHsSync.Sandbox.Salesforce.Schema;

namespace SfHsSync.Sandbox.Salesforce.Data;

/// <summary>
/// Checks and applies record writes the way Salesforce does: field names, read-only fields, types, lengths, restricted
/// picklists, lookups, required fields, validation rules and unique values, each refused with Salesforce's status code.
/// Every applied write is noted in a journal so an all-or-none call can be undone. Callers hold the org's lock.
/// </summary>
internal sealed class RecordWriter(Func<string, SObjectRecord?> findById, Func<string, SObjectTable?> tableByPrefix)
{
    private const string RolledBackMessage = "Record rolled back because not all records were valid and the request was using AllOrNone header";

    /// <summary>Undo list of one call: the version each touched record had before (null when the call created it).</summary>
    public sealed class Journal
    {
        private readonly List<(SObjectTable Table, string Id, SObjectRecord? Before)> _entries = new();

        public void Note(SObjectTable table, string id, SObjectRecord? before) => _entries.Add((table, id, before));

        public void Rollback()
        {
            for (var i = _entries.Count - 1; i >= 0; i--)
            {
                var (table, id, before) = _entries[i];
                if (before is null)
                {
                    table.Remove(id);
                }
                else
                {
                    table.Put(before);
                }
            }

            _entries.Clear();
        }
    }

    public static RecordError RolledBack() => new("ALL_OR_NONE_OPERATION_ROLLED_BACK", RolledBackMessage);

    public WriteOutcome Create(SObjectTable table, IEnumerable<KeyValuePair<string, InputValue>> input, WriteContext context)
    {
        var schema = table.Schema;
        if (ObjectRefusals.Create(schema, context) is { } refused)
        {
            return WriteOutcome.Failed(null, refused);
        }

        var values = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        var error = ReadInput(schema, input, creating: true, values, context.AsAdmin);
        if (error is not null)
        {
            return WriteOutcome.Failed(null, error);
        }

        foreach (var field in schema.Fields.Where(f => f.DefaultValue is not null && !values.ContainsKey(f.Name)))
        {
            values[field.Name] = field.DefaultValue;
        }

        var missing = schema.Fields.Where(f => f.RequiredOnCreate && values.GetValueOrDefault(f.Name) is null).Select(f => f.Name).ToArray();
        if (missing.Length > 0)
        {
            return WriteOutcome.Failed(null, new RecordError("REQUIRED_FIELD_MISSING", $"Required fields are missing: [{string.Join(", ", missing)}]", missing));
        }

        var id = table.NextId();
        values["Id"] = id;
        if (schema.HasField("OwnerId") && values.GetValueOrDefault("OwnerId") is null)
        {
            values["OwnerId"] = context.UserId;
        }

        foreach (var field in schema.Fields.Where(f => f.AutoNumber))
        {
            values[field.Name] = FormatAutoNumber(field.AutoNumberFormat!, table.NextAutoNumber(field.Name));
        }

        SystemStamps.ApplyCreated(schema, values, context);
        return Finish(table, id, values, before: null, context);
    }

    public WriteOutcome Update(SObjectTable table, string id, IEnumerable<KeyValuePair<string, InputValue>> input, WriteContext context)
    {
        var before = table.Find(id);
        if (before is null)
        {
            return WriteOutcome.Failed(id, new RecordError("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id"));
        }

        if (before.IsDeleted)
        {
            return WriteOutcome.Failed(id, new RecordError("ENTITY_IS_DELETED", "entity is deleted"));
        }

        if (ObjectRefusals.Update(table.Schema, context) is { } refused)
        {
            return WriteOutcome.Failed(id, refused);
        }

        var changes = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        var error = ReadInput(table.Schema, input, creating: false, changes, context.AsAdmin);
        if (error is not null)
        {
            return WriteOutcome.Failed(id, error);
        }

        var cleared = table.Schema.Fields.Where(f => !f.Nillable && changes.TryGetValue(f.Name, out var v) && v is null).Select(f => f.Name).ToArray();
        if (cleared.Length > 0)
        {
            return WriteOutcome.Failed(id, new RecordError("REQUIRED_FIELD_MISSING", $"Required fields are missing: [{string.Join(", ", cleared)}]", cleared));
        }

        var values = new Dictionary<string, object?>(before.Values, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in changes)
        {
            values[name] = value;
        }

        return Finish(table, id, values, before, context);
    }

    public WriteOutcome Delete(SObjectTable table, string id, WriteContext context)
    {
        var before = table.Find(id);
        if (before is null)
        {
            return WriteOutcome.Failed(id, new RecordError("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id"));
        }

        if (before.IsDeleted)
        {
            return WriteOutcome.Failed(id, new RecordError("ENTITY_IS_DELETED", "entity is deleted"));
        }

        if (ObjectRefusals.Delete(table.Schema, context) is { } refused)
        {
            return WriteOutcome.Failed(id, refused);
        }

        var values = new Dictionary<string, object?>(before.Values, StringComparer.OrdinalIgnoreCase);
        SystemStamps.Apply(table.Schema, values, context, deleting: true);
        table.Put(new SObjectRecord(table.Schema, id, values, context.Stamp) { Touched = context.Stamp });
        context.Journal?.Note(table, id, before);
        return new WriteOutcome(id, false, Array.Empty<RecordError>());
    }

    /// <summary>
    /// Upsert by Id or an external ID field: no match creates, one match updates, several refuse with DUPLICATE_EXTERNAL_ID
    /// (the single-record endpoint answers 300 before it gets here). The key value is written into a created record.
    /// </summary>
    public WriteOutcome Upsert(SObjectTable table, SObjectField keyField, string keyValue, IEnumerable<KeyValuePair<string, InputValue>> input, WriteContext context)
    {
        var matches = Matches(table, keyField, keyValue);
        if (matches.Count > 1)
        {
            return WriteOutcome.Failed(null, new RecordError("DUPLICATE_EXTERNAL_ID",
                $"{keyField.Label}: more than one record found for external id field: [{string.Join(", ", matches)}]", [keyField.Name]));
        }

        var body = input.Where(kv => !string.Equals(kv.Key, keyField.Name, StringComparison.OrdinalIgnoreCase)).ToList();
        if (matches.Count == 1)
        {
            return Update(table, matches[0], body, context);
        }

        if (keyField.Name == "Id")
        {
            return WriteOutcome.Failed(null, new RecordError("NOT_FOUND", $"Provided Id does not exist: {keyValue}", ["Id"]));
        }

        body.Add(new KeyValuePair<string, InputValue>(keyField.Name, InputValue.FromObject(keyValue)));
        var created = Create(table, body, context);
        return created.Success ? created with { Created = true } : created;
    }

    /// <summary>Live records whose key field holds the value (Id or an indexed external ID field).</summary>
    public static IReadOnlyList<string> Matches(SObjectTable table, SObjectField keyField, string keyValue)
    {
        if (keyField.Name == "Id")
        {
            var id = SalesforceId.Normalize(keyValue);
            return id is not null && table.Find(id) is { IsDeleted: false } ? [id] : Array.Empty<string>();
        }

        return table.FindByIndexedField(keyField.Name, keyValue).ToArray();
    }

    private WriteOutcome Finish(SObjectTable table, string id, Dictionary<string, object?> values, SObjectRecord? before, WriteContext context)
    {
        var schema = table.Schema;
        foreach (var field in schema.Fields.Where(f => f.Formula is not null))
        {
            var result = field.Formula!.Evaluate(n => values.GetValueOrDefault(n));
            values[field.Name] = result is decimal d && field.IsNumber ? Math.Round(d, field.Scale, MidpointRounding.AwayFromZero) : result;
        }

        foreach (var rule in schema.ValidationRules)
        {
            if (rule.ErrorCondition.Evaluate(n => values.GetValueOrDefault(n)) is true)
            {
                var fields = rule.ErrorDisplayField is null ? Array.Empty<string>() : [rule.ErrorDisplayField];
                return WriteOutcome.Failed(before?.Id, new RecordError("FIELD_CUSTOM_VALIDATION_EXCEPTION", rule.ErrorMessage, fields));
            }
        }

        foreach (var field in schema.UniqueFields)
        {
            if (values.GetValueOrDefault(field.Name) is { } v)
            {
                var other = table.FindByIndexedField(field.Name, FieldValues.ToText(v)).FirstOrDefault(x => x != id);
                if (other is not null)
                {
                    return WriteOutcome.Failed(before?.Id, new RecordError("DUPLICATE_VALUE",
                        $"duplicate value found: {field.Name} duplicates value on record with id: {other}", [field.Name]));
                }
            }
        }

        SystemStamps.Apply(schema, values, context, deleting: false);
        table.Put(new SObjectRecord(schema, id, values, null) { Touched = context.Stamp });
        context.Journal?.Note(table, id, before);
        return new WriteOutcome(id, before is null, Array.Empty<RecordError>());
    }

    private RecordError? ReadInput(SObjectSchema schema, IEnumerable<KeyValuePair<string, InputValue>> input, bool creating, Dictionary<string, object?> values, bool asAdmin)
    {
        foreach (var (name, raw) in input)
        {
            if (name == "attributes" || (!creating && string.Equals(name, "Id", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var field = schema.FindField(name);
            if (field is null)
            {
                return new RecordError("INVALID_FIELD", $"No such column '{name}' on sobject of type {schema.Name}", [name]);
            }

            // An administrator (a seed, a test) may fill fields the API cannot write (RecordType's), but never computed or system ones.
            var writable = asAdmin ? !field.System && !field.Calculated && !field.AutoNumber : creating ? field.Createable : field.Updateable;
            if (!writable)
            {
                return new RecordError("INVALID_FIELD_FOR_INSERT_UPDATE",
                    $"Unable to {(creating ? "create" : "update")} fields: {field.Name}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.",
                    [field.Name]);
            }

            if (!raw.TryConvert(field, out var value, out var problem))
            {
                return new RecordError("INVALID_TYPE_ON_FIELD_IN_RECORD", $"{field.Label}: value not of required type: {problem}", [field.Name]);
            }

            var error = Check(field, ref value);
            if (error is not null)
            {
                return error;
            }

            values[field.Name] = value;
        }

        return null;
    }

    private RecordError? Check(SObjectField field, ref object? value)
    {
        if (value is null)
        {
            return null;
        }

        if (value is decimal number)
        {
            var rounded = Math.Round(number, field.Scale, MidpointRounding.AwayFromZero);
            var integerDigits = field.Precision - field.Scale;
            if (field.Precision > 0 && Math.Abs(decimal.Truncate(rounded)) >= Pow10(integerDigits))
            {
                return new RecordError("NUMBER_OUTSIDE_VALID_RANGE", $"{field.Label}: value outside of valid range on numeric field: {number.ToString(CultureInfo.InvariantCulture)}", [field.Name]);
            }

            value = rounded;
            return null;
        }

        if (value is not string text)
        {
            return null;
        }

        if (field.Type == "multipicklist")
        {
            text = string.Join(';', text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal));
            value = text.Length == 0 ? null : text;
        }

        if (field.Length > 0 && text.Length > field.Length)
        {
            var shown = text.Length > 20 ? text[..20] + "..." : text;
            return new RecordError("STRING_TOO_LONG", $"{field.Label}: data value too large: {shown} (max length={field.Length})", [field.Name]);
        }

        if (field.RestrictedPicklist && field.Type is "picklist" or "multipicklist")
        {
            foreach (var part in field.Type == "multipicklist" ? text.Split(';') : [text])
            {
                if (!field.PicklistValues.Any(p => p.Active && string.Equals(p.Value, part, StringComparison.Ordinal)))
                {
                    return new RecordError("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", $"{field.Label}: bad value for restricted picklist field: {part}", [field.Name]);
                }
            }
        }

        if (field.Type == "email" && !IsEmail(text))
        {
            return new RecordError("INVALID_EMAIL_ADDRESS", $"{field.Label}: invalid email address: {text}", [field.Name]);
        }

        if (field.Type == "reference")
        {
            return CheckReference(field, text, out value);
        }

        return null;
    }

    private RecordError? CheckReference(SObjectField field, string text, out object? value)
    {
        value = null;
        var id = SalesforceId.Normalize(text);
        if (id is null)
        {
            return new RecordError("MALFORMED_ID", $"{field.Label}: id value of incorrect type: {text}", [field.Name]);
        }

        value = id;
        var target = tableByPrefix(id[..3]);
        if (target is null)
        {
            // Users and groups are not emulated: an id of the right shape is taken on trust.
            return field.ReferenceTo.Any(r => r is "User" or "Group") && id.StartsWith("005", StringComparison.Ordinal) ? null
                : new RecordError("FIELD_INTEGRITY_EXCEPTION", $"{field.Label}: id value of incorrect type: {text}", [field.Name]);
        }

        if (!field.ReferenceTo.Contains(target.Schema.Name, StringComparer.OrdinalIgnoreCase))
        {
            return new RecordError("FIELD_INTEGRITY_EXCEPTION", $"{field.Label}: id value of incorrect type: {text}", [field.Name]);
        }

        return findById(id) switch
        {
            null => new RecordError("INVALID_CROSS_REFERENCE_KEY", $"{field.Label}: invalid cross reference id", [field.Name]),
            { IsDeleted: true } => new RecordError("ENTITY_IS_DELETED", "entity is deleted", [field.Name]),
            _ => null,
        };
    }

    private static bool IsEmail(string text)
        => MailAddress.TryCreate(text, out var address) && address.Address == text && text.Contains('.', StringComparison.Ordinal);

    private static decimal Pow10(int exponent)
    {
        var result = 1m;
        for (var i = 0; i < exponent && i < 28; i++)
        {
            result *= 10;
        }

        return result;
    }

    private static string FormatAutoNumber(string format, long number)
    {
        var open = format.IndexOf('{', StringComparison.Ordinal);
        var close = format.IndexOf('}', StringComparison.Ordinal);
        if (open < 0 || close < open)
        {
            return format + number.ToString(CultureInfo.InvariantCulture);
        }

        var width = close - open - 1;
        return format[..open] + number.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0') + format[(close + 1)..];
    }
}

/// <summary>
/// What every record of one call shares: its timestamp, its user, the undo journal when the call is all-or-none, and
/// whether an administrator writes (a seed or a test acting as Setup does), who may write objects and fields the API cannot.
/// </summary>
internal sealed record WriteContext(DateTimeOffset Stamp, string UserId, RecordWriter.Journal? Journal, bool AsAdmin = false);
