using System.Globalization;

namespace SfHsSync.Engine.State;

/// <summary>
/// Sorts a record error's code into its <see cref="SyncErrorCategory"/>: one table of the codes Salesforce, HubSpot
/// and the engine give, used when an error is recorded and by the state migration that backfills older rows.
/// </summary>
public static class ErrorCategories
{
    /// <summary>The code an association waiting for its target is listed under (Get-SyncError).</summary>
    public const string AssociationWaiting = "ASSOCIATION_TARGET_NOT_SYNCED";

    /// <summary>The code of an association an import linked the record for but had not made yet.</summary>
    public const string AssociationNotMade = "ASSOCIATION_NOT_MADE";

    /// <summary>The code of an association HubSpot or Salesforce refused.</summary>
    public const string AssociationFailed = "ASSOCIATION_FAILED";

    private static readonly Dictionary<string, SyncErrorCategory> Codes = Build(new()
    {
        [SyncErrorCategory.PropertyValue] =
        [
            // Salesforce statusCodes for values.
            "STRING_TOO_LONG", "NUMBER_OUTSIDE_VALID_RANGE", "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", "INVALID_EMAIL_ADDRESS",
            "INVALID_TYPE_ON_FIELD_IN_RECORD", "REQUIRED_FIELD_MISSING", "MALFORMED_ID", "FIELD_INTEGRITY_EXCEPTION", "INVALID_FIELD",
            "JSON_PARSER_ERROR", "INVALID_TYPE", "MISSING_ARGUMENT", "INVALID_MULTIPICKLIST_VALUE",
            // HubSpot's per-property codes.
            "INVALID_OPTION", "INVALID_DECIMAL", "INVALID_INTEGER", "INVALID_BOOLEAN", "INVALID_DATE", "INVALID_DATETIME", "INVALID_EMAIL",
            "LEADING_TRAILING_WHITESPACE", "REQUIRED_PROPERTY", "PROPERTY_DOESNT_EXIST", "INVALID_LONG", "INVALID_PROPERTY_VALUE",
        ],
        [SyncErrorCategory.ValidationRule] =
        [
            "FIELD_CUSTOM_VALIDATION_EXCEPTION", "FIELD_FILTER_VALIDATION_EXCEPTION", "CANNOT_EXECUTE_FLOW_TRIGGER",
            "CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY", "APEX_ERROR", "VALIDATION_ERROR",
        ],
        [SyncErrorCategory.Permission] =
        [
            "INVALID_FIELD_FOR_INSERT_UPDATE", "READ_ONLY_VALUE", "CANNOT_UPDATE_CONVERTED_LEAD", "MISSING_SCOPES", "FORBIDDEN",
            "HubSpotPermissionDenied", "SalesforcePermissionDenied", "INSUFFICIENT_ACCESS",
            // An object whose describe forbids the operation (not createable, updateable, deletable, queryable).
            "INVALID_TYPE_FOR_OPERATION",
        ],
        [SyncErrorCategory.Duplicate] =
        [
            "DUPLICATE_VALUE", "DUPLICATE_EXTERNAL_ID", "DUPLICATES_DETECTED", "CONFLICT", "OBJECT_ALREADY_EXISTS", "MATCH_AMBIGUOUS",
            "HubSpotObjectConflict",
        ],
        [SyncErrorCategory.Association] =
        [
            AssociationWaiting, AssociationNotMade, AssociationFailed, "ASSOCIATION_LIMIT_EXCEEDED", "INVALID_ASSOCIATION_TYPE",
        ],
        [SyncErrorCategory.RecordMissing] =
        [
            "ENTITY_IS_DELETED", "NOT_FOUND", "OBJECT_NOT_FOUND", "INVALID_CROSS_REFERENCE_KEY", "INVALID_ID_FIELD", "MERGED",
            "HubSpotObjectNotFound", "SalesforceRecordNotFound",
        ],
        [SyncErrorCategory.RateLimit] =
        [
            "REQUEST_LIMIT_EXCEEDED", "RATE_LIMIT", "TOO_MANY_REQUESTS", "HubSpotRateLimitExceeded", "HubSpotDailyLimitExceeded",
            "SalesforceDailyLimitExceeded",
        ],
        [SyncErrorCategory.ApiBudget] = ["SalesforceApiBudgetExhausted"],
        [SyncErrorCategory.Authentication] =
        [
            "INVALID_SESSION_ID", "INVALID_AUTHENTICATION", "EXPIRED_AUTHENTICATION", "HubSpotAuthenticationFailed",
            "SalesforceAuthenticationFailed", "SalesforceSessionExpired",
        ],
        [SyncErrorCategory.Transient] =
        [
            "UNABLE_TO_LOCK_ROW", "UNPROCESSED", "NO_RESULT", "UNKNOWN", "LOCKED", "BAD_GATEWAY", "SERVER_ERROR",
            "HubSpotServiceUnavailable", "HubSpotRecordLocked", "HubSpotConnectionFailed", "SalesforceConnectionFailed",
            "SalesforceServiceUnavailable",
        ],
    });

    /// <summary>The category of an error code; codes beginning INSUFFICIENT_ACCESS are permissions, unknown codes transient.</summary>
    public static SyncErrorCategory Of(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return SyncErrorCategory.Transient;
        }

        if (Codes.TryGetValue(code, out var category))
        {
            return category;
        }

        return code.StartsWith("INSUFFICIENT_ACCESS", StringComparison.OrdinalIgnoreCase) ? SyncErrorCategory.Permission : SyncErrorCategory.Transient;
    }

    /// <summary>
    /// The SQL that sets the category of every stored error from its code, as <see cref="Of"/> would: the migration that
    /// adds the column runs it, so errors recorded before categories existed carry one too.
    /// </summary>
    internal static string BackfillSql()
    {
        var cases = Codes.GroupBy(kv => kv.Value).Select(g =>
            $"WHEN error_code IN ({string.Join(", ", g.Select(kv => Quote(kv.Key)))}) THEN {Quote(g.Key.ToString())}");
        return string.Create(CultureInfo.InvariantCulture,
            $"UPDATE record_errors SET category = CASE {string.Join(" ", cases)} WHEN error_code LIKE 'INSUFFICIENT_ACCESS%' THEN 'Permission' ELSE 'Transient' END");
    }

    private static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static Dictionary<string, SyncErrorCategory> Build(Dictionary<SyncErrorCategory, string[]> table)
    {
        var codes = new Dictionary<string, SyncErrorCategory>(StringComparer.Ordinal);
        foreach (var (category, list) in table)
        {
            foreach (var code in list)
            {
                codes.Add(code, category);
            }
        }

        return codes;
    }
}
