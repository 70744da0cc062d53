using SfHsSync.Sandbox.HubSpot;

namespace SfHsSync.Sandbox.Tests.HubSpot;

/// <summary>The value rules and the clock on their own, without HTTP.</summary>
public sealed class HubSpotUnitTests
{
    private static readonly HubSpotProperty Checkboxes = new()
    {
        Name = "channels",
        Label = "Channels",
        Type = "enumeration",
        FieldType = "checkbox",
        Options = [new("Email", "Email"), new("Mail", "Mail")],
    };

    [Theory]
    [InlineData("Email;Mail", "Email;Mail")]
    [InlineData("Mail;", "Mail")]
    [InlineData("Email;Fax", null)]
    public void Multiple_checkboxes_take_options_joined_by_semicolons(string raw, string? stored)
    {
        var (value, problem) = HubSpotValueRules.Normalize(Checkboxes, raw);
        Assert.Equal(stored, value);
        Assert.Equal(stored is null, problem is not null);
    }

    [Fact]
    public void Dates_and_datetimes_compare_as_epoch_milliseconds()
    {
        Assert.True(HubSpotValueRules.TryNumeric("date", "2025-03-01", out var date));
        Assert.Equal(1_740_787_200_000m, date);
        Assert.True(HubSpotValueRules.TryNumeric("datetime", "2025-03-01T00:00:00.001Z", out var datetime));
        Assert.Equal(1_740_787_200_001m, datetime);
        Assert.False(HubSpotValueRules.TryNumeric("datetime", "soon", out _));
    }

    [Fact]
    public void The_clock_never_goes_backwards_and_can_be_frozen()
    {
        var clock = new HubSpotClock();
        var t = new DateTimeOffset(2040, 1, 1, 0, 0, 0, TimeSpan.Zero);
        clock.Freeze(t);
        Assert.Equal(t, clock.Now());
        Assert.Equal(t, clock.Now());
        clock.Freeze(t.AddDays(-1));
        Assert.Equal(t, clock.Now());
        clock.SetSource(() => t.AddTicks(12_345));
        Assert.Equal(t.AddMilliseconds(1), clock.Now());
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(t.AddMilliseconds(2001), clock.Now());
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.Advance(TimeSpan.FromSeconds(-1)));
    }

    [Theory]
    [InlineData("number", "text")]
    [InlineData("bool", "select")]
    [InlineData("date", "number")]
    [InlineData("phone_number", "text")]
    public void Type_and_fieldType_pairs_that_do_not_fit_are_refused(string type, string fieldType)
    {
        using var doc = System.Text.Json.JsonDocument.Parse($$"""{"name":"p","label":"P","type":"{{type}}","fieldType":"{{fieldType}}"}""");
        var e = Assert.Throws<HubSpotApiException>(() => HubSpotProperty.Parse(doc.RootElement, "g", DateTimeOffset.UnixEpoch, "test"));
        Assert.Equal(400, e.Error.StatusCode);
        Assert.Contains($"'{fieldType}'", e.Message, StringComparison.Ordinal);
    }
}
