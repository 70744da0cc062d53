using Microsoft.Data.Sqlite;
using SfHsSync.Engine.State;

namespace SfHsSync.Engine.Tests.Health;

/// <summary>Error codes sorted into categories, the hint they carry, and the migration that sorts errors recorded before.</summary>
public sealed class ErrorCategoryTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"sfhssync-categories-{Guid.NewGuid():N}.db");

    [Theory]
    [InlineData("INVALID_OPTION", SyncErrorCategory.PropertyValue)]
    [InlineData("STRING_TOO_LONG", SyncErrorCategory.PropertyValue)]
    [InlineData("NUMBER_OUTSIDE_VALID_RANGE", SyncErrorCategory.PropertyValue)]
    [InlineData("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", SyncErrorCategory.PropertyValue)]
    [InlineData("FIELD_CUSTOM_VALIDATION_EXCEPTION", SyncErrorCategory.ValidationRule)]
    [InlineData("VALIDATION_ERROR", SyncErrorCategory.ValidationRule)]
    [InlineData("CANNOT_EXECUTE_FLOW_TRIGGER", SyncErrorCategory.ValidationRule)]
    [InlineData("INSUFFICIENT_ACCESS_OR_READONLY", SyncErrorCategory.Permission)]
    [InlineData("INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY", SyncErrorCategory.Permission)]
    [InlineData("INVALID_FIELD_FOR_INSERT_UPDATE", SyncErrorCategory.Permission)]
    [InlineData("HubSpotPermissionDenied", SyncErrorCategory.Permission)]
    [InlineData("DUPLICATE_VALUE", SyncErrorCategory.Duplicate)]
    [InlineData("DUPLICATES_DETECTED", SyncErrorCategory.Duplicate)]
    [InlineData("ASSOCIATION_TARGET_NOT_SYNCED", SyncErrorCategory.Association)]
    [InlineData("ENTITY_IS_DELETED", SyncErrorCategory.RecordMissing)]
    [InlineData("OBJECT_NOT_FOUND", SyncErrorCategory.RecordMissing)]
    [InlineData("HubSpotRateLimitExceeded", SyncErrorCategory.RateLimit)]
    [InlineData("SalesforceApiBudgetExhausted", SyncErrorCategory.ApiBudget)]
    [InlineData("HubSpotAuthenticationFailed", SyncErrorCategory.Authentication)]
    [InlineData("UNABLE_TO_LOCK_ROW", SyncErrorCategory.Transient)]
    [InlineData("SOMETHING_NEW", SyncErrorCategory.Transient)]
    public void A_code_sorts_into_its_category(string code, SyncErrorCategory expected)
        => Assert.Equal(expected, ErrorCategories.Of(code));

    [Fact]
    public void A_hint_names_the_field_and_the_value()
    {
        var hint = ResolutionHint.For(SyncErrorCategory.PropertyValue, SyncSide.HubSpot, "INVALID_OPTION", new ErrorSubject("Status__c (HubSpot status)", "Void"));
        Assert.Contains("Status__c (HubSpot status)", hint, StringComparison.Ordinal);
        Assert.Contains("'Void'", hint, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', hint);
    }

    [Fact]
    public async Task Errors_recorded_before_categories_existed_are_sorted_by_the_migration()
    {
        // A file as a module of schema version 2 left it, with two errors and no category column.
        await using (var connection = new SqliteConnection($"Data Source={_path};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE schema_version (version BIGINT NOT NULL PRIMARY KEY, applied_at TEXT NOT NULL);"
                + string.Join(";", StateSchema.Migrations.Take(2)).Replace("{IdColumn}", "INTEGER PRIMARY KEY", StringComparison.Ordinal)
                + """
                ;INSERT INTO schema_version VALUES (1, '2026-01-01T00:00:00Z'), (2, '2026-01-01T00:00:00Z');
                INSERT INTO record_errors (mapping, side, record_id, operation, error_code, message, first_seen, last_seen, attempts)
                VALUES ('M', 'HubSpot', 'a01', 'Create', 'INVALID_OPTION', 'Void is not an option', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 1),
                       ('M', 'Salesforce', '101', 'Update', 'INSUFFICIENT_ACCESS_OR_READONLY', 'no access', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 1);
                """;
            await command.ExecuteNonQueryAsync();
        }

        await using (var store = await StateStore.OpenAsync(StateLocation.Parse(_path), CancellationToken.None))
        {
            var errors = await store.GetErrorsAsync("M", false, CancellationToken.None);
            Assert.Equal([SyncErrorCategory.Permission, SyncErrorCategory.PropertyValue], errors.OrderBy(e => e.RecordId, StringComparer.Ordinal).Select(e => e.Category));
        }

        // Stored, not only worked out when read.
        await using var check = new SqliteConnection($"Data Source={_path};Pooling=False");
        await check.OpenAsync();
        await using var read = check.CreateCommand();
        read.CommandText = "SELECT group_concat(category, ',') FROM (SELECT category FROM record_errors ORDER BY record_id)";
        Assert.Equal("Permission,PropertyValue", (string?)await read.ExecuteScalarAsync());
    }

    [Fact]
    public void The_summary_counts_per_category_and_code_with_the_oldest_newest_and_commonest_message()
    {
        var t0 = new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);
        RecordError Error(string id, string code, string message, int hour) => new()
        {
            Mapping = "Invoices", Side = SyncSide.HubSpot, RecordId = id, Operation = "Create", ErrorCode = code, Message = message,
            FirstSeen = t0.AddHours(hour), LastSeen = t0.AddHours(hour + 1),
        };

        var summary = SyncErrorSummary.Of(
        [
            Error("a1", "INVALID_OPTION", "'Void' is not allowed", 3),
            Error("a2", "INVALID_OPTION", "'Void' is not allowed", 1),
            Error("a3", "INVALID_OPTION", "'Lost' is not allowed", 0),
            Error("a4", "STRING_TOO_LONG", "too long", 5),
            Error("a5", "FIELD_CUSTOM_VALIDATION_EXCEPTION", "Amount must be positive", 2),
        ]);

        Assert.Equal(3, summary.Count);
        var picklist = summary[0];
        Assert.Equal((SyncErrorCategory.PropertyValue, "INVALID_OPTION", 3), (picklist.Category, picklist.ErrorCode, picklist.Count));
        Assert.Equal(t0, picklist.Oldest);
        Assert.Equal(t0.AddHours(4), picklist.Newest);
        Assert.Equal("'Void' is not allowed", picklist.CommonestMessage);
        Assert.Equal(["Invoices"], picklist.Mappings);
        Assert.Equal((SyncErrorCategory.PropertyValue, "STRING_TOO_LONG", 1), (summary[1].Category, summary[1].ErrorCode, summary[1].Count));
        Assert.Equal(SyncErrorCategory.ValidationRule, summary[2].Category);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }
}
