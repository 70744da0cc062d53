namespace SfHsSync.Engine.State;

/// <summary>What a record error's field and value were, when the failure names one: what the one-line hint speaks of.</summary>
/// <param name="Field">The field as both sides name it, e.g. "Status__c (HubSpot status)".</param>
/// <param name="Value">The value that was being written, when one was.</param>
public sealed record ErrorSubject(string? Field, string? Value)
{
    public static readonly ErrorSubject None = new(null, null);
}

/// <summary>The one-line resolution hint of a record error: what to do, naming the field and value where the failure named them.</summary>
public static class ResolutionHint
{
    public static string For(SyncErrorCategory category, SyncSide side, string code, ErrorSubject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var other = side == SyncSide.HubSpot ? SyncSide.Salesforce : SyncSide.HubSpot;
        var field = subject.Field ?? "a mapped field";
        var value = subject.Value is null ? "its value" : $"'{Shorten(subject.Value)}'";
        return category switch
        {
            SyncErrorCategory.PropertyValue =>
                $"{side} refuses {value} in {field} ({code}): allow it in {side} (option, length, format or range) or correct it in {other}, then resync the record.",
            SyncErrorCategory.ValidationRule =>
                $"A {side} validation rule, flow or trigger refuses {value} in {field}: satisfy or relax the rule, or correct the value in {other}, then resync.",
            SyncErrorCategory.Permission =>
                $"The connected {side} user or app may not write {field}: grant the field access or scope (Test-SyncMapping names it), or make the field's direction not write to {side}.",
            SyncErrorCategory.Duplicate =>
                $"{side} already holds a record with {value} in {field}: merge the duplicate or clear the value on one of them, then resync.",
            SyncErrorCategory.Association =>
                $"The lookup {field} waits for {value}, which does not sync yet: sync that record (or map its object), and the next pass makes the association.",
            SyncErrorCategory.RecordMissing =>
                $"The {side} record was deleted or merged: restore it, or let deletes travel (-DeleteDirection), then resync.",
            SyncErrorCategory.RateLimit =>
                $"{side}'s API rate limit stopped the write ({code}): the next pass retries it; spread the runs out if it persists.",
            SyncErrorCategory.ApiBudget =>
                "This sync's share of the Salesforce daily API allowance is used up: the next run resumes, or raise -SalesforceApiBudget.",
            SyncErrorCategory.Authentication =>
                $"{side} refused the credentials: connect again (Connect-{side}, or the SFHSSYNC_* variables) and run again.",
            _ => $"A passing {side} failure ({code}) outlasted the retries: the next pass retries the record.",
        };
    }

    private static string Shorten(string value) => value.Length <= 60 ? value : value[..57] + "...";
}
