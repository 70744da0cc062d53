using System.Text.Json;

namespace SfHsSync.Sandbox.HubSpot;

/// <summary>
/// An admin-configured validation rule of an account, which HubSpot applies to API writes from 2026-09 on: a property
/// required when another has a value (any value, or one of <see cref="WhenValues"/>), or a property required on the
/// create form. Seeded as {"objectType", "property", "requiredWhen": {"property", "values"?}} or
/// {"objectType", "property", "requiredOnCreate": true}.
/// </summary>
internal sealed record HubSpotAdminRule(string Property, string? WhenProperty, IReadOnlyList<string> WhenValues, bool OnCreate)
{
    public const string ConditionallyRequired = "CONDITIONALLY_REQUIRED";

    public const string RequiredOnCreate = "REQUIRED_ON_CREATE";

    /// <summary>Reads one rule of a seed; the object type is the caller's.</summary>
    public static HubSpotAdminRule Parse(JsonElement rule)
    {
        var property = HubSpotJson.String(rule, "property")
            ?? throw new HubSpotApiException(HubSpotError.Validation("A validation rule needs 'property'."));
        var onCreate = rule.TryGetProperty("requiredOnCreate", out var c) && c.ValueKind == JsonValueKind.True;
        if (rule.TryGetProperty("requiredWhen", out var when) && when.ValueKind == JsonValueKind.Object)
        {
            var whenProperty = HubSpotJson.String(when, "property")
                ?? throw new HubSpotApiException(HubSpotError.Validation($"The rule on '{property}' needs 'requiredWhen.property'."));
            return new HubSpotAdminRule(property, whenProperty, HubSpotJson.Strings(when, "values"), onCreate);
        }

        return onCreate
            ? new HubSpotAdminRule(property, null, [], true)
            : throw new HubSpotApiException(HubSpotError.Validation($"The rule on '{property}' needs 'requiredWhen' or 'requiredOnCreate': true."));
    }

    /// <summary>The problem a write breaking this rule has, or null; <paramref name="valueOf"/> gives a property's value after the write.</summary>
    public PropertyProblem? Check(Func<string, string?> valueOf, bool creating)
    {
        if (!string.IsNullOrEmpty(valueOf(Property)))
        {
            return null;
        }

        if (OnCreate && creating)
        {
            return new PropertyProblem(Property, RequiredOnCreate, $"{Property} is required when a record is created (the account's create form requires it).");
        }

        if (WhenProperty is null || valueOf(WhenProperty) is not { Length: > 0 } when || (WhenValues.Count > 0 && !WhenValues.Contains(when)))
        {
            return null;
        }

        return new PropertyProblem(Property, ConditionallyRequired, $"{Property} is required when {WhenProperty} is {when} (a property validation rule of this account).");
    }
}
