using System.Globalization;
using SfHsSync.Engine.Mapping;
using SfHsSync.Engine.Metadata;
using SfHsSync.Engine.Sync.Values;

namespace SfHsSync.Engine.Tests.Sync;

/// <summary>Values convert exactly, in every time zone and culture the sync may run in.</summary>
[Collection(TimeZoneCollection.Name)]
public sealed class FieldConverterTests
{
    private static FieldConverter Converter(string sfType, string hsType, string hsFieldType, int precision = 0, int scale = 0,
        string[]? hsOptions = null, string[]? sfValues = null, bool restricted = false)
        => new(
            new FieldMapping("Field__c", "field"),
            new SalesforceFieldDescription
            {
                Name = "Field__c", Type = sfType, Precision = precision, Scale = scale, RestrictedPicklist = restricted,
                PicklistValues = (sfValues ?? Array.Empty<string>()).Select(v => new SalesforcePicklistValue(v, v, true, false)).ToArray(),
            },
            new HubSpotPropertyDescription
            {
                Name = "field", Type = hsType, FieldType = hsFieldType,
                Options = (hsOptions ?? Array.Empty<string>()).Select(v => new HubSpotPropertyOption(v, v, false)).ToArray(),
            });

    // The zones: UTC, far west (midnight UTC is the previous local day), far east (the next local day), and a half-hour one.
    public static TheoryData<string> Zones => new() { "UTC", "Pacific/Honolulu", "America/Los_Angeles", "Pacific/Kiritimati", "Asia/Kolkata" };

    [Theory]
    [MemberData(nameof(Zones))]
    public void A_date_crosses_both_ways_without_shifting_a_day_in_any_time_zone(string zone)
    {
        using var _ = TimeZoneCollection.Use(zone);
        var c = Converter("date", "date", "date");

        Assert.Equal("2025-03-01", c.FromSalesforce("2025-03-01"));
        Assert.Equal("2025-03-01", c.ToHubSpot(c.FromSalesforce("2025-03-01")).Value);
        // HubSpot may send a date as epoch milliseconds at midnight UTC, or as an ISO datetime at midnight UTC.
        Assert.Equal("2025-03-01", c.FromHubSpot("1740787200000"));
        Assert.Equal("2025-03-01", c.FromHubSpot("2025-03-01T00:00:00Z"));
        Assert.Equal("2025-03-01", c.ToSalesforce(c.FromHubSpot("1740787200000")).Value);
        Assert.Equal("2024-12-31", c.FromHubSpot("2024-12-31"));
    }

    [Theory]
    [MemberData(nameof(Zones))]
    public void A_datetime_keeps_its_instant_with_its_offset_in_any_time_zone(string zone)
    {
        using var _ = TimeZoneCollection.Use(zone);
        var c = Converter("datetime", "datetime", "date");

        Assert.Equal("2025-03-01T23:30:00.000Z", c.FromSalesforce("2025-03-01T23:30:00.000Z"));
        Assert.Equal("2025-03-01T23:30:00.000Z", c.FromHubSpot("2025-03-02T01:30:00+02:00"));
        Assert.Equal("2025-03-01T23:30:00.000Z", c.FromHubSpot("1740871800000"));
        Assert.Equal(c.FromSalesforce("2025-03-01T23:30:00.000Z"), c.FromHubSpot(c.ToHubSpot("2025-03-01T23:30:00.000Z").Value));
    }

    [Theory]
    [MemberData(nameof(Zones))]
    public void A_datetime_kept_in_a_date_property_is_its_UTC_day(string zone)
    {
        using var _ = TimeZoneCollection.Use(zone);
        var c = Converter("datetime", "date", "date");
        Assert.Equal(ValueKind.DateTimeAsDate, c.Kind);
        Assert.Equal("2025-03-01", c.FromSalesforce("2025-03-01T23:30:00.000Z"));
        Assert.Equal("2025-03-01", c.FromHubSpot("1740787200000"));
        Assert.Equal("2025-03-01T00:00:00.000Z", c.ToSalesforce("2025-03-01").Value);
    }

    [Theory]
    [InlineData("de-DE")]
    [InlineData("fr-FR")]
    [InlineData("en-US")]
    public void Numbers_round_to_the_Salesforce_scale_and_compare_equal_whatever_the_culture(string culture)
    {
        var saved = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo(culture);
        try
        {
            var currency = Converter("currency", "number", "number", precision: 16, scale: 2);
            Assert.Equal("1234.5", currency.FromSalesforce("1234.5"));
            Assert.Equal("1234.5", currency.FromHubSpot("1234.50"));
            Assert.Equal("17.56", currency.FromHubSpot("17.555"));
            Assert.Equal("0", currency.FromHubSpot("-0.001"));
            Assert.Equal("1234.5", currency.ToHubSpot("1234.5").Value);

            var whole = Converter("double", "number", "number", precision: 18, scale: 0);
            Assert.Equal("3", whole.FromHubSpot("2.5"));
            Assert.Equal("1000", whole.FromHubSpot("1e3"));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void A_number_too_large_for_the_Salesforce_field_is_refused_with_a_reason()
    {
        var percent = Converter("percent", "number", "number", precision: 5, scale: 2);
        Assert.True(percent.ToSalesforce("999.99").Ok);
        var refused = percent.ToSalesforce("1000");
        Assert.False(refused.Ok);
        Assert.Equal("NUMBER_OUTSIDE_VALID_RANGE", refused.ErrorCode);
        Assert.Contains("Field__c", refused.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Checkboxes_have_no_empty_value()
    {
        var c = Converter("boolean", "bool", "booleancheckbox");
        Assert.Equal("true", c.FromHubSpot("TRUE"));
        Assert.Equal("false", c.FromHubSpot(""));
        Assert.Equal("false", c.FromHubSpot(null));
        Assert.Equal("false", c.ToSalesforce(null).Value);
        Assert.Equal("true", c.ToHubSpot("true").Value);
    }

    [Fact]
    public void Multi_selects_compare_as_sets_and_travel_as_semicolon_lists()
    {
        var c = Converter("multipicklist", "enumeration", "checkbox", hsOptions: new[] { "Email", "Portal", "Mail" });
        Assert.Equal("Email;Portal", c.FromSalesforce("Portal;Email"));
        Assert.Equal("Email;Portal", c.FromHubSpot(";Email;Portal;Email"));
        Assert.Null(c.FromHubSpot(""));
        Assert.Equal("Email;Portal", c.ToHubSpot("Email;Portal").Value);
        Assert.Equal(string.Empty, c.ToHubSpot(null).Value);
    }

    [Fact]
    public void An_option_the_other_side_lacks_is_a_record_error_never_a_silent_drop()
    {
        var status = Converter("picklist", "enumeration", "select", hsOptions: new[] { "Draft", "Sent", "Paid" },
            sfValues: new[] { "Draft", "Sent", "Paid", "Void" }, restricted: true);
        var refused = status.ToHubSpot("Void");
        Assert.False(refused.Ok);
        Assert.Equal("INVALID_OPTION", refused.ErrorCode);
        Assert.Contains("'Void'", refused.Error, StringComparison.Ordinal);
        Assert.Contains("field", refused.Error, StringComparison.Ordinal);

        Assert.False(status.ToSalesforce("Archived").Ok);
        Assert.Equal("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", status.ToSalesforce("Archived").ErrorCode);
        Assert.True(status.ToSalesforce("Paid").Ok);

        var channels = Converter("multipicklist", "enumeration", "checkbox", hsOptions: new[] { "Email", "Mail" });
        Assert.Equal("INVALID_OPTION", channels.ToHubSpot("Email;Portal").ErrorCode);
        Assert.Contains("'Portal'", channels.ToHubSpot("Email;Portal").Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_keeps_its_value_and_an_empty_text_is_no_value()
    {
        var c = Converter("string", "string", "text");
        Assert.Equal(" a;b ", c.FromSalesforce(" a;b "));
        Assert.Null(c.FromHubSpot(""));
        Assert.Equal(string.Empty, c.ToHubSpot(null).Value);
        Assert.Null(c.ToSalesforce(null).Value);
    }
}

/// <summary>Tests that change the process's time zone run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimeZoneCollection
{
    public const string Name = "Time zone";

    public static IDisposable Use(string zone)
    {
        var saved = Environment.GetEnvironmentVariable("TZ");
        Environment.SetEnvironmentVariable("TZ", zone);
        TimeZoneInfo.ClearCachedData();
        Assert.Equal(zone, TimeZoneInfo.Local.Id);
        return new Restore(saved);
    }

    private sealed class Restore(string? saved) : IDisposable
    {
        public void Dispose()
        {
            Environment.SetEnvironmentVariable("TZ", saved);
            TimeZoneInfo.ClearCachedData();
        }
    }
}
