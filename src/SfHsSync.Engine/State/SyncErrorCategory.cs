namespace SfHsSync.Engine.State;

/// <summary>
/// What kind of failure a record error is, which says what to do about it (as HubSpot's Sync Health screen groups
/// them): fix a value, a rule, a permission or a duplicate; wait for an association's target; restore a record; or wait
/// for limits, credentials or the other service to recover.
/// </summary>
public enum SyncErrorCategory
{
    /// <summary>A value the other side refuses: a picklist option, a length, a format, a number range, a required value.</summary>
    PropertyValue,

    /// <summary>A Salesforce validation rule, flow or trigger refused the write; HubSpot's VALIDATION_ERROR from an admin's rule.</summary>
    ValidationRule,

    /// <summary>The connected user or app may not write the record or field (INSUFFICIENT_ACCESS_*, read-only fields, HubSpot 403).</summary>
    Permission,

    /// <summary>A duplicate rule, or a unique value (a link key) another record already holds.</summary>
    Duplicate,

    /// <summary>An association that waits for its target to sync, or that HubSpot refused (limit reached, type missing).</summary>
    Association,

    /// <summary>The record was deleted or merged on the other side.</summary>
    RecordMissing,

    /// <summary>An API rate limit (HubSpot's per-second, ten-second or daily limit; Salesforce's request limit).</summary>
    RateLimit,

    /// <summary>This sync's own share of the Salesforce daily allowance is used up (-SalesforceApiBudget).</summary>
    ApiBudget,

    /// <summary>The credentials were refused.</summary>
    Authentication,

    /// <summary>A failure that should pass (a row lock, a 5xx, no answer) and outlasted the retries.</summary>
    Transient,
}
