using System.Globalization;
using SfHsSync.Engine.HubSpot;
using SfHsSync.Engine.Mapping;
using SfHsSync.Engine.Metadata;
using SfHsSync.Engine.Salesforce;

namespace SfHsSync.Engine.Sync.Values;

/// <summary>How a field's values are compared and carried.</summary>
public enum ValueKind
{
    Text,
    Number,
    Boolean,
    Date,
    DateTime,

    /// <summary>A Salesforce datetime kept in a HubSpot date property: compared by its UTC calendar day.</summary>
    DateTimeAsDate,
    Enumeration,
    MultiEnumeration,
}

/// <summary>A value converted for one side, or why it cannot be (the record then fails with this reason).</summary>
public readonly record struct ConvertedValue(string? Value, string? ErrorCode, string? Error)
{
    public bool Ok => ErrorCode is null;

    public static ConvertedValue Of(string? value) => new(value, null, null);

    public static ConvertedValue Refused(string code, string message) => new(null, code, message);
}

/// <summary>
/// Converts one mapped field's values between each side's wire text and one canonical text that the reconciler compares
/// and the state keeps. Canonical forms: text as is (empty is null); numbers as invariant decimals rounded to the
/// Salesforce field's scale; booleans "true"/"false" (empty is false, as a Salesforce checkbox has no null); dates
/// "yyyy-MM-dd"; datetimes ISO-8601 UTC with milliseconds; multi-selects as their distinct values sorted, joined by ";".
/// Nothing here reads the local time zone, so no value shifts a day wherever the sync runs.
/// </summary>
public sealed class FieldConverter
{
    private readonly HashSet<string>? _hubSpotOptions;
    private readonly HashSet<string>? _salesforceValues;

    public FieldConverter(FieldMapping mapping, SalesforceFieldDescription salesforce, HubSpotPropertyDescription hubSpot)
    {
        Mapping = mapping ?? throw new ArgumentNullException(nameof(mapping));
        Salesforce = salesforce ?? throw new ArgumentNullException(nameof(salesforce));
        HubSpot = hubSpot ?? throw new ArgumentNullException(nameof(hubSpot));
        Kind = KindOf(salesforce, hubSpot);
        if (hubSpot.Type == "enumeration")
        {
            _hubSpotOptions = hubSpot.Options.Select(o => o.Value).ToHashSet(StringComparer.Ordinal);
        }

        if (salesforce.RestrictedPicklist)
        {
            _salesforceValues = salesforce.PicklistValues.Where(p => p.Active).Select(p => p.Value).ToHashSet(StringComparer.Ordinal);
        }
    }

    public FieldMapping Mapping { get; }

    public SalesforceFieldDescription Salesforce { get; }

    public HubSpotPropertyDescription HubSpot { get; }

    public ValueKind Kind { get; }

    /// <summary>The key the reconciler and the state use for this field.</summary>
    public string Key => Mapping.SalesforceField;

    public static ValueKind KindOf(SalesforceFieldDescription salesforce, HubSpotPropertyDescription hubSpot) => salesforce.Type switch
    {
        "int" or "long" or "double" or "currency" or "percent" => ValueKind.Number,
        "boolean" => ValueKind.Boolean,
        "date" => ValueKind.Date,
        "datetime" => hubSpot.Type == "date" ? ValueKind.DateTimeAsDate : ValueKind.DateTime,
        "multipicklist" => ValueKind.MultiEnumeration,
        "picklist" => ValueKind.Enumeration,
        _ => hubSpot.Type == "enumeration" ? (hubSpot.FieldType == "checkbox" ? ValueKind.MultiEnumeration : ValueKind.Enumeration) : ValueKind.Text,
    };

    /// <summary>The canonical form of a Salesforce value (normalized wire text).</summary>
    public string? FromSalesforce(string? wire) => Canonical(wire, fromHubSpot: false);

    /// <summary>The canonical form of a HubSpot value (every HubSpot value is a string).</summary>
    public string? FromHubSpot(string? text) => Canonical(text, fromHubSpot: true);

    /// <summary>The Salesforce wire text for a canonical value, or the reason Salesforce could not take it.</summary>
    public ConvertedValue ToSalesforce(string? canonical)
    {
        if (canonical is null)
        {
            return ConvertedValue.Of(Kind == ValueKind.Boolean ? "false" : null);
        }

        switch (Kind)
        {
            case ValueKind.Number:
                return CheckPrecision(canonical);
            case ValueKind.DateTimeAsDate:
                // A day from HubSpot becomes that day's midnight UTC in Salesforce.
                return ConvertedValue.Of(canonical + "T00:00:00.000Z");
            case ValueKind.Enumeration:
                return _salesforceValues is null || _salesforceValues.Contains(canonical)
                    ? ConvertedValue.Of(canonical)
                    : RefusedOption(canonical, "Salesforce", Salesforce.Name, "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST");
            case ValueKind.MultiEnumeration:
                if (_salesforceValues is not null)
                {
                    var missing = canonical.Split(';').Where(v => !_salesforceValues.Contains(v)).ToArray();
                    if (missing.Length > 0)
                    {
                        return RefusedOption(string.Join(";", missing), "Salesforce", Salesforce.Name, "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST");
                    }
                }

                return ConvertedValue.Of(canonical);
            default:
                return ConvertedValue.Of(canonical);
        }
    }

    /// <summary>The HubSpot property text for a canonical value ("" clears a property), or the reason HubSpot could not take it.</summary>
    public ConvertedValue ToHubSpot(string? canonical)
    {
        if (canonical is null)
        {
            return ConvertedValue.Of(string.Empty);
        }

        switch (Kind)
        {
            case ValueKind.Enumeration:
                return _hubSpotOptions is null || _hubSpotOptions.Contains(canonical)
                    ? ConvertedValue.Of(canonical)
                    : RefusedOption(canonical, "HubSpot", HubSpot.Name, "INVALID_OPTION");
            case ValueKind.MultiEnumeration:
                if (_hubSpotOptions is not null)
                {
                    var missing = canonical.Split(';').Where(v => !_hubSpotOptions.Contains(v)).ToArray();
                    if (missing.Length > 0)
                    {
                        return RefusedOption(string.Join(";", missing), "HubSpot", HubSpot.Name, "INVALID_OPTION");
                    }
                }

                return ConvertedValue.Of(canonical);
            default:
                return ConvertedValue.Of(canonical);
        }
    }

    private string? Canonical(string? text, bool fromHubSpot)
    {
        if (string.IsNullOrEmpty(text))
        {
            return Kind == ValueKind.Boolean ? "false" : null;
        }

        switch (Kind)
        {
            case ValueKind.Number:
                if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    return text;
                }

                var scale = Salesforce.Type is "int" or "long" ? 0 : Salesforce.Scale;
                if (scale >= 0 && scale <= 28 && !(Salesforce.Type == "double" && Salesforce.Scale == 0 && Salesforce.Precision == 0))
                {
                    number = Math.Round(number, scale, MidpointRounding.AwayFromZero);
                }

                var normalized = SalesforceWireValue.NormalizeNumber(number.ToString(CultureInfo.InvariantCulture));
                return normalized == "-0" ? "0" : normalized;
            case ValueKind.Boolean:
                return bool.TryParse(text, out var flag) ? (flag ? "true" : "false") : text;
            case ValueKind.Date:
                return ToDay(text) ?? text;
            case ValueKind.DateTime:
                return TryInstant(text, out var instant) ? SalesforceWireValue.FormatDateTime(instant) : text;
            case ValueKind.DateTimeAsDate:
                return fromHubSpot ? ToDay(text) ?? text : TryInstant(text, out var at) ? at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : text;
            case ValueKind.MultiEnumeration:
                var values = text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
                return values.Length == 0 ? null : string.Join(";", values);
            default:
                return text;
        }
    }

    /// <summary>A calendar day from "yyyy-MM-dd", an ISO datetime or HubSpot's epoch milliseconds, read in UTC.</summary>
    private static string? ToDay(string text)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        return TryInstant(text, out var instant) ? instant.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null;
    }

    private static bool TryInstant(string text, out DateTimeOffset instant)
        => HubSpotValues.TryParseDateTime(text, out instant) || SalesforceWireValue.TryParseDateTime(text, out instant);

    private ConvertedValue CheckPrecision(string canonical)
    {
        if (Salesforce.Precision <= 0 || !decimal.TryParse(canonical, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return ConvertedValue.Of(canonical);
        }

        var integerDigits = Salesforce.Precision - Math.Max(0, Salesforce.Scale);
        var whole = decimal.Truncate(Math.Abs(number));
        var digits = whole == 0 ? 0 : whole.ToString(CultureInfo.InvariantCulture).Length;
        return digits > integerDigits
            ? ConvertedValue.Refused("NUMBER_OUTSIDE_VALID_RANGE",
                $"{canonical} does not fit Salesforce field {Salesforce.Name} ({Salesforce.Precision} digits, {Salesforce.Scale} after the point).")
            : ConvertedValue.Of(canonical);
    }

    private static ConvertedValue RefusedOption(string value, string side, string field, string code)
        => ConvertedValue.Refused(code, $"'{value}' is not an allowed value of {side} field {field}; add it there or change the value.");
}
