using System.Text.RegularExpressions;
using SfHsSync.Engine.Metadata;

namespace SfHsSync.Engine.Tests.Validation;

/// <summary>
/// SupportedObjects holds exactly the standard objects HubSpot lists: the list shipped in docs/supported-objects.md,
/// which in turn equals the design notes' SUPPORTED-OBJECTS.md wherever that folder sits beside the repository.
/// </summary>
public sealed partial class SupportedObjectsListTests
{
    [Fact]
    public void The_engine_holds_exactly_the_documented_list_name_by_name()
    {
        var documented = ReadList(Path.Combine(RepositoryRoot(), "docs", "supported-objects.md"));

        Assert.Equal(123, documented.Count);
        Assert.Equal(documented.Count, documented.Distinct(StringComparer.Ordinal).Count());
        var engine = SupportedObjects.StandardObjects.ToHashSet(StringComparer.Ordinal);
        // Compared as lists so that a failure names each object missing on either side.
        Assert.Equal(Array.Empty<string>(), documented.Where(n => !engine.Contains(n)).ToArray());
        Assert.Equal(Array.Empty<string>(), engine.Where(n => !documented.Contains(n, StringComparer.Ordinal)).Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void The_shipped_list_equals_the_design_notes_where_they_are_present()
    {
        var design = Path.Combine(RepositoryRoot(), "..", "shared", "design", "SUPPORTED-OBJECTS.md");
        if (!File.Exists(design))
        {
            return; // A plain checkout (CI) has no design notes; the shipped copy is what the first test compares.
        }

        Assert.Equal(ReadList(design), ReadList(Path.Combine(RepositoryRoot(), "docs", "supported-objects.md")));
    }

    [Theory]
    [InlineData("AccountContactRelation", false, true)]
    [InlineData("OpportunitySplit", false, true)]
    [InlineData("WorkOrderLineItemStatus", false, true)]
    [InlineData("casecomment", false, true)]
    [InlineData("Quote", false, false)]
    [InlineData("Account", false, false)]
    [InlineData("Task", false, false)]
    [InlineData("AccountHistory", false, false)]
    public void Standard_objects_on_the_list_pass_and_others_do_not(string name, bool custom, bool supported)
        => Assert.Equal(supported, SupportedObjects.IsSupported(name, custom));

    [Theory]
    [InlineData("CampainMember", "CampaignMember")]
    [InlineData("workorders", "WorkOrder")]
    [InlineData("Invoice", null)]
    [InlineData("Campaign", null)]
    public void A_mistyped_name_suggests_the_nearest_supported_one(string typed, string? nearest)
        => Assert.Equal(nearest, SupportedObjects.Nearest(typed));

    /// <summary>The names of the list's bullet lines: each line is "- `Name`, `Name`, ..." and nothing else.</summary>
    private static List<string> ReadList(string path)
        => File.ReadAllLines(path)
            .Where(l => ListLine().IsMatch(l.Trim()))
            .SelectMany(l => Name().Matches(l).Select(m => m.Groups[1].Value))
            .ToList();

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SfHsSync.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"SfHsSync.sln was not found above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex(@"^- `[A-Za-z0-9]+`(, `[A-Za-z0-9]+`)*$")]
    private static partial Regex ListLine();

    [GeneratedRegex("`([A-Za-z0-9]+)`")]
    private static partial Regex Name();
}
