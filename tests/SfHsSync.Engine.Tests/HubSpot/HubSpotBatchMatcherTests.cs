using SfHsSync.Engine.HubSpot;

namespace SfHsSync.Engine.Tests.HubSpot;

public sealed class HubSpotBatchMatcherTests
{
    private static HubSpotRecord Rec(string id) => new(id, new Dictionary<string, string?>(), default, default, false);

    [Fact]
    public void PlacesResultsByTraceIdWhateverOrderTheyComeIn()
    {
        var matcher = new HubSpotBatchMatcher(200, new string?[3]);
        matcher.AddResult(Rec("c"), "2", null, false);
        matcher.AddResult(Rec("a"), "0", null, true);
        matcher.AddError(new HubSpotRecordError("VALIDATION_ERROR", "bad amount") { PropertyNames = new[] { "amount" } }, new[] { "1" }, Array.Empty<string>());

        var results = matcher.Complete();

        Assert.Equal(new[] { 200, 201, 202 }, results.Select(r => r.Index));
        Assert.Equal("a", results[0].Id);
        Assert.True(results[0].IsNew);
        Assert.False(results[1].Success);
        Assert.Equal(new[] { "amount" }, results[1].Error!.PropertyNames);
        Assert.Equal("c", results[2].Id);
    }

    [Fact]
    public void PlacesErrorsNamingSeveralIdsAtEachOfThem()
    {
        var matcher = new HubSpotBatchMatcher(0, new[] { "1", "2", "3", "2" });
        matcher.AddResult(Rec("1"), null, "1", false);
        matcher.AddError(new HubSpotRecordError("OBJECT_NOT_FOUND", "missing"), Array.Empty<string>(), new[] { "2", "3" });

        var results = matcher.Complete();

        Assert.True(results[0].Success);
        Assert.All(results.Skip(1), r => Assert.Equal("OBJECT_NOT_FOUND", r.Error!.Category));
        Assert.Equal(new[] { "2", "3", "2" }, results.Skip(1).Select(r => r.Key));
    }

    [Fact]
    public void ReportsAnInputHubSpotSaidNothingAboutAsFailed()
    {
        var matcher = new HubSpotBatchMatcher(0, new string?[] { "1", "2" });
        matcher.AddResult(Rec("1"), null, "1", false);
        matcher.AddResult(Rec("1"), null, "1", false);

        var results = matcher.Complete();

        Assert.True(results[0].Success);
        Assert.Equal("MISSING_RESULT", results[1].Error!.Category);
    }

    [Fact]
    public void GivesLeftoverErrorsToLeftoverInputsInOrder()
    {
        var matcher = new HubSpotBatchMatcher(0, new string?[3]);
        matcher.AddResult(Rec("x"), "1", null, false);
        matcher.AddError(new HubSpotRecordError("A", "first"), Array.Empty<string>(), Array.Empty<string>());
        matcher.AddError(new HubSpotRecordError("B", "second"), Array.Empty<string>(), Array.Empty<string>());

        var results = matcher.Complete();

        Assert.Equal("A", results[0].Error!.Category);
        Assert.True(results[1].Success);
        Assert.Equal("B", results[2].Error!.Category);
    }
}
